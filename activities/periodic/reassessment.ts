import type { BenefitRuleId } from '../../schemas/benefits/award';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { BreakdownLine } from '../../schemas/payments/payment-parts';
import type { PaymentPeriod } from '../../schemas/payments/payment-parts';
import { formatRinggit } from '../../schemas/common/money';
import { uniq } from '../benefits/common';
import { arrearsAmount } from './amounts';
import type { PeriodicTerms } from './terms';

/** One paid period looked at again: what was paid for it and what the terms now make due. */
export interface ReassessedPeriod {
  period: PaymentPeriod;
  paidSen: number;
  dueSen: number;
}

/** The outcome of looking again at paid periods after a change effective inside them. */
export interface Reassessment {
  /** Σ (due − paid) in sen: positive is owed to the recipient, negative was overpaid. */
  deltaSen: number;
  periods: ReassessedPeriod[];
  /**
   * The difference as breakdown lines (positive amounts: a `BreakdownLine` cannot be negative). When `deltaSen` > 0
   * they are arrears to pay with the next instalment; when < 0 they are the recovery to record. One line per period
   * when every period moved the same way, else one net line over the span.
   */
  lines: BreakdownLine[];
}

/**
 * PAY-ARR-001 (revisions and changes are paid from their effective date) and PAY-OVP-001: a rate change effective on
 * `from` reaches back into periods already paid (e.g. a child's marriage reported late: the siblings' shares rise
 * from the day after it, EI-DEP-004). Every paid period ending on or after `from` is recomputed with `terms` (which
 * carry the change) by {@link arrearsAmount}, and compared with what was paid for it. Paid amounts are the gross
 * amounts the periods were computed at (before any debt offset), so the difference is exact and a later change
 * compares with these new amounts.
 */
export function reassessPaid(
  terms: PeriodicTerms,
  paid: readonly { period: PaymentPeriod; amountSen: number }[],
  from: string,
  tables: Readonly<RateTables>,
  params: EngineParams,
  cause = 'a rate change'
): Reassessment {
  const periods = [...paid]
    .filter((p) => p.period.to >= from)
    .sort((a, b) => a.period.from.localeCompare(b.period.from))
    .map((p) => ({ p, due: arrearsAmount(terms, p.period, tables, params) }));
  const reassessed: ReassessedPeriod[] = periods.map(({ p, due }) => ({
    period: p.period,
    paidSen: p.amountSen,
    dueSen: due.amountSen,
  }));
  const deltaSen = reassessed.reduce((s, r) => s + r.dueSen - r.paidSen, 0);
  if (deltaSen === 0) return { deltaSen, periods: reassessed, lines: [] };
  const owed = deltaSen > 0;
  const kind = owed ? `arrears after ${cause}` : `recovery of an overpayment after ${cause}`;
  const rulesOf = (due: { breakdown: BreakdownLine[] }): BenefitRuleId[] =>
    uniq([owed ? 'PAY-ARR-001' : 'PAY-OVP-001', ...due.breakdown.flatMap((l) => l.ruleIds)]);
  const line = (period: PaymentPeriod, amountSen: number, ruleIds: BenefitRuleId[], version?: string, text = '') =>
    BreakdownLine.parse({
      period,
      amountSen,
      ruleIds,
      ...(version !== undefined ? { rateTableVersion: version } : {}),
      description: `${kind} from ${from}${text}`.slice(0, 300),
    });
  const sameWay = reassessed.every((r) => (owed ? r.dueSen >= r.paidSen : r.dueSen <= r.paidSen));
  if (sameWay) {
    const lines = periods.flatMap(({ p, due }) => {
      const diff = Math.abs(due.amountSen - p.amountSen);
      return diff === 0
        ? []
        : [
            line(
              p.period,
              diff,
              rulesOf(due),
              due.breakdown.at(-1)?.rateTableVersion,
              `: paid ${formatRinggit(p.amountSen)} for ${p.period.from} to ${p.period.to}, now due ${formatRinggit(due.amountSen)}`
            ),
          ];
    });
    return { deltaSen, periods: reassessed, lines };
  }
  const span = { from: reassessed[0]?.period.from ?? from, to: reassessed.at(-1)?.period.to ?? from };
  const ruleIds = uniq(periods.flatMap(({ due }) => rulesOf(due)));
  return {
    deltaSen,
    periods: reassessed,
    lines: [line(span, Math.abs(deltaSen), ruleIds, periods.at(-1)?.due.breakdown.at(-1)?.rateTableVersion)],
  };
}
