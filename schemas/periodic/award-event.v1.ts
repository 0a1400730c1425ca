import { z } from 'zod';
import { IsoDateTime } from '../common/dates';
import { ClaimId, EventId } from '../claim/ids';
import { AwardId, BeneficiaryId } from '../payments/ids';
import { BenefitType } from '../benefits/award';
import { AwardStatus } from './status';

/** What happened to a periodic award. */
export const PeriodicAwardEventType = z.enum([
  'award-started',
  'payment-issued',
  'payment-paid',
  'payment-failed',
  'payment-retried',
  'payment-returned',
  'payment-on-hold',
  'payment-result-overdue',
  'declaration-reminder',
  'declaration-recorded',
  'award-suspended',
  'award-resumed',
  'award-stopped',
  'bank-account-changed',
  'rate-changed',
  'overpayment-recorded',
  'estate-arrears-owed',
  'funeral-benefit-triggered',
  'survivors-pension-triggered',
  'caa-review-recorded',
]);
export type PeriodicAwardEventType = z.infer<typeof PeriodicAwardEventType>;

/** Whose life the event is a step of: a periodic award, or one lump sum's payment (issue 11: one payment life). */
export const AwardEventKind = z.enum(['periodic-award', 'lump-sum-payment']);
export type AwardEventKind = z.infer<typeof AwardEventKind>;

/**
 * Version 1 of a periodic award's lifecycle event on `awards.events` (key: the periodic workflow id
 * `award-<awardId>-<beneficiaryId>`; header `event-type: periodic-award`). `sequence` counts from 1 per workflow
 * id with no gaps. No personal data: ids, codes, months and amounts only. `operator: true` marks events an officer
 * must act on (a payment on hold, an overdue result, a survivors' pension to start).
 */
export const PeriodicAwardEventV1 = z
  .object({
    schemaVersion: z.literal(1),
    /** `lump-sum-payment`: the same payment steps of a lump sum's payment workflow `payment-<paymentId>`. */
    kind: AwardEventKind,
    eventId: EventId,
    workflowId: z.string().min(1).max(200),
    sequence: z.number().int().positive(),
    claimId: ClaimId,
    awardId: AwardId,
    beneficiaryId: BeneficiaryId,
    benefitType: BenefitType,
    type: PeriodicAwardEventType,
    status: AwardStatus,
    operator: z.boolean(),
    reason: z.string().trim().min(1).max(500),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    occurredAt: IsoDateTime,
  })
  .strict();
export type PeriodicAwardEventV1 = z.infer<typeof PeriodicAwardEventV1>;
