import { offsetRecovery, overpaidAfter } from '../../../activities/periodic/overpayment';
import { BreakdownLine } from '../../../schemas/payments/payment-parts';
import { defaults, pdbTerms, pensionTerms, tables } from './builders';

const month = (m: string, last: string, amountSen: number) => ({
  period: { from: `${m}-01`, to: `${m}-${last}` },
  amountSen,
});

describe('PAY-OVP-001: overpayment after a late-reported death', () => {
  it('when a RM1,711.00 pensioner died on 10 Feb and Jan–Apr were paid, then 1,140.67 + 1,711.00 + 1,711.00 is recovered', () => {
    const paid = [
      month('2026-04', '30', 171100),
      month('2026-01', '31', 171100),
      month('2026-02', '28', 171100),
      month('2026-03', '31', 171100),
    ];
    const r = overpaidAfter(pensionTerms(171100, '2025-06-01'), paid, '2026-02-10', tables, defaults);
    // Feb entitled 1..10 = 171100 × 10/30 = 57033.33 → 57033; overpaid 171100 − 57033 = 114067
    expect(r.lines.map((l) => [l.period.from, l.period.to, l.amountSen])).toEqual([
      ['2026-02-11', '2026-02-28', 114067],
      ['2026-03-01', '2026-03-31', 171100],
      ['2026-04-01', '2026-04-30', 171100],
    ]);
    expect(r.amountSen).toBe(456267);
    for (const l of r.lines) {
      expect(BreakdownLine.safeParse(l).success).toBe(true);
      expect(l.description).toMatch(/^recovery/);
      expect(l.ruleIds).toEqual(expect.arrayContaining(['PAY-OVP-001', 'PAY-STOP-001']));
    }
  });

  it('when PDB (RM88.50/day) was paid for March and the death was on 12 March, then 18 days × RM88.50 = RM1,593.00', () => {
    const r = overpaidAfter(pdbTerms(), [month('2026-03', '31', 265500)], '2026-03-12', tables, defaults);
    expect(r.amountSen).toBe(265500 - 106200);
    expect(r.amountSen).toBe(159300);
  });

  it('when one payment covered several months of arrears past the stop date, then the part after it is recovered', () => {
    const paid = [{ period: { from: '2026-01-10', to: '2026-03-31' }, amountSen: 194700 + 2 * 265500 }];
    const r = overpaidAfter(pdbTerms(), paid, '2026-02-05', tables, defaults);
    // entitled: 22 days of January + 5 days of February = 27 × 88.50
    expect(r.lines.map((l) => [l.period.from, l.period.to, l.amountSen])).toEqual([
      ['2026-02-06', '2026-03-31', 194700 + 2 * 265500 - 27 * 8850],
    ]);
  });

  it('when nothing was paid after the stop date, then nothing is recovered', () => {
    expect(overpaidAfter(pdbTerms(), [month('2026-02', '28', 265500)], '2026-02-28', tables, defaults)).toEqual({
      amountSen: 0,
      lines: [],
    });
  });

  it('when a debt of RM4,562.67 meets a later payment of RM500.00 to the same recipient, then it is offset and carried', () => {
    expect(offsetRecovery(50000, 456267)).toEqual({ paySen: 0, recoveredSen: 50000, debtSen: 406267 });
    expect(offsetRecovery(50000, 1200)).toEqual({ paySen: 48800, recoveredSen: 1200, debtSen: 0 });
  });
});
