import type { BenefitRuleId } from '../../schemas/benefits/award';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { BreakdownLine } from '../../schemas/payments/payment-parts';
import type { PaymentPeriod } from '../../schemas/payments/payment-parts';
import { formatRinggit } from '../../schemas/common/money';
import { uniq } from '../benefits/common';
import { addDays } from '../../schemas/common/calendar';
import { arrearsAmount } from './amounts';
import type { PeriodicTerms } from './terms';

/** The overpayment to recover, as positive amounts (the `BreakdownLine` contract has no negative sen). */
export interface Overpayment {
  /** The total overpaid, in sen (≥ 0): the amount to recover. */
  amountSen: number;
  /** One recovery line per paid period that ran past the stop date, each a positive amount marked "recovery". */
  lines: BreakdownLine[];
}

/**
 * PAY-OVP-001, PAY-STOP-001 (e.g. a late-reported death): the amount paid for days after `stopDate` (the last
 * entitled day, inclusive). For each paid period: wholly after the stop date, all of it was overpaid; straddling it,
 * what was paid less what the entitled part pays ({@link arrearsAmount} of `from..stopDate`: month by month, a
 * part month by PAY-MON-001, so a paid period may span several months); wholly before it, nothing. The recovery is returned as POSITIVE amounts (a `BreakdownLine` cannot be
 * negative; the sign lives in the word "recovery"); `pay.overpaymentRecovery` (default `same-recipient-only`): it is
 * a debt of this recipient only, offset against this recipient's later payments ({@link offsetRecovery}).
 */
export function overpaidAfter(
  terms: PeriodicTerms,
  paid: readonly { period: PaymentPeriod; amountSen: number }[],
  stopDate: string,
  tables: Readonly<RateTables>,
  params: EngineParams
): Overpayment {
  const lines: BreakdownLine[] = [];
  const sorted = [...paid].sort((a, b) => a.period.from.localeCompare(b.period.from));
  for (const p of sorted) {
    if (p.period.to <= stopDate) continue;
    const straddles = p.period.from <= stopDate;
    const due = straddles ? arrearsAmount(terms, { from: p.period.from, to: stopDate }, tables, params) : undefined;
    const overpaid = p.amountSen - (due?.amountSen ?? 0);
    if (overpaid <= 0) continue;
    const from = straddles ? addDays(stopDate, 1) : p.period.from;
    const ruleIds: BenefitRuleId[] = uniq([
      'PAY-OVP-001',
      'PAY-STOP-001',
      'PAY-MON-001',
      ...(due?.breakdown.flatMap((l) => l.ruleIds) ?? terms.ruleIds),
    ]);
    const version = due?.breakdown.at(-1)?.rateTableVersion ?? terms.rateTableVersions[0];
    lines.push(
      BreakdownLine.parse({
        period: { from, to: p.period.to },
        amountSen: overpaid,
        ruleIds,
        ...(version !== undefined ? { rateTableVersion: version } : {}),
        description: `recovery of an overpayment (${params.payment.overpaymentRecovery}): paid ${formatRinggit(p.amountSen)} for ${p.period.from} to ${p.period.to}, entitled ${formatRinggit(due?.amountSen ?? 0)} through ${stopDate}`,
      })
    );
  }
  return { amountSen: lines.reduce((s, l) => s + l.amountSen, 0), lines };
}

/**
 * PAY-OVP-001 (`same-recipient-only`): offsets an outstanding debt of a recipient against an amount due to the SAME
 * recipient: pays what is left and carries the rest of the debt forward. Never used across dependants.
 */
export function offsetRecovery(
  dueSen: number,
  debtSen: number
): { paySen: number; recoveredSen: number; debtSen: number } {
  const recoveredSen = Math.min(Math.max(0, dueSen), Math.max(0, debtSen));
  return { paySen: dueSen - recoveredSen, recoveredSen, debtSen: debtSen - recoveredSen };
}
