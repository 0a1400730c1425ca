import { addDaysIso, award, codes, injuryFacts, linesOf, monthsBefore, neiFacts } from './builders';

const tdb = (a: ReturnType<typeof award>) => linesOf(a, 'temporary-disablement')[0];
const mc = (from: string, days: number, worked = 0) => [
  { from, to: addDaysIso(from, days - 1), daysWorkedForWages: worked },
];

describe('EI-TDB: temporary disablement benefit', () => {
  it.each([
    ['EI-TDB-002: when AAMW RM2,950.00 and 10 MC days, then 10 × RM78.67 = RM786.70', 300000, 10, 7867, 78670],
    ['EI-TDB-003: when AAMW RM950.00, then 25.33 is lifted to the RM30.00 floor', 100000, 10, 3000, 30000],
    ['EI-TDB-003: when at the ceiling for 14 days, then 14 × RM158.67 = RM2,221.38', 900000, 14, 15867, 222138],
    ['EI-TDB-001: when 4 MC days, then TDB is paid for all 4', 300000, 4, 7867, 31468],
  ])('%s', (_t, wage, days, daily, total) => {
    const a = award(
      injuryFacts({ contributions: monthsBefore('2026-02', wage), medicalCertificates: mc('2026-02-10', days) })
    );
    expect(tdb(a)?.rate?.dailyRateSen).toBe(daily);
    expect(tdb(a)?.amountSen).toBe(total);
  });

  it('EI-TDB-001: when 3 MC days, then no TDB (medical benefit only, RM0.00)', () => {
    const a = award(injuryFacts({ medicalCertificates: mc('2026-02-10', 3) }));
    expect(tdb(a)).toBeUndefined();
    expect(codes(a)).toContain('TDB_THRESHOLD_NOT_MET');
    expect(linesOf(a, 'medical')).toHaveLength(1);
  });

  it('EI-TDB-004: when 2 of 10 MC days were worked for wages, then 8 days are paid and FRD-007 is flagged', () => {
    const a = award(injuryFacts({ medicalCertificates: mc('2026-02-10', 10, 2) }));
    expect(tdb(a)?.amountSen).toBe(8 * 7867);
    expect(a.flags).toContain('TDB_DAYS_WORKED');
  });

  it('EI-TDB-005: when tdb.waitingDays is 3, then the first 3 days are not paid', () => {
    const a = award(injuryFacts({ medicalCertificates: mc('2026-02-10', 10) }), '2026-12-31', {
      tdb: { waitingDays: 3 },
    });
    expect(tdb(a)?.amountSen).toBe(7 * 7867);
  });

  it('EI-TDB-005: when a later MC for the same injury follows a met threshold, then its days are paid without a new test', () => {
    const a = award(injuryFacts({ medicalCertificates: [...mc('2026-02-10', 4), ...mc('2026-03-01', 2)] }));
    expect(tdb(a)?.inputs.paidDays).toBe(6);
  });

  it('EI-TDB-001: when the first continuous period is 3 days and a later one 5, then the threshold is not met', () => {
    const a = award(injuryFacts({ medicalCertificates: [...mc('2026-02-10', 3), ...mc('2026-02-20', 5)] }));
    expect(tdb(a)).toBeUndefined();
  });

  it('EI-TDB-003: when the ceiling rose on 1 Oct 2024, then the maximum follows the accident date', () => {
    const before = award(
      injuryFacts(
        { contributions: monthsBefore('2024-09', 900000), medicalCertificates: mc('2024-09-10', 5) },
        '2024-09-10'
      )
    );
    expect(tdb(before)?.rate?.dailyRateSen).toBe(13200);
  });
});

describe('NEI-RATE-001: TDB at LINDUNG 24 Jam phase rates', () => {
  it('NEI-RATE-001: when a phase-1 accident on 15 Jul 2026 with 10 MC days, then 10 × RM47.20 = RM472.00', () => {
    const a = award(neiFacts('2026-07-15', { medicalCertificates: mc('2026-07-15', 10) }));
    expect(a.claimClass).toBe('NEI');
    expect(a.neiPhase).toBe(1);
    expect(tdb(a)?.amountSen).toBe(47200);
  });
  it('NEI-PH-001: when the same accident is on 1 Jun 2028 (phase 2), then 64 % → RM62.93/day', () => {
    const a = award(neiFacts('2028-06-01', { medicalCertificates: mc('2028-06-01', 10) }));
    expect(a.neiPhase).toBe(2);
    expect(tdb(a)?.rate?.dailyRateSen).toBe(6293);
  });
  it('NEI-RATE-002: when the minimum-wage band RM1,650.00 in phase 1, then 26.40 is lifted to RM30.00', () => {
    const a = award(neiFacts('2026-07-15', { medicalCertificates: mc('2026-07-15', 10) }, 170000));
    expect(tdb(a)?.rate?.dailyRateSen).toBe(3000);
  });
  it('NEI-RATE-002: when nei.minimumApplies is false, then 26.40 is paid', () => {
    const a = award(neiFacts('2026-07-15', { medicalCertificates: mc('2026-07-15', 10) }, 170000), '2026-12-31', {
      nei: { minimumApplies: false },
    });
    expect(tdb(a)?.rate?.dailyRateSen).toBe(2640);
  });
});
