import { z } from 'zod';
import { IsoDate, IsoDateTime, YearMonth } from '../common/dates';
import { BenefitType } from '../benefits/award';
const Sen = z.number().int().nonnegative();
import { PaymentId } from '../payments/ids';

/** A periodic award's status (search attribute `AwardStatus`). */
export const AwardStatus = z.enum(['active', 'suspended', 'stopped']);
export type AwardStatus = z.infer<typeof AwardStatus>;

/** Why an award is suspended or stopped. */
export const AwardHoldReason = z.enum([
  'operator',
  'declaration-missing',
  'payment-returned',
  'payment-failed',
  'death',
  'age-limit',
  'marriage',
  'caa-review',
  'end-of-study',
]);
export type AwardHoldReason = z.infer<typeof AwardHoldReason>;

/** One instruction of the award and what the bank said about it. */
export const PeriodicPaymentSummary = z
  .object({
    paymentId: PaymentId,
    month: YearMonth,
    /** The months the instruction covers (more than one for arrears). */
    months: z.array(YearMonth).min(1),
    amountSen: Sen,
    /** A debt offset against this payment (PAY-OVP-001). */
    recoveredSen: Sen.default(0),
    result: z.enum(['pending', 'paid', 'failed', 'returned', 'on-hold']),
    attempts: z.number().int().positive(),
    issuedAt: IsoDateTime,
  })
  .strict();
export type PeriodicPaymentSummary = z.infer<typeof PeriodicPaymentSummary>;

/** The answer of the `getAwardStatus` query (no personal data). */
export const PeriodicAwardStatus = z
  .object({
    awardId: z.string(),
    beneficiaryId: z.string(),
    benefitType: BenefitType,
    status: AwardStatus,
    holdReason: AwardHoldReason.optional(),
    /** The next instalment's month and due date, absent once stopped. */
    nextMonth: YearMonth.optional(),
    nextDueAt: IsoDateTime.optional(),
    /** The last day paid for (the end of the last month paid, or the stop date). */
    paidToDate: IsoDate.optional(),
    /** Months owed but not yet paid (suspension, failures): paid as arrears. */
    unpaidMonths: z.array(YearMonth),
    /** Overpayment still to recover from later payments (PAY-OVP-001). */
    debtSen: Sen,
    declarationDue: IsoDate.optional(),
    /** An operator's suspension (PAY-SUSP-001) lifts by itself at this month's cycle unless extended or resumed. */
    suspendedUntilMonth: YearMonth.optional(),
    stopDate: IsoDate.optional(),
    /**
     * Times the award was suspended, and made active again after a suspension. The CLI keys an officer's suspend on
     * `resumptions` and resume or new bank details on `suspensions`: a repeat within one suspension acts once, the same
     * command on a later one acts again. Absent from awards that have not answered since they were added.
     */
    suspensions: z.number().int().nonnegative().optional(),
    resumptions: z.number().int().nonnegative().optional(),
    cyclesCompleted: z.number().int().nonnegative(),
    runs: z.number().int().positive(),
    lastPayments: z.array(PeriodicPaymentSummary).max(12),
  })
  .strict();
export type PeriodicAwardStatus = z.infer<typeof PeriodicAwardStatus>;
