import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { PERIODIC_IO } from '../activity-options';

/** The activities a lump sum's payment workflow calls: the periodic award's short, idempotent I/O profile. */
export const payActs = proxyActivities<Activities>(PERIODIC_IO);
