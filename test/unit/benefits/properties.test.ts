import fc from 'fast-check';
import { pdbDailyRate } from '../../../activities/benefits/permanent-disablement';
import { eiRates, neiRates } from '../../../activities/benefits/rates';
import { rat } from '../../../activities/benefits/rounding';
import { tdbDailyRate } from '../../../activities/benefits/temporary-disablement';
import {
  addDaysIso,
  award,
  deathFacts,
  defaults,
  injuryFacts,
  linesOf,
  monthsBefore,
  seFacts,
  tables,
} from './builders';

const wage = fc.integer({ min: 0, max: 5_000_000 });
const loec = fc.integer({ min: 1, max: 100 });
const accident = fc.constantFrom('2024-09-15', '2025-03-01', '2026-02-10', '2026-07-15', '2029-01-01', '2032-01-01');
const rates = (date: string) => (date >= '2026-06-01' ? neiRates(tables, defaults, date) : eiRates(tables, date));
const dailyWageOf = (wageSen: number, date: string) => {
  const a = award(injuryFacts({ contributions: monthsBefore(date.slice(0, 7), wageSen) }, date));
  return a.wageBase
    ? rat(BigInt(a.wageBase.aamw.split('/')[0] ?? '0'), BigInt(a.wageBase.aamw.split('/')[1] ?? '1') * 30n)
    : rat(0);
};

describe('properties of the engine', () => {
  it('EI-TDB-003: when any wage and accident date, then the TDB daily rate is an integer between the minimum and the ceiling maximum', () => {
    fc.assert(
      fc.property(wage, accident, (w, date) => {
        const r = rates(date);
        const d = tdbDailyRate(dailyWageOf(w, date), r, defaults);
        expect(Number.isInteger(d.amountSen)).toBe(true);
        expect(d.amountSen).toBeGreaterThanOrEqual(3000);
        expect(d.amountSen).toBeLessThanOrEqual(Math.max(3000, Number(d.inputs.maximumDailySen)));
      }),
      { numRuns: 60 }
    );
  });

  it('EI-PDB-003: when wage or LOEC grows, then the PDB daily rate never falls, and never exceeds RM178.50', () => {
    fc.assert(
      fc.property(wage, wage, loec, loec, (w1, w2, l1, l2) => {
        const r = eiRates(tables, '2026-02-10');
        const [wl, wh] = w1 <= w2 ? [w1, w2] : [w2, w1];
        const [ll, lh] = l1 <= l2 ? [l1, l2] : [l2, l1];
        const lo = pdbDailyRate(rat(Math.min(wl, 595000), 30), ll, r, defaults).amountSen;
        const hi = pdbDailyRate(rat(Math.min(wh, 595000), 30), lh, r, defaults).amountSen;
        expect(hi).toBeGreaterThanOrEqual(lo);
        expect(hi).toBeLessThanOrEqual(17850);
      })
    );
  });

  it('WB-AAMW-001: when the wage grows, then the TDB line never falls', () => {
    fc.assert(
      fc.property(wage, wage, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const tdb = (w: number) =>
          linesOf(award(injuryFacts({ contributions: monthsBefore('2026-02', w) })), 'temporary-disablement')[0]
            ?.amountSen ?? 0;
        expect(tdb(hi)).toBeGreaterThanOrEqual(tdb(lo));
      }),
      { numRuns: 40 }
    );
  });

  it('GEN-RND-001: when any family, then each day the shares add up to the paid fractions of the full rate within ½ sen per share', () => {
    const member = fc.record({
      relationship: fc.constantFrom('spouse', 'child', 'parent', 'sibling'),
      dateOfBirth: fc.constantFrom('1960-01-01', '1990-01-01', '2010-01-01', '2020-01-01'),
    });
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 6 }), wage, (ms, w) => {
        const deps = ms.map((m, i) => ({
          dependantId: `D${i + 1}`,
          relationship: m.relationship,
          dateOfBirth: m.dateOfBirth,
        }));
        const a = award(deathFacts(deps, { contributions: monthsBefore('2026-02', w) }));
        const first = linesOf(a, 'dependants').filter((l) => l.period?.from === '2026-02-11');
        const byGroup = new Map<string, { n: number; total: number; exact: number }>();
        for (const l of first) {
          const g = String(l.inputs.group);
          const [num, den] = String(l.inputs.groupFraction).split('/').map(Number);
          const full =
            Number(String(l.inputs.fullDailyRate).split('/')[0]) /
            Number(String(l.inputs.fullDailyRate).split('/')[1] ?? '1');
          const e = byGroup.get(g) ?? { n: 0, total: 0, exact: (full * (num ?? 0)) / (den ?? 1) };
          byGroup.set(g, { n: e.n + 1, total: e.total + (l.rate?.dailyRateSen ?? 0), exact: e.exact });
        }
        for (const g of byGroup.values()) {
          expect(Math.abs(g.total - g.exact)).toBeLessThanOrEqual(g.n / 2 + 1e-6);
        }
        const fractions = [...byGroup.keys()];
        expect(
          fractions.every((g) => ['spouses', 'children'].includes(g)) ||
            fractions.every((g) => !['spouses', 'children'].includes(g))
        ).toBe(true);
      }),
      { numRuns: 60 }
    );
  });

  it('GEN-DATE-001: when the same facts are computed twice, then the awards are deep-equal (deterministic)', () => {
    fc.assert(
      fc.property(wage, loec, fc.integer({ min: 1, max: 30 }), (w, l, days) => {
        const f = injuryFacts({
          contributions: monthsBefore('2026-02', w),
          medicalCertificates: [
            { from: '2026-02-10', to: `2026-02-${String(Math.min(10 + days - 1, 28)).padStart(2, '0')}` },
          ],
          medicalBoard: { decidedOn: '2026-08-01', loecPct: l, status: 'final' },
        });
        expect(award(f)).toEqual(award(structuredClone(f)));
      }),
      { numRuns: 40 }
    );
  });

  it('GEN-MNY-001: when any award is computed, then every amount is a non-negative integer in sen', () => {
    fc.assert(
      fc.property(wage, loec, (w, l) => {
        const a = award(
          injuryFacts({
            contributions: monthsBefore('2026-02', w),
            medicalBoard: { decidedOn: '2026-08-01', loecPct: l, status: 'final', caaRecommended: true },
          })
        );
        for (const line of a.lines) {
          expect(Number.isSafeInteger(line.amountSen) && line.amountSen >= 0).toBe(true);
        }
      }),
      { numRuns: 40 }
    );
  });

  it('SE-BEN-001: when the plan rises, then the SE TDB daily rate and total never fall, for any MC length and injury date', () => {
    const plan = fc.integer({ min: 1, max: 4 });
    const date = fc.constantFrom('2017-06-01', '2020-01-01', '2021-10-01', '2024-09-30', '2026-02-10', '2030-12-31');
    fc.assert(
      fc.property(plan, plan, fc.integer({ min: 4, max: 60 }), date, (p1, p2, days, d) => {
        const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const tdb = (p: number) => {
          const f = seFacts({ medicalCertificates: [{ from: d, to: addDaysIso(d, days - 1) }] }, d, p);
          const facts = { ...f, selfEmployment: { ...f.selfEmployment!, sector: 'passenger-transport' as const } };
          return linesOf(award(facts), 'temporary-disablement')[0];
        };
        const [a, b] = [tdb(lo), tdb(hi)];
        expect(a?.rate?.dailyRateSen ?? -1).toBeGreaterThanOrEqual(3000);
        expect(b?.rate?.dailyRateSen ?? 0).toBeGreaterThanOrEqual(a?.rate?.dailyRateSen ?? 0);
        expect(b?.amountSen ?? 0).toBeGreaterThanOrEqual(a?.amountSen ?? 0);
        if (hi > lo && lo > 1) expect(b?.rate?.dailyRateSen ?? 0).toBeGreaterThan(a?.rate?.dailyRateSen ?? 0);
      }),
      { numRuns: 60 }
    );
  });
});
