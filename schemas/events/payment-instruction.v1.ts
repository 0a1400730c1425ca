import { z } from 'zod';
import { IsoDate, IsoDateTime, YearMonth } from '../common/dates';
import { ClaimId, EventId } from '../claim/ids';
import { AwardId, BeneficiaryId, PaymentId } from '../payments/ids';
import { BreakdownLine, Payee, PaymentPeriod } from '../payments/payment-parts';
import { BenefitType } from '../benefits/award';
import { Sen } from '../common/money';

/**
 * Version 1 of the `payments.instructions` event (key: claimId; header `payment-id`): pay one beneficiary one
 * amount for one award and month. `paymentId` is `<awardId>:<beneficiaryId>:<month>` (STYLE H15), so the payments
 * system can drop duplicates; the breakdown lines sum to the amount and lie inside the period. `awardId` names the
 * award line paid, `<claim's awardId>.<lineId>` (e.g. `C-2026-000123-AWD-1.CAA-1`), for claims from patch
 * `claim-payment-id-per-line` on; instructions of earlier claims carry the claim's award id alone.
 */
export const PaymentInstructionV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId: EventId,
    paymentId: PaymentId,
    claimId: ClaimId,
    awardId: AwardId,
    beneficiaryId: BeneficiaryId,
    benefitType: BenefitType,
    month: YearMonth,
    amountSen: Sen,
    period: PaymentPeriod,
    breakdown: z.array(BreakdownLine).min(1),
    payee: Payee,
    issuedAt: IsoDateTime,
    /**
     * The day the money is due in the beneficiary's account: a periodic instalment's payment date (PAY-CAL-001), so an
     * instruction prepared days ahead (spread over the preparation window) is still paid on the 25th. Absent: pay on
     * receipt (lump sums, re-sends after the date, instructions from before this field).
     */
    valueDate: IsoDate.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const add = (path: PropertyKey[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
    if (p.paymentId !== `${p.awardId}:${p.beneficiaryId}:${p.month}`) {
      add(['paymentId'], 'must be <awardId>:<beneficiaryId>:<month> of this instruction');
    }
    if (p.amountSen <= 0) add(['amountSen'], 'a payment instruction pays more than zero');
    const total = p.breakdown.reduce((sum, line) => sum + line.amountSen, 0);
    if (total !== p.amountSen) add(['breakdown'], `lines sum to ${total} sen, not amountSen ${p.amountSen}`);
    p.breakdown.forEach((line, i) => {
      if (line.period.from < p.period.from || line.period.to > p.period.to) {
        add(['breakdown', i, 'period'], 'lies outside the payment period');
      }
    });
  });
export type PaymentInstructionV1 = z.infer<typeof PaymentInstructionV1>;

/** Any supported version of the `payments.instructions` event. */
export const PaymentInstruction = z.discriminatedUnion('schemaVersion', [PaymentInstructionV1]);
export type PaymentInstruction = z.infer<typeof PaymentInstruction>;
