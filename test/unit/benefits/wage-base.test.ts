import { assumedWage, averageAssumedMonthlyWage, NoWageBaseError } from '../../../activities/benefits/wage-base';
import type { ContributionFact } from '../../../schemas/benefits/facts';
import { sen } from '../../../schemas/common/money';
import { defaults, tables } from './builders';

const wt = {
  ceilings: tables.wageCeilings.rows,
  ceilingVersion: tables.wageCeilings.version,
  bands: tables.wageBands.rows,
  bandVersion: tables.wageBands.version,
};
const c = (month: string, wageSen: number, status: 'paid' | 'payable' = 'paid'): ContributionFact => ({
  month,
  wageSen: sen(wageSen),
  status,
  scheme: 'act4',
});
const aamw = (contributions: ContributionFact[], governingMonth: string, extra = {}) =>
  averageAssumedMonthlyWage({ contributions, scheme: 'act4', governingMonth, tables: wt, params: defaults, ...extra });

describe('WB-BAND-001 / WB-CEIL-001: assumed monthly wage', () => {
  it.each([
    ['WB-BAND-001: when RM3,000.00 in 2025, then the band midpoint RM2,950.00', 300000, '2025-01', 295000],
    ['WB-BAND-001: when RM2,900.01, then RM2,950.00', 290001, '2025-01', 295000],
    ['WB-BAND-001: when RM2,900.00, then RM2,850.00', 290000, '2025-01', 285000],
    ['WB-CEIL-001: when exactly at the RM6,000.00 ceiling, then RM5,950.00', 600000, '2025-01', 595000],
    ['WB-CEIL-001: when above the ceiling, then the top band RM5,950.00', 900000, '2025-01', 595000],
    ['WB-CEIL-001: when RM8,000.00 in Sep 2024 (RM5,000.00 ceiling), then RM4,950.00', 800000, '2024-09', 495000],
    ['WB-CEIL-001: when RM8,000.00 in Oct 2024 (RM6,000.00 ceiling), then RM5,950.00', 800000, '2024-10', 595000],
    ['WB-CEIL-001: when RM5,000.00 in May 2016 (RM3,000.00 ceiling), then RM2,950.00', 500000, '2016-05', 295000],
    ['WB-CEIL-001: when RM5,000.00 in Jun 2016 (RM4,000.00 ceiling), then RM3,950.00', 500000, '2016-06', 395000],
    [
      'WB-BAND-001: when RM250.00 (a small band, wb.lowBandTable default midpoint), then RM250.00',
      25000,
      '2025-01',
      25000,
    ],
  ])('%s', (_title, wage, month, expected) => {
    expect(assumedWage(wage, month, wt, null).assumedSen).toBe(expected);
  });

  it('WB-BAND-001: when wb.lowBandTable is set, then the small band takes its value', () => {
    expect(assumedWage(25000, '2025-01', wt, [{ upToSen: 30000, assumedSen: 28000 }] as never).assumedSen).toBe(28000);
  });
});

describe('WB-AAMW-001 / WB-AAMW-002 / WB-DAY-001: worked examples A–D', () => {
  it('WB-AAMW-001: case A, steady RM3,000.00, then AAMW RM2,950.00 and daily 2950/30', () => {
    const r = aamw(
      ['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12'].map((m) => c(m, 300000)),
      '2026-01'
    );
    expect(r.summary.aamw).toBe('295000');
    expect(r.summary.dailyWage).toBe('29500/3');
  });

  it('WB-CEIL-001: case B, RM8,000.00 with injury in Jan 2025 across the 1 Oct 2024 ceiling change, then RM5,450.00', () => {
    const r = aamw(
      ['2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12'].map((m) => c(m, 800000)),
      '2025-01'
    );
    expect(r.summary.aamwSen).toBe(545000);
  });

  it('WB-AAMW-002: case C, a new hire with 4 contribution months, then (2,450+2,450+2,950+2,950) ÷ 4 = RM2,700.00', () => {
    const r = aamw(
      [c('2025-09', 250000), c('2025-10', 250000), c('2025-11', 300000), c('2025-12', 300000, 'payable')],
      '2026-01'
    );
    expect(r.summary.aamwSen).toBe(270000);
    expect(r.summary.monthsCounted).toHaveLength(4);
  });

  it('WB-CEIL-001: case D, RM9,000.00 from Apr 2025, then the ceiling RM5,950.00', () => {
    const r = aamw(
      ['2024-10', '2024-11', '2024-12', '2025-01', '2025-02', '2025-03'].map((m) => c(m, 900000)),
      '2025-04'
    );
    expect(r.summary.aamwSen).toBe(595000);
  });

  it('WB-AAMW-002: when a month inside the window has no contribution, then it is left out of sum and divisor', () => {
    const r = aamw(
      [c('2025-07', 300000), c('2025-08', 300000), c('2025-10', 200000), c('2025-11', 300000), c('2025-12', 300000)],
      '2026-01'
    );
    expect(r.summary.monthsCounted).toHaveLength(5);
    expect(r.summary.aamw).toBe(String((295000 * 4 + 195000) / 5));
  });

  it('WB-AAMW-002: when two contributions exist for one month, then the month counts once', () => {
    const r = aamw([c('2025-12', 300000), c('2025-12', 300000), c('2025-11', 300000)], '2026-01');
    expect(r.summary.monthsCounted).toHaveLength(2);
    expect(r.summary.aamwSen).toBe(295000);
  });

  it('WB-AAMW-001: when months before the window or in the month of injury exist, then they are ignored', () => {
    const r = aamw([c('2025-06', 900000), c('2026-01', 900000), c('2025-12', 300000)], '2026-01');
    expect(r.summary.monthsCounted).toEqual(['2025-12:295000']);
  });
});

describe('WB-FALL-001: no contribution month in the window', () => {
  it('WB-FALL-001: when an officer gives a comparator, then it is the AAMW', () => {
    const r = aamw([], '2026-01', { comparatorAamwSen: 250000 });
    expect(r.summary.source).toBe('officer-comparator');
    expect(r.summary.aamwSen).toBe(250000);
  });
  it('WB-FALL-001: when only the declared contractual wage is known, then its band is used and flagged', () => {
    const r = aamw([], '2026-01', { declaredContractualWageSen: 300000 });
    expect(r.summary.aamwSen).toBe(295000);
    expect(r.flags).toEqual(['WB_FALLBACK_DECLARED_WAGE']);
  });
  it('WB-FALL-001: when nothing is known, then it refuses to guess (never zero)', () => {
    expect(() => aamw([], '2026-01')).toThrow(NoWageBaseError);
  });
});
