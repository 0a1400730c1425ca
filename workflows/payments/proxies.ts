import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { PERIODIC_IO, PERIODIC_LOCAL_IO } from '../activity-options';
import { LUMP_SUM_LOCAL_ACTIVITIES_PATCH } from './patches';

/** The activities a lump sum's payment workflow calls: the periodic award's short, idempotent I/O profile. */
export const payActs = proxyActivities<Activities>(PERIODIC_IO);

const localPayActs = proxyLocalActivities<Activities>(PERIODIC_LOCAL_IO);

/**
 * The payment's steps: from patch `lump-sum-local-activities` as local activities (each one store read, one ledger
 * write or one Kafka send, idempotent by payment id or event id); payments started before keep scheduled activities.
 */
export function paySteps(): Activities {
  return patched(LUMP_SUM_LOCAL_ACTIVITIES_PATCH) ? localPayActs : payActs;
}
