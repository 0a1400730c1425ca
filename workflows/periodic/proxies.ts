import { proxyActivities } from '@temporalio/workflow';
import type { PeriodicActivities } from '../../activities/periodic';
import { STANDARD_IO } from '../activity-options';

/** The activities the periodic-award workflow calls, all short I/O (STYLE H4). */
export const pacts = proxyActivities<PeriodicActivities>(STANDARD_IO);
