import { award, codes, linesOf, monthsBefore } from './builders';
import type { ClaimFactsInput } from '../../../schemas/benefits/facts';

function eis(n: number, extra: Partial<NonNullable<ClaimFactsInput['eis']>> = {}, wageSen = 900000): ClaimFactsInput {
  return {
    claimId: 'C-2026-000300',
    claimType: 'eis-loss-of-employment',
    insuredPerson: {
      insuredPersonId: 'IP-3',
      dateOfBirth: '1990-01-01',
      registeredOn: '2015-01-01',
      category: 'first',
      workerType: 'local',
    },
    contributions: monthsBefore('2026-03', wageSen, n, { scheme: 'act800' }),
    eis: {
      lossOfEmploymentOn: '2026-03-31',
      reason: 'retrenchment',
      claimFiledOn: '2026-04-10',
      employment: 'private-contract-of-service',
      ...extra,
    },
  };
}

describe('EIS (Act 800): a second scheme', () => {
  it('EIS-JSA-001: when AAMW RM5,950.00 and 24 contributions, then JSA totals RM16,065.00 over 6 months', () => {
    const jsa = linesOf(award(eis(24)), 'eis-job-search');
    expect(jsa.map((l) => l.amountSen)).toEqual([476000, 297500, 238000, 238000, 178500, 178500]);
    expect(jsa.reduce((s, l) => s + l.amountSen, 0)).toBe(1606500);
    expect(jsa[0]?.ruleIds.every((r) => !r.startsWith('EI-'))).toBe(true);
  });
  it.each([
    [12, 3],
    [16, 4],
    [20, 5],
    [23, 5],
  ])('EIS-JSA-002: when %s contributions in 24 months, then %s months', (n, months) => {
    expect(linesOf(award(eis(n)), 'eis-job-search')).toHaveLength(months);
  });
  it('EIS-ERA-001: when re-employed after 2 months, then ERA = 25 % × (2 × 2,380 + 2 × 1,785) = RM2,082.50', () => {
    const a = award(eis(24, { reemployedOn: '2026-05-31' }));
    expect(linesOf(a, 'eis-job-search')).toHaveLength(2);
    expect(linesOf(a, 'eis-early-reemployment')[0]?.amountSen).toBe(208250);
  });
  it('EIS-ELG-002: when 11 contributions in 24 months, then refused', () => {
    expect(codes(award(eis(11)))).toContain('EIS_CONTRIBUTIONS_NOT_MET');
  });
  it('EIS-ELG-001 / CLM-DL-004: when filed 61 days after LOE, then EIS_LATE', () => {
    expect(codes(award(eis(24, { claimFiledOn: '2026-05-31' })))).toContain('EIS_LATE');
  });
  it('EIS-LOE-001: when a voluntary resignation, then not a qualifying loss', () => {
    expect(award(eis(24, { reason: 'voluntary-resignation' })).eligibility.outcome).toBe('not-eligible');
  });
  it('EIS-COV-001: when a government employee, then not covered', () => {
    expect(codes(award(eis(24, { employment: 'government' })))).toContain('EIS_NOT_COVERED');
  });
  it('EIS-RIA-001: when one of several jobs is lost, then the JSA rates on the lost job paid as a lump sum', () => {
    const f = eis(24, { multipleJobs: true, lostJobEmployerId: 'E-1' });
    const a = award({ ...f, contributions: (f.contributions ?? []).map((c) => ({ ...c, employerId: 'E-1' })) });
    expect(linesOf(a, 'eis-reduced-income')[0]?.amountSen).toBe(1606500);
  });
  it('EIS-TRN-001: when training costs RM5,000.00 at RM25.00 a day, then RM4,000.00 and RM20.00 a day, flagged', () => {
    const a = award(eis(24, { training: { feeSen: 500000, months: 3, trainingDays: 40, dailyAllowanceSen: 2500 } }));
    const t = linesOf(a, 'eis-training');
    expect(t.map((l) => l.amountSen)).toEqual([400000, 80000]);
    expect(a.flags).toContain('EIS_TRAINING_LIMITED');
  });
  it('EIS-JSA-003: when no active job search is shown, then flagged', () => {
    expect(award(eis(24, { activeJobSearch: false })).flags).toContain('EIS_JOB_SEARCH_NOT_SHOWN');
  });
});
