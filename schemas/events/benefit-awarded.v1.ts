import { z } from 'zod';
import { IsoDate, IsoDateTime } from '../common/dates';
import { AwardLine } from '../benefits/award';
import { ActorId, ClaimId, EventId } from '../claim/ids';
import { AwardId } from '../payments/ids';

/**
 * Version 1 of the `benefits.awarded` event (key: claimId): one award line (one benefit for one beneficiary, with
 * its amount, rule ids and rate-table versions) became final for a claim. Lines that needed approval carry the
 * approving officer. Payment instructions for the line follow on `payments.instructions`.
 */
export const BenefitAwardedV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId: EventId,
    claimId: ClaimId,
    awardId: AwardId,
    asOf: IsoDate,
    line: AwardLine,
    approvedBy: ActorId.optional(),
    awardedAt: IsoDateTime,
  })
  .strict();
export type BenefitAwardedV1 = z.infer<typeof BenefitAwardedV1>;

/** Any supported version of the `benefits.awarded` event. */
export const BenefitAwarded = z.discriminatedUnion('schemaVersion', [BenefitAwardedV1]);
export type BenefitAwarded = z.infer<typeof BenefitAwarded>;
