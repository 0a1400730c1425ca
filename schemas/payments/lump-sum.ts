import { z } from 'zod';
import { BenefitType } from '../benefits/award';
import { ClaimId, EventId } from '../claim/ids';
import { IsoDateTime } from '../common/dates';
import { PeriodicConfig } from '../periodic/start-input';
import { AwardId, BeneficiaryId, PaymentId } from './ids';

const Sen = z.number().int().nonnegative();

/**
 * The start input of a lump sum's payment workflow `payment-<paymentId>` (workflows/payments/lump-sum-payment.ts):
 * ids and the amount only (the payee stays in the ledger's instruction); `config` takes the same result timeout and
 * failed-payment retry schedule as a periodic award (PERIODIC_RESULT_TIMEOUT, PERIODIC_RETRY_SCHEDULE).
 */
export const LumpSumPaymentInput = z
  .object({
    paymentId: PaymentId,
    claimId: ClaimId,
    awardId: AwardId,
    beneficiaryId: BeneficiaryId,
    benefitType: BenefitType,
    amountSen: Sen,
    config: PeriodicConfig.pick({ resultTimeout: true, failedRetrySchedule: true }).prefault({}),
  })
  .strict();
export type LumpSumPaymentInput = z.infer<typeof LumpSumPaymentInput>;
export type LumpSumPaymentInputIn = z.input<typeof LumpSumPaymentInput>;

/**
 * Where a lump sum stands: `sent` (waiting for the bank, or re-sent after a failure), `held` (returned, or failed on
 * every attempt: an officer acts, with new bank details or a retry), `paid` (the workflow has ended).
 */
export const LumpSumPaymentState = z.enum(['sent', 'held', 'paid']);
export type LumpSumPaymentState = z.infer<typeof LumpSumPaymentState>;

/** The answer to `getPaymentStatus` (no personal data). */
export const LumpSumPaymentStatus = z
  .object({
    paymentId: PaymentId,
    claimId: ClaimId,
    awardId: AwardId,
    beneficiaryId: BeneficiaryId,
    benefitType: BenefitType,
    amountSen: Sen,
    state: LumpSumPaymentState,
    holdReason: z.enum(['payment-returned', 'payment-failed']).optional(),
    /** True when no answer came within the result timeout (an operator event went out; the wait goes on). */
    overdue: z.boolean(),
    attempts: z.number().int().positive(),
    /**
     * How many times the payment has been held so far (1 during the first hold). An officer's command is idempotent
     * per hold: the CLI keys its update on this number, so repeating a command on the same hold is answered once,
     * while the same command on a later hold acts again. Absent from payments started before it was added.
     */
    holds: z.number().int().nonnegative().optional(),
    /** The bank's answers so far, oldest first. */
    results: z.array(
      z.object({ eventId: EventId, status: z.enum(['paid', 'failed', 'returned']), settledAt: IsoDateTime }).strict()
    ),
  })
  .strict();
export type LumpSumPaymentStatus = z.infer<typeof LumpSumPaymentStatus>;
