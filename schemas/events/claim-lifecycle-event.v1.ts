import { z } from 'zod';
import { IsoDateTime } from '../common/dates';
import { EventDetails } from '../claim/event-details';
import { ClaimId, EventId, Reason } from '../claim/ids';
import { ClaimEventType, ClaimStage, STAGE_AFTER_EVENT } from '../claim/stage';

/**
 * Version 1 of the `claims.events` event (key: claimId): one step in a claim's life, with the stage it left the
 * claim in and a reason a person can read. `sequence` counts from 1 per claim with no gaps, so a consumer can spot
 * a missed or repeated event. No personal data: `details` holds ids, codes and counts only.
 */
export const ClaimLifecycleEventV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId: EventId,
    claimId: ClaimId,
    sequence: z.number().int().positive(),
    type: ClaimEventType,
    occurredAt: IsoDateTime,
    stage: ClaimStage,
    reason: Reason,
    details: EventDetails,
  })
  .strict()
  .superRefine((e, ctx) => {
    const expected = STAGE_AFTER_EVENT[e.type];
    if (expected !== undefined && e.stage !== expected) {
      ctx.addIssue({ code: 'custom', path: ['stage'], message: `must be ${expected} after ${e.type}` });
    }
    if (e.type === 'claim-received' && e.sequence !== 1) {
      ctx.addIssue({ code: 'custom', path: ['sequence'], message: 'claim-received is always sequence 1' });
    }
  });
export type ClaimLifecycleEventV1 = z.infer<typeof ClaimLifecycleEventV1>;

/** Any supported version of the `claims.events` event. */
export const ClaimLifecycleEvent = z.discriminatedUnion('schemaVersion', [ClaimLifecycleEventV1]);
export type ClaimLifecycleEvent = z.infer<typeof ClaimLifecycleEvent>;
