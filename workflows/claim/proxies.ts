import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { STANDARD_IO } from '../activity-options';

/** The activities the claim workflow calls, all short I/O (STYLE H4). */
export const acts = proxyActivities<Activities>(STANDARD_IO);
