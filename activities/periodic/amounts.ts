import type { BenefitRuleId } from '../../schemas/benefits/award';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { BreakdownLine } from '../../schemas/payments/payment-parts';
import type { PaymentPeriod } from '../../schemas/payments/payment-parts';
import { formatRinggit } from '../../schemas/common/money';
import { GEN_RULES, uniq } from '../benefits/common';
import { addDays, addMonths, daysInclusive, daysInMonth, monthOf } from '../../schemas/common/calendar';
import { div, mul, rat, roundToSen } from '../benefits/rounding';
import { effectiveRate, rateChangeDates } from './revisions';
import type { PeriodicTerms } from './terms';

export type { PeriodicTerms, RateChange } from './terms';

/** An amount with the breakdown lines that make it up (they sum to it exactly and lie inside its period). */
export interface PeriodAmount {
  amountSen: number;
  breakdown: BreakdownLine[];
}

const dayOfMonth = (iso: string): number => Number(iso.slice(8, 10));

/**
 * PAY-MON-001: the paid days of a segment `[from, to]` of a FULL calendar month. A full month is
 * `payment.daysPerMonth` (D) paid days, whatever its length: day n of the month counts as paid day n for n ≤ D,
 * days after the D-th are not paid, and the last day of a month shorter than D stands for the days up to D. So the
 * segments of a full month split by a revision always add up to D (31-day January: 1–15 → 15, 16–31 → 15;
 * February: 1–14 → 14, 15–28 → 16).
 */
export function fullMonthSegmentDays(from: string, to: string, daysPerMonth: number): number {
  const last = daysInMonth(monthOf(to));
  const end = dayOfMonth(to) === last ? Math.max(last, daysPerMonth) : dayOfMonth(to);
  return Math.max(0, Math.min(end, daysPerMonth) - Math.min(dayOfMonth(from), daysPerMonth + 1) + 1);
}

function assertOneMonth(period: PaymentPeriod, terms: PeriodicTerms): void {
  if (period.to < period.from) throw new RangeError(`period ${period.from}..${period.to} ends before it starts`);
  if (monthOf(period.from) !== monthOf(period.to))
    throw new RangeError(`period ${period.from}..${period.to} spans more than one calendar month`);
  if (period.from < terms.benefitStartDate)
    throw new RangeError(`period ${period.from}..${period.to} starts before the benefit (${terms.benefitStartDate})`);
}

/**
 * The amount for one period inside ONE calendar month, with one breakdown line per rate segment (a revision or
 * rate change effective inside the period splits it). PAY-MON-001 (`payment.daysPerMonth`, default 30), GEN-RND-001:
 * - daily-rated lines (PDB, dependants' benefit): a full month pays the rounded daily rate × D; a part month the
 *   rounded daily rate × the entitled days (never more than D). No further rounding: the daily rate is rounded once.
 * - monthly-rated lines (pensions, CAA): a full month pays the monthly amount; a part month the monthly amount ×
 *   entitled days ÷ D, rounded half-up once per segment (the monthly amount's daily equivalent is never rounded on
 *   its own, so a full month is exactly the monthly amount).
 * In a full month split by a revision, each segment's days are counted by {@link fullMonthSegmentDays} so the
 * segments add up to D. Each line carries the award's rule ids, the steps of {@link effectiveRate}, PAY-MON-001 and
 * the table version that last changed the rate. Throws a RangeError for a period outside one month or before the
 * benefit began (use {@link entitledPeriod}).
 */
export function periodAmount(
  terms: PeriodicTerms,
  period: PaymentPeriod,
  tables: Readonly<RateTables>,
  params: EngineParams
): PeriodAmount {
  assertOneMonth(period, terms);
  const month = monthOf(period.from);
  const full = dayOfMonth(period.from) === 1 && dayOfMonth(period.to) === daysInMonth(month);
  const D = params.payment.daysPerMonth;
  const cuts = rateChangeDates(terms, period.from, period.to, tables, params);
  const starts = [period.from, ...cuts];
  let remaining = D;
  const breakdown: BreakdownLine[] = [];
  starts.forEach((from, i) => {
    const next = starts[i + 1];
    const to = next === undefined ? period.to : addDays(next, -1);
    const days = full ? fullMonthSegmentDays(from, to, D) : Math.min(daysInclusive(from, to), remaining);
    remaining -= days;
    if (days === 0) return;
    const eff = effectiveRate(terms, from, tables, params);
    const daily = eff.rate.periodUnit === 'day';
    const amountSen = daily
      ? (eff.rate.dailyRateSen ?? 0) * days
      : roundToSen(div(mul(rat(eff.rate.monthlyAmountSen), rat(days)), rat(D)), params.rounding.mode);
    const how = daily
      ? `${formatRinggit(eff.rate.dailyRateSen ?? 0)}/day × ${days} day(s)`
      : days === D
        ? `${formatRinggit(eff.rate.monthlyAmountSen)}/month`
        : `${formatRinggit(eff.rate.monthlyAmountSen)}/month × ${days}/${D}`;
    const steps = eff.applied.length > 0 ? `; ${eff.applied.join(', ')}` : '';
    const ruleIds: BenefitRuleId[] = uniq([...eff.ruleIds, 'PAY-MON-001', ...GEN_RULES]);
    breakdown.push(
      BreakdownLine.parse({
        period: { from, to },
        amountSen,
        ruleIds,
        ...(eff.rateTableVersion !== undefined ? { rateTableVersion: eff.rateTableVersion } : {}),
        description: `${terms.benefitType} ${from} to ${to}${full ? ' (full month)' : ''}: ${how}${steps}`.slice(
          0,
          300
        ),
      })
    );
  });
  return { amountSen: breakdown.reduce((s, l) => s + l.amountSen, 0), breakdown };
}

/**
 * PAY-ARR-001 (EI-PDB-008, EI-DEP-007): arrears over any span, month by month: each calendar month inside the span
 * is paid as {@link periodAmount} pays it (a whole month as a full month, the first and last possibly part months),
 * with one breakdown line per month or rate segment, so the lines itemise the arrears and sum to them exactly.
 */
export function arrearsAmount(
  terms: PeriodicTerms,
  period: PaymentPeriod,
  tables: Readonly<RateTables>,
  params: EngineParams
): PeriodAmount {
  if (period.to < period.from) throw new RangeError(`period ${period.from}..${period.to} ends before it starts`);
  const breakdown: BreakdownLine[] = [];
  for (let month = monthOf(period.from); month <= monthOf(period.to); month = addMonths(month, 1)) {
    const piece = entitledPeriod(month, period.from, period.to);
    if (piece) breakdown.push(...periodAmount(terms, piece, tables, params).breakdown);
  }
  return { amountSen: breakdown.reduce((s, l) => s + l.amountSen, 0), breakdown };
}

/**
 * The entitled days of `month` (YYYY-MM) for a benefit paid from `startDate` through `stopDate` (both inclusive;
 * PAY-STOP-001 `pay.stopDate`: through the date of death, through the day before the 21st birthday, marriage or
 * completion, see {@link lastPaidDay}), or undefined when none of the month is entitled.
 */
export function entitledPeriod(month: string, startDate: string, stopDate?: string): PaymentPeriod | undefined {
  const first = `${month}-01`;
  const last = `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
  const from = startDate > first ? startDate : first;
  const to = stopDate !== undefined && stopDate < last ? stopDate : last;
  return from <= to ? { from, to } : undefined;
}

/** What ends a share or a line (PAY-STOP-001). */
export type StopEvent = 'death' | 'age' | 'marriage' | 'end-of-study' | 'end-of-incapacity' | 'recovery' | 'end-date';

/**
 * PAY-STOP-001 (`pay.stopDate`, default `through-day-before-event-and-date-of-death`): the last paid day for a stop
 * event on `eventDate`: the date itself for a death or a stated end date; the day before for the 21st birthday,
 * a marriage, the completion of a first degree, the end of an incapacity or a recovery.
 */
export function lastPaidDay(event: StopEvent, eventDate: string): string {
  return event === 'death' || event === 'end-date' ? eventDate : addDays(eventDate, -1);
}
