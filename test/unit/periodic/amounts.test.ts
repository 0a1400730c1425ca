import {
  arrearsAmount,
  entitledPeriod,
  fullMonthSegmentDays,
  lastPaidDay,
  periodAmount,
} from '../../../activities/periodic/amounts';
import { BreakdownLine } from '../../../schemas/payments/payment-parts';
import { daily, defaults, paramsWith, pdbTerms, pensionTerms, round, tables, withRounds } from './builders';

const sum = (xs: { amountSen: number }[]) => xs.reduce((s, x) => s + x.amountSen, 0);

describe('PAY-MON-001: one month of a daily-rated benefit (PDB RM88.50/day)', () => {
  it.each([
    ['a full 31-day month pays 30 days', '2026-03-01', '2026-03-31', 265500],
    ['a full February pays 30 days', '2026-02-01', '2026-02-28', 265500],
    ['a part first month (from the 10th of January, 22 days)', '2026-01-10', '2026-01-31', 22 * 8850],
    ['a part month of 30 days in a 31-day month pays as a full month', '2026-03-02', '2026-03-31', 30 * 8850],
    ['a part February (2nd to 28th) pays the 27 entitled days', '2026-02-02', '2026-02-28', 27 * 8850],
  ])('when %s, then the rounded daily rate × days', (_t, from, to, amount) => {
    const r = periodAmount(pdbTerms('2026-01-10'), { from, to }, tables, defaults);
    expect(r.amountSen).toBe(amount);
    expect(r.breakdown).toHaveLength(1);
    expect(r.breakdown[0]?.period).toEqual({ from, to });
    expect(r.breakdown[0]?.ruleIds).toEqual(expect.arrayContaining(['EI-PDB-005', 'PAY-MON-001', 'GEN-RND-001']));
    expect(r.breakdown[0]?.rateTableVersion).toBe('EI-RATES-2014-01-01');
  });

  it('PAY-STOP-001: when the recipient dies on 12 March, then March pays 1..12 March = 12 × RM88.50 = RM1,062.00', () => {
    const stop = lastPaidDay('death', '2026-03-12');
    expect(stop).toBe('2026-03-12');
    const period = entitledPeriod('2026-03', '2026-01-10', stop);
    expect(period).toEqual({ from: '2026-03-01', to: '2026-03-12' });
    expect(periodAmount(pdbTerms(), period!, tables, defaults).amountSen).toBe(106200);
  });

  it('PAY-MON-001: when daysPerMonth is 28, then a part month never pays more than 28 days', () => {
    const r = periodAmount(
      pdbTerms(),
      { from: '2026-03-02', to: '2026-03-31' },
      tables,
      paramsWith({ payment: { daysPerMonth: 28 } })
    );
    expect(r.amountSen).toBe(28 * 8850);
  });

  it('when a period spans two months or starts before the benefit, then it is refused', () => {
    expect(() => periodAmount(pdbTerms(), { from: '2026-02-20', to: '2026-03-05' }, tables, defaults)).toThrow(
      RangeError
    );
    expect(() => periodAmount(pdbTerms(), { from: '2026-01-01', to: '2026-01-31' }, tables, defaults)).toThrow(
      RangeError
    );
  });
});

describe('PAY-MON-001: monthly-rated benefits (invalidity pension RM1,711.00)', () => {
  it('when a full month, then exactly the monthly amount; a part month is prorated by days ÷ 30, rounded once', () => {
    const t = pensionTerms(171100);
    expect(periodAmount(t, { from: '2026-04-01', to: '2026-04-30' }, tables, defaults).amountSen).toBe(171100);
    expect(periodAmount(t, { from: '2027-02-01', to: '2027-02-28' }, tables, defaults).amountSen).toBe(171100);
    // 5..31 March = 27 days: 171100 × 27 / 30 = 153990 exactly
    expect(periodAmount(t, { from: '2026-03-05', to: '2026-03-31' }, tables, defaults).amountSen).toBe(153990);
    // 1..10 May = 10 days: 171100 × 10 / 30 = 57033.33 → 57033
    expect(periodAmount(t, { from: '2026-05-01', to: '2026-05-10' }, tables, defaults).amountSen).toBe(57033);
  });
});

describe('PAY-COLA-001: a revision round effective mid-month splits the month', () => {
  const params = withRounds(round('COLA-TEST-2026', '2026-06-16', '5'));

  it('when 5 % from 16 June on RM88.50/day, then 15 days × RM88.50 + 15 days × RM92.93 (92.925 rounded half-up)', () => {
    const r = periodAmount(pdbTerms(), { from: '2026-06-01', to: '2026-06-30' }, tables, params);
    expect(r.breakdown.map((l) => [l.period.from, l.period.to, l.amountSen])).toEqual([
      ['2026-06-01', '2026-06-15', 132750],
      ['2026-06-16', '2026-06-30', 139395],
    ]);
    expect(r.amountSen).toBe(272145);
    expect(r.breakdown[1]?.ruleIds).toContain('PAY-COLA-001');
    expect(r.breakdown[1]?.rateTableVersion).toBe('PAY-COLA-2023-01-01-empty');
    expect(r.breakdown[1]?.description).toContain('COLA-TEST-2026:+5%');
    expect(periodAmount(pdbTerms(), { from: '2026-07-01', to: '2026-07-31' }, tables, params).amountSen).toBe(278790);
  });

  it('when the round is effective on 16 July (31 days) or 15 February, then the full month still pays 30 days', () => {
    const july = periodAmount(
      pdbTerms(),
      { from: '2026-07-01', to: '2026-07-31' },
      tables,
      withRounds(round('R', '2026-07-16', '5'))
    );
    expect(july.amountSen).toBe(15 * 8850 + 15 * 9293);
    const feb = periodAmount(
      pdbTerms(),
      { from: '2027-02-01', to: '2027-02-28' },
      tables,
      withRounds(round('R', '2027-02-15', '5'))
    );
    expect(feb.breakdown.map((l) => l.amountSen)).toEqual([14 * 8850, 16 * 9293]);
    expect(fullMonthSegmentDays('2026-07-31', '2026-07-31', 30)).toBe(0);
  });

  it('when a monthly pension of RM1,711.00 is revised 3 % from 11 June, then 10/30 and 20/30 of each rate', () => {
    const r = periodAmount(
      pensionTerms(171100),
      { from: '2026-06-01', to: '2026-06-30' },
      tables,
      withRounds(round('R', '2026-06-11', '3'))
    );
    // 171100 × 10/30 = 57033.33 → 57033; 171100 × 1.03 = 176233; × 20/30 = 117488.67 → 117489
    expect(r.breakdown.map((l) => l.amountSen)).toEqual([57033, 117489]);
    expect(r.amountSen).toBe(174522);
  });
});

describe('PAY-ARR-001: arrears', () => {
  it('when 14 months of PDB arrears (18 Nov 2025 to Dec 2026) cross a 5 % revision on 16 July 2026, then itemised per month', () => {
    const params = withRounds(round('COLA-TEST-2026', '2026-07-16', '5'));
    const r = arrearsAmount(pdbTerms('2025-11-18'), { from: '2025-11-18', to: '2026-12-31' }, tables, params);
    // Nov 2025: 13 × 88.50 = 1,150.50; Dec–Jun: 7 × 2,655.00; Jul: 15 × 88.50 + 15 × 92.93; Aug–Dec: 5 × 2,787.90
    expect(r.amountSen).toBe(115050 + 7 * 265500 + (132750 + 139395) + 5 * 278790);
    expect(r.amountSen).toBe(3639645);
    expect(r.breakdown).toHaveLength(15);
    expect(sum(r.breakdown)).toBe(r.amountSen);
    expect(r.breakdown[0]?.period).toEqual({ from: '2025-11-18', to: '2025-11-30' });
    expect(r.breakdown.at(-1)?.period).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    for (const l of r.breakdown) expect(BreakdownLine.safeParse(l).success).toBe(true);
  });
});

describe('entitledPeriod and lastPaidDay (PAY-STOP-001)', () => {
  it.each([
    ['2026-03', '2026-01-10', undefined, { from: '2026-03-01', to: '2026-03-31' }],
    ['2026-01', '2026-01-10', undefined, { from: '2026-01-10', to: '2026-01-31' }],
    ['2026-01', '2026-01-10', '2026-01-20', { from: '2026-01-10', to: '2026-01-20' }],
    ['2025-12', '2026-01-10', undefined, undefined],
    ['2026-04', '2026-01-10', '2026-03-31', undefined],
  ])('month %s from %s through %s', (month, start, stop, expected) => {
    expect(entitledPeriod(month, start, stop)).toEqual(expected);
  });

  it('when a child turns 21 on 20 May, marries or completes the first degree, then the last paid day is the day before', () => {
    expect(lastPaidDay('age', '2030-05-20')).toBe('2030-05-19');
    expect(lastPaidDay('marriage', '2030-01-01')).toBe('2029-12-31');
    expect(lastPaidDay('end-date', '2030-01-01')).toBe('2030-01-01');
    expect(daily(1).monthlyAmountSen).toBe(30);
  });
});
