import { proxyActivities } from '@temporalio/workflow';
import type { PeriodicActivities } from '../../activities/periodic';
import { PERIODIC_IO } from '../activity-options';

/** The activities the periodic-award workflow calls, all short I/O (STYLE H4) with a short timeout. */
export const pacts = proxyActivities<PeriodicActivities>(PERIODIC_IO);
