import fc from 'fast-check';
import { addMonths, dayNumber, fromDayNumber, monthOf } from '../../../schemas/common/calendar';
import type { PeriodicTerms } from '../../../activities/periodic/amounts';
import { arrearsAmount, entitledPeriod, periodAmount } from '../../../activities/periodic/amounts';
import { effectiveRate, rateChangeDates } from '../../../activities/periodic/revisions';
import { BreakdownLine } from '../../../schemas/payments/payment-parts';
import { daily, monthly, round, tables, withRounds } from './builders';

const day = (min: string, max: string) =>
  fc.integer({ min: dayNumber(min), max: dayNumber(max) }).map((n) => fromDayNumber(n));
const percent = fc.integer({ min: 1, max: 120 }).map((n) => (n / 10).toFixed(1)); // "0.1" .. "12.0", exact text

const scenario = fc
  .record({
    kind: fc.constantFrom(
      'permanent-disablement',
      'dependants',
      'invalidity-pension',
      'survivors-pension',
      'constant-attendance'
    ),
    sen: fc.integer({ min: 100, max: 400_000 }),
    start: day('1995-01-01', '2030-12-31'),
    lengthDays: fc.integer({ min: 0, max: 6 * 366 }),
    offsetDays: fc.integer({ min: 0, max: 400 }),
    rounds: fc.array(fc.record({ date: day('1995-01-01', '2040-12-31'), pct: percent }), { maxLength: 3 }),
    changes: fc.array(
      fc.record({ afterDays: fc.integer({ min: 1, max: 3000 }), sen: fc.integer({ min: 100, max: 400_000 }) }),
      {
        maxLength: 2,
      }
    ),
  })
  .map((s) => {
    const isDaily = s.kind === 'permanent-disablement' || s.kind === 'dependants';
    const rate = (sen: number) => (isDaily ? daily(Math.ceil(sen / 30)) : monthly(sen));
    const terms: PeriodicTerms = {
      benefitType: s.kind,
      rate: rate(s.sen),
      rateAsOf: s.start,
      benefitStartDate: s.start,
      ruleIds: ['PAY-ARR-001'],
      rateTableVersions: ['TEST-1'],
      rateChanges: s.changes.map((c) => ({
        effectiveDate: fromDayNumber(dayNumber(s.start) + c.afterDays),
        rate: rate(c.sen),
        ruleIds: ['EI-DEP-004'],
        reason: 'share recomputed',
      })),
    };
    const from = fromDayNumber(dayNumber(s.start) + s.offsetDays);
    const to = fromDayNumber(dayNumber(from) + s.lengthDays);
    const params = withRounds(...s.rounds.map((r, i) => round(`R${i}`, r.date, r.pct)));
    return { terms, period: { from, to }, params };
  });

describe('PAY-ARR-001 properties', () => {
  it('when arrears cover any span, then they equal the sum of the month-by-month amounts, and every line lies inside one month of the span', () => {
    fc.assert(
      fc.property(scenario, ({ terms, period, params }) => {
        const arrears = arrearsAmount(terms, period, tables, params);
        let expected = 0;
        for (let m = monthOf(period.from); m <= monthOf(period.to); m = addMonths(m, 1)) {
          const piece = entitledPeriod(m, period.from, period.to);
          if (piece) expected += periodAmount(terms, piece, tables, params).amountSen;
        }
        expect(arrears.amountSen).toBe(expected);
        expect(arrears.breakdown.reduce((s, l) => s + l.amountSen, 0)).toBe(arrears.amountSen);
        let previousTo = '';
        for (const l of arrears.breakdown) {
          expect(BreakdownLine.safeParse(l).success).toBe(true);
          expect(l.ruleIds).toContain('PAY-MON-001');
          expect(l.period.from >= period.from && l.period.to <= period.to).toBe(true);
          expect(monthOf(l.period.from)).toBe(monthOf(l.period.to));
          expect(l.period.from > previousTo).toBe(true); // ordered, never overlapping
          previousTo = l.period.to;
        }
      }),
      { numRuns: 300 }
    );
  });

  it('when a whole month has no rate change inside it, then it pays exactly the effective monthly amount', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 60 }), ({ terms, params }, k) => {
        const month = addMonths(monthOf(terms.benefitStartDate), k);
        const full = entitledPeriod(month, `${month}-01`)!;
        fc.pre(rateChangeDates(terms, full.from, full.to, tables, params).length === 0);
        const amount = periodAmount(terms, full, tables, params).amountSen;
        expect(amount).toBe(effectiveRate(terms, full.from, tables, params).rate.monthlyAmountSen);
      }),
      { numRuns: 200 }
    );
  });
});
