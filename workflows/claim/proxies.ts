import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { LOCAL_IO, STANDARD_IO } from '../activity-options';
import { CLAIM_PATCHES } from './patches';

/** The activities the claim workflow calls, all short I/O (STYLE H4), as scheduled activities. */
export const acts = proxyActivities<Activities>(STANDARD_IO);

/** The same activities run as local activities: in the worker that runs the workflow task, recorded as markers. */
const localActs = proxyLocalActivities<Activities>(LOCAL_IO);

/**
 * The claim's short steps (publish an event, verify, compute and store an award, issue a payment): each is one store
 * write or one Kafka send, idempotent by a derived id, done in well under a second. From patch
 * `claim-local-activities` they run as local activities, so a claim's steps cost no round trip to the server each:
 * a simple awarded claim went from 10 scheduled activities and 95 history events to markers in a handful of
 * workflow tasks. Claims started before the patch keep scheduled activities for the steps they replay.
 */
export function steps(): Activities {
  return patched(CLAIM_PATCHES.localActivities) ? localActs : acts;
}
