import { award, codes, linesOf, monthsBefore } from './builders';
import type { ClaimFactsInput } from '../../../schemas/benefits/facts';

/** An invalidity claim with `n` contribution months before the notice month at `wageSen`. */
function invalidity(n: number, wageSen: number, extra: Partial<ClaimFactsInput> = {}): ClaimFactsInput {
  return {
    claimId: 'C-2026-000200',
    claimType: 'invalidity',
    insuredPerson: {
      insuredPersonId: 'IP-2',
      dateOfBirth: '1975-01-01',
      registeredOn: '1995-01-01',
      category: 'first',
      workerType: 'local',
    },
    contributions: monthsBefore('2026-03', wageSen, n),
    invalidity: { noticeReceivedOn: '2026-03-05', certifiedByBoard: true },
    ...extra,
  };
}
const pension = (f: ClaimFactsInput) => linesOf(award(f), 'invalidity-pension')[0];

describe('INV-PEN: invalidity pension', () => {
  it.each([
    ['INV-PEN-001: when AAMW RM2,950.00 with 120 contributions, then 58 % → RM1,711.00', 120, 300000, 171100],
    ['INV-PEN-001: when 300 contributions, then 73 % is capped at 65 % → RM1,917.50', 300, 300000, 191750],
    ['INV-PEN-002: when AAMW RM900.00 with 36 contributions, then 51 % × RM1,100.00 → RM561.00', 36, 90000, 56100],
    ['INV-PEN-002: when at the ceiling with 300 contributions, then RM3,867.50', 300, 900000, 386750],
  ])('%s', (_t, n, wage, monthly) => {
    expect(pension(invalidity(n, wage))?.amountSen).toBe(monthly);
  });

  it('INV-PEN-002 / PAY-MIN-001: when the payment month is in 2022, then the RM950.00 wage minimum applies', () => {
    const f = invalidity(36, 90000, {
      contributions: monthsBefore('2022-06', 90000, 36),
      invalidity: { noticeReceivedOn: '2022-06-05', certifiedByBoard: true },
    });
    expect(linesOf(award(f, '2022-06-30'), 'invalidity-pension')[0]?.amountSen).toBe(48450);
  });

  it('PAY-COLA-001: when a revision round of 5 % is configured, then it is applied before the minimum', () => {
    const round = {
      id: 'COLA-TEST',
      effectiveDate: '2026-06-01',
      benefitTypes: ['invalidity-pension' as const],
      rows: [{ startYearFrom: 2000, startYearTo: 2030, pct: '5' }],
    };
    const l = linesOf(
      award(invalidity(120, 300000), '2026-12-31', { revision: { extraRounds: [round] } }),
      'invalidity-pension'
    )[0];
    expect(l?.amountSen).toBe(179655);
  });

  it('INV-QP-001: when 23 contributions in 40 months, then no pension; with 12+ a grant set by an officer', () => {
    const a = award(invalidity(23, 300000));
    expect(linesOf(a, 'invalidity-pension')).toHaveLength(0);
    expect(linesOf(a, 'invalidity-grant')[0]?.status).toBe('officer-review');
  });

  it('INV-QP-001: when 24 contributions scattered but ≥ 2/3 of the months since entry, then a full pension', () => {
    const months = monthsBefore('2026-03', 300000, 36).filter((_, i) => i % 3 !== 0);
    const a = award(invalidity(0, 300000, { contributions: months }));
    expect(codes(a)).toContain('INV_QUALIFYING_PERIOD_MET');
  });

  it('INV-QP-002: when 30 contributions over 80 months (≥ 1/3), then a reduced flat 50 %', () => {
    const months = monthsBefore('2026-03', 300000, 80)
      .filter((_, i) => i % 8 < 3)
      .slice(0, 30);
    const l = pension(invalidity(0, 300000, { contributions: [...months.slice(0, 24), ...months.slice(24)] }));
    expect(l?.inputs.qualifyingPeriod).toBe('reduced');
  });

  it('INV-GRT-001: when fewer than 12 contributions, then refused', () => {
    expect(award(invalidity(10, 300000)).eligibility.outcome).toBe('not-eligible');
  });

  it('INV-AGE-001: when the notice arrives at 60 without evidence, then refused; with evidence of onset before 60, paid', () => {
    const old = {
      insuredPerson: {
        insuredPersonId: 'IP-2',
        dateOfBirth: '1966-01-01',
        registeredOn: '1995-01-01',
        category: 'first' as const,
        workerType: 'local' as const,
      },
    };
    expect(codes(award(invalidity(120, 300000, old)))).toContain('INV_AGE_LIMIT');
    const withEvidence = invalidity(120, 300000, {
      ...old,
      invalidity: { noticeReceivedOn: '2026-03-05', certifiedByBoard: true, conditionBeganOn: '2025-06-01' },
    });
    expect(linesOf(award(withEvidence), 'invalidity-pension')).toHaveLength(1);
  });

  it('INV-DEF-001: when the board has not certified invalidity, then refused', () => {
    expect(
      codes(award(invalidity(120, 300000, { invalidity: { noticeReceivedOn: '2026-03-05', certifiedByBoard: false } })))
    ).toContain('INV_NOT_CERTIFIED');
  });

  it('INV-PEN-003: when the person resigns after the notice, then the pension starts on the resignation date', () => {
    expect(
      pension(
        invalidity(120, 300000, {
          invalidity: { noticeReceivedOn: '2026-03-05', certifiedByBoard: true, resignedOn: '2026-04-30' },
        })
      )?.startDate
    ).toBe('2026-04-30');
  });

  it('INV-PEN-004: when current earnings exceed 1/3 of the former wage, then a review task (FRD-004)', () => {
    const a = award(
      invalidity(120, 300000, {
        invalidity: { noticeReceivedOn: '2026-03-05', certifiedByBoard: true, currentMonthlyEarningsSen: 120000 },
      })
    );
    expect(a.flags).toContain('INV_REEMPLOYMENT_REVIEW');
  });

  it('NEI-OVL-001: when a higher LINDUNG PDB is paid for the same condition, then the pension is suppressed', () => {
    const l = pension(
      invalidity(120, 300000, {
        invalidity: { noticeReceivedOn: '2026-03-05', certifiedByBoard: true, sameConditionNeiPdbMonthlySen: 200000 },
      })
    );
    expect(l?.status).toBe('suppressed');
  });

  it('EI-CAA-001: when an invalidity pensioner needs constant attendance, then CAA RM500.00', () => {
    const a = award(
      invalidity(120, 300000, {
        medicalBoard: { decidedOn: '2026-03-01', loecPct: 100, status: 'final', caaRecommended: true },
      })
    );
    expect(linesOf(a, 'constant-attendance')[0]?.amountSen).toBe(50000);
  });

  it('EI-COV-003: when second category, then no invalidity cover', () => {
    const f = invalidity(120, 300000);
    expect(codes(award({ ...f, insuredPerson: { ...f.insuredPerson, category: 'second' } }))).toContain(
      'INV_SECOND_CATEGORY'
    );
  });
});

describe('INV-SUR: survivors’ pension', () => {
  const death = (extra: Partial<ClaimFactsInput> = {}): ClaimFactsInput => ({
    ...invalidity(120, 300000),
    claimType: 'death',
    invalidity: undefined,
    death: { diedOn: '2026-03-05', cause: 'other', funeral: { claimant: 'heir' } },
    dependants: [
      { dependantId: 'D1', relationship: 'spouse', dateOfBirth: '1978-01-01' },
      { dependantId: 'D2', relationship: 'child', dateOfBirth: '2012-01-01' },
    ],
    ...extra,
  });
  it('INV-SUR-002: when death before 60 with 120 contributions, then RM1,711.00 shared 3/5 and 2/5', () => {
    const a = award(death());
    expect(linesOf(a, 'survivors-pension').map((l) => l.amountSen)).toEqual([102660, 68440]);
    expect(linesOf(a, 'funeral')[0]?.amountSen).toBe(200000);
  });
  it('INV-SUR-002: when the deceased was an invalidity pensioner, then the full rate equals that pension', () => {
    const a = award(
      death({
        contributions: [],
        death: {
          diedOn: '2026-03-05',
          cause: 'other',
          wasInvalidityPensioner: true,
          invalidityPensionMonthlySen: 100000,
        },
      })
    );
    expect(linesOf(a, 'survivors-pension').map((l) => l.amountSen)).toEqual([60000, 40000]);
  });
  it('INV-SUR-004: when an employment-injury death also gives a survivors’ pension, then each recipient gets the higher', () => {
    const f = death({
      death: { diedOn: '2026-03-05', cause: 'employment-injury' },
      injury: { kind: 'accident', circumstance: 'work', occurredAt: '2026-03-05T09:00:00+08:00', inMalaysia: true },
    });
    const a = award(f);
    expect(codes(a)).toContain('SAME_DEATH_OVERLAP');
    expect(linesOf(a, 'survivors-pension').every((l) => l.status === 'suppressed')).toBe(true);
    expect(linesOf(a, 'dependants').every((l) => l.status === 'payable')).toBe(true);
  });
});
