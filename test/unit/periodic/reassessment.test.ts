import { reassessPaid } from '../../../activities/periodic/reassessment';
import { BreakdownLine } from '../../../schemas/payments/payment-parts';
import { daily, defaults, pdbTerms, tables } from './builders';

const paidMonth = (m: string, last: string, amountSen: number) => ({
  period: { from: `${m}-01`, to: `${m}-${last}` },
  amountSen,
});

/** A child's share of RM18.00 a day, raised to RM36.00 from `from` (EI-DEP-004). */
const childShare = (from?: string) =>
  pdbTerms('2026-11-11', {
    benefitType: 'dependants',
    rate: daily(1800),
    ruleIds: ['EI-DEP-002', 'EI-DEP-004'],
    rateChanges: from
      ? [{ effectiveDate: from, rate: daily(3600), ruleIds: ['EI-DEP-004'], reason: 'sibling married' }]
      : [],
  });

describe('PAY-ARR-001 / PAY-OVP-001: paid periods reassessed after a back-dated rate change', () => {
  it('when a share doubles from 15 March and March and April were paid at the old rate, then 28,800 + 54,000 sen is owed, one arrears line per month', () => {
    const paid = [
      paidMonth('2027-04', '30', 54_000),
      paidMonth('2027-03', '31', 54_000),
      paidMonth('2027-02', '28', 54_000),
    ];
    const r = reassessPaid(childShare('2027-03-15'), paid, '2027-03-15', tables, defaults);
    // March: 1–14 at 1,800 + 15–31 (16 paid days of D = 30) at 3,600 = 82,800; April 30 × 3,600 = 108,000.
    expect(r.periods).toEqual([
      { period: { from: '2027-03-01', to: '2027-03-31' }, paidSen: 54_000, dueSen: 82_800 },
      { period: { from: '2027-04-01', to: '2027-04-30' }, paidSen: 54_000, dueSen: 108_000 },
    ]);
    expect(r.deltaSen).toBe(82_800);
    expect(r.lines.map((l) => [l.period.from, l.period.to, l.amountSen])).toEqual([
      ['2027-03-01', '2027-03-31', 28_800],
      ['2027-04-01', '2027-04-30', 54_000],
    ]);
    for (const l of r.lines) {
      expect(BreakdownLine.safeParse(l).success).toBe(true);
      expect(l.ruleIds).toEqual(expect.arrayContaining(['PAY-ARR-001', 'EI-DEP-004', 'PAY-MON-001']));
      expect(l.description).toMatch(/^arrears after a rate change from 2027-03-15: paid RM540\.00/);
    }
  });

  it('when a share is cut from 15 March after March was paid in full, then the days after it are an overpayment to recover', () => {
    const terms = {
      ...childShare(),
      rate: daily(3600),
      rateChanges: [{ effectiveDate: '2027-03-15', rate: daily(1800), ruleIds: ['EI-DEP-004' as const], reason: 'x' }],
    };
    const r = reassessPaid(terms, [paidMonth('2027-03', '31', 108_000)], '2027-03-15', tables, defaults);
    expect(r.deltaSen).toBe(-28_800);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject({ amountSen: 28_800, period: { from: '2027-03-01', to: '2027-03-31' } });
    expect(r.lines[0]?.ruleIds).toContain('PAY-OVP-001');
    expect(r.lines[0]?.description).toMatch(/^recovery of an overpayment after a rate change/);
  });

  it('when the change takes effect after every paid period, then nothing is owed and nothing recovered', () => {
    const r = reassessPaid(
      childShare('2027-05-01'),
      [paidMonth('2027-04', '30', 54_000)],
      '2027-05-01',
      tables,
      defaults
    );
    expect(r).toEqual({ deltaSen: 0, periods: [], lines: [] });
  });

  it('when one period was overpaid and another underpaid, then a single net line spans them (lines are never negative)', () => {
    const paid = [paidMonth('2027-03', '31', 60_000), paidMonth('2027-04', '30', 50_000)];
    const r = reassessPaid(childShare(), paid, '2027-03-01', tables, defaults);
    expect(r.deltaSen).toBe(-6_000 + 4_000);
    expect(r.lines.map((l) => [l.period.from, l.period.to, l.amountSen])).toEqual([
      ['2027-03-01', '2027-04-30', 2_000],
    ]);
  });
});
