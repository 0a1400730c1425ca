import { z } from 'zod';
import { IsoDate } from '../common/dates';
import { Sen } from '../common/money';
import { BankAccount, PersonName } from '../registry/personal';
import { BenefitRuleId } from '../benefits/award';

/** An inclusive range of calendar days a payment or a breakdown line covers. */
export const PaymentPeriod = z
  .object({ from: IsoDate, to: IsoDate })
  .strict()
  .superRefine((p, ctx) => {
    if (p.to < p.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  });
export type PaymentPeriod = z.infer<typeof PaymentPeriod>;

/**
 * One itemised line of a payment: the days it covers, the amount and the rules that produced it. A first payment
 * that catches up arrears has one line per month back to the effective date (PAY-ARR-001, EI-PDB-008).
 */
export const BreakdownLine = z
  .object({
    period: PaymentPeriod,
    amountSen: Sen,
    ruleIds: z.array(BenefitRuleId).min(1),
    rateTableVersion: z.string().min(1).max(60).optional(),
    description: z.string().trim().min(1).max(300),
  })
  .strict();
export type BreakdownLine = z.infer<typeof BreakdownLine>;

/**
 * Who is paid and where (PAY-BANK-001): the recipient's name and BKA-1 bank account, or a guardian's for a minor
 * (PKS(F)17). Personal data; it appears only here in payment events.
 */
export const Payee = z
  .object({
    name: PersonName,
    bankAccount: BankAccount,
    paidToGuardian: z.boolean(),
  })
  .strict();
export type Payee = z.infer<typeof Payee>;
