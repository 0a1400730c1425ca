import { pdbDailyRate } from '../../../activities/benefits/permanent-disablement';
import { eiRates, neiRates } from '../../../activities/benefits/rates';
import { rat } from '../../../activities/benefits/rounding';
import { award, codes, defaults, injuryFacts, linesOf, monthsBefore, neiFacts, tables } from './builders';

const illustrative = {
  version: 'PDB-COMM-ILLUSTRATIVE-1',
  ruleIds: ['EI-PDB-004'],
  source: 'test fixture, illustrative only',
  illustrative: true,
  rows: [{ id: 'ILL', from: null, to: null, factors: [{ ageFrom: 0, ageTo: 120, factor: '1000' }] }],
};
const board = (loecPct: number, extra = {}) => ({
  medicalBoard: { decidedOn: '2026-08-01', loecPct, status: 'final' as const, ...extra },
});

describe('EI-PDB: permanent disablement benefit (AAMW RM2,950.00, total RM88.50/day)', () => {
  it.each([
    ['EI-PDB-002: when LOEC 100 %, then RM88.50/day, RM2,655.00/month', 295000, 100, 8850, 265500],
    ['EI-PDB-003: when LOEC 40 %, then RM35.40/day, RM1,062.00/month', 295000, 40, 3540, 106200],
    ['EI-PDB-003: when LOEC 15 %, then 13.275 → RM13.28/day', 295000, 15, 1328, 39840],
    [
      'EI-PDB-003: when LOEC 50 % and AAMW RM950.00, then floor RM30.00 × 0.50 = RM15.00, RM450.00/month',
      95000,
      50,
      1500,
      45000,
    ],
    [
      'EI-PDB-002: when LOEC 100 % at the RM5,950.00 ceiling, then RM178.50/day = RM5,355.00/month',
      595000,
      100,
      17850,
      535500,
    ],
  ])('%s', (_t, aamw, loec, daily, monthly) => {
    const r = pdbDailyRate(rat(aamw, 30), loec, eiRates(tables, '2026-02-10'), defaults);
    expect(r.amountSen).toBe(daily);
    expect(r.amountSen * 30).toBe(monthly);
  });

  it('EI-PDB-003: when pdb.minimumBeforeLoec is false, then the floor applies after the LOEC', () => {
    const r = pdbDailyRate(rat(95000, 30), 50, eiRates(tables, '2026-02-10'), {
      ...defaults,
      pdb: { ...defaults.pdb, minimumBeforeLoec: false },
    });
    expect(r.amountSen).toBe(3000);
  });

  it('NEI-RATE-001: when phase 1 at the ceiling, then total PDB is RM107.10/day', () => {
    expect(pdbDailyRate(rat(595000, 30), 100, neiRates(tables, defaults, '2026-07-15'), defaults).amountSen).toBe(
      10710
    );
  });

  it('EI-PDB-005: when LOEC 21 %, then PDB is periodic for life', () => {
    const [l] = linesOf(award(injuryFacts(board(21))), 'permanent-disablement');
    expect(l?.kind).toBe('periodic');
    expect(l?.stopConditions).toEqual([{ kind: 'death', beneficiaryId: 'IP-1' }]);
  });

  it('EI-PDB-004: when LOEC 20 % and no commutation table, then a lump sum left to an officer', () => {
    const a = award(injuryFacts(board(20)));
    const [l] = linesOf(a, 'permanent-disablement');
    expect(l?.kind).toBe('lump-sum');
    expect(l?.status).toBe('officer-review');
    expect(l?.rate?.dailyRateSen).toBe(1770);
    expect(a.eligibility.outcome).toBe('officer-review');
  });

  it('EI-PDB-001/004: when the board finds LOEC 0 %, then no PDB line, and a TDB-only award is eligible without an officer', () => {
    for (const facts of [injuryFacts(board(0)), neiFacts('2026-07-15', board(0))]) {
      const a = award(facts);
      expect(linesOf(a, 'permanent-disablement')).toEqual([]);
      expect(a.lines.every((l) => l.status === 'payable')).toBe(true);
      expect(linesOf(a, 'temporary-disablement')).toHaveLength(1);
      expect(codes(a)).toContain('PDB_NO_LOSS_OF_EARNING_CAPACITY');
      expect(a.flags).not.toContain('PDB_LUMP_SUM_SET_BY_OFFICER');
      expect(a.eligibility.outcome).toBe('eligible');
    }
  });

  it('EI-PDB-004: when LOEC 15 % with an illustrative factor table, then RM13.28 × factor', () => {
    const a = award(injuryFacts(board(15)), '2026-12-31', { pdb: { commutationTable: illustrative } });
    const [l] = linesOf(a, 'permanent-disablement');
    expect(l?.amountSen).toBe(1328 * 1000);
    expect(l?.inputs.commutationTableIllustrative).toBe('true');
  });

  it('EI-PDB-004: when an officer set the lump sum, then it is paid', () => {
    const [l] = linesOf(
      award(injuryFacts({ ...board(10), officer: { pdbLumpSumSen: 500000 } })),
      'permanent-disablement'
    );
    expect(l?.amountSen).toBe(500000);
    expect(l?.status).toBe('payable');
  });

  it('EI-PDB-006: when a 1/5 commutation is elected at LOEC 40 %, then RM28.32/day continues and RM7.08 × factor is paid once', () => {
    const a = award(
      injuryFacts({ ...board(40), elections: { pdbCommutation: { electedOn: '2026-09-10' } } }),
      '2026-12-31',
      { pdb: { commutationTable: illustrative } }
    );
    const pdb = linesOf(a, 'permanent-disablement');
    expect(pdb.map((l) => [l.rate?.dailyRateSen, l.period])).toEqual([
      [3540, { from: '2026-02-20', to: '2026-09-30' }],
      [2832, { from: '2026-10-01' }],
    ]);
    expect(pdb[1]?.rate?.monthlyAmountSen).toBe(84960);
    expect(linesOf(a, 'pdb-commutation')[0]?.amountSen).toBe(708 * 1000);
  });

  it('EI-PDB-008: when MC ended on 19 Feb, then PDB starts on 20 Feb', () => {
    expect(linesOf(award(injuryFacts(board(40))), 'permanent-disablement')[0]?.startDate).toBe('2026-02-20');
  });

  it('EI-PDB-007 / PAY-PROV-001: when provisional until 2027-08-01, then expiry and a review task 60 days before', () => {
    const [l] = linesOf(
      award(injuryFacts(board(40, { status: 'provisional', validUntil: '2027-08-01' }))),
      'permanent-disablement'
    );
    expect(l?.stopConditions).toContainEqual({ kind: 'provisional-expiry', date: '2027-08-01' });
    expect(l?.stopConditions).toContainEqual(expect.objectContaining({ kind: 'review', date: '2027-06-02' }));
  });

  it('EI-PDB-001 / CLM-DL-003: when PDB is claimed 13 months after the last MC day, then officer review', () => {
    const a = award(injuryFacts({ ...board(40), notices: { pdbClaimOn: '2027-03-20' } }));
    expect(codes(a)).toContain('LATE_PDB_CLAIM');
    expect(a.eligibility.outcome).toBe('officer-review');
  });

  it('EI-CAA-002: when LOEC 100 % and the board recommends CAA, then RM2,655.00 + RM500.00 = RM3,155.00 a month', () => {
    const a = award(injuryFacts(board(100, { caaRecommended: true })));
    const pdb = linesOf(a, 'permanent-disablement')[0]?.amountSen ?? 0;
    const caa = linesOf(a, 'constant-attendance')[0];
    expect(pdb + (caa?.amountSen ?? 0)).toBe(315500);
    expect(caa?.stopConditions).toContainEqual(expect.objectContaining({ kind: 'review', date: '2028-02-20' }));
  });

  it('EI-CAA-001: when LOEC 90 % with a CAA recommendation, then no CAA', () => {
    const a = award(injuryFacts(board(90, { caaRecommended: true })));
    expect(linesOf(a, 'constant-attendance')).toHaveLength(0);
    expect(codes(a)).toContain('CAA_NOT_TOTAL');
  });

  it('NEI-RATE-002: when a LINDUNG total-disablement case with CAA, then RM500.00 in full (nei.flatAmountsPhased false)', () => {
    const a = award(neiFacts('2026-07-15', board(100, { caaRecommended: true })));
    expect(linesOf(a, 'constant-attendance')[0]?.amountSen).toBe(50000);
    const phased = award(neiFacts('2026-07-15', board(100, { caaRecommended: true })), '2026-12-31', {
      nei: { flatAmountsPhased: true },
    });
    expect(linesOf(phased, 'constant-attendance')[0]?.amountSen).toBe(30000);
  });

  it('EI-PDB-002: when AAMW is at the ceiling, then the monthly PDB never exceeds RM5,355.00', () => {
    const a = award(injuryFacts({ ...board(100), contributions: monthsBefore('2026-02', 2000000) }));
    expect(linesOf(a, 'permanent-disablement')[0]?.amountSen).toBe(535500);
  });
});
