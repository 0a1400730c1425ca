import { award, codes, injuryFacts, linesOf, monthsBefore, neiFacts } from './builders';

describe('NEI-CLS-001: classification of an injury', () => {
  it('NEI-CLS-001: when an accident outside working hours on 31 May 2026, then NEI_BEFORE_COMMENCEMENT and nothing is paid', () => {
    const a = award(neiFacts('2026-05-31'));
    expect(codes(a)).toContain('NEI_BEFORE_COMMENCEMENT');
    expect(a.eligibility.outcome).toBe('not-eligible');
    expect(a.lines).toEqual([]);
  });
  it('NEI-LAW-001: when the same accident on 1 Jun 2026, then NEI phase 1', () => {
    const a = award(neiFacts('2026-06-01'));
    expect(a.claimClass).toBe('NEI');
    expect(a.neiPhase).toBe(1);
  });
  it('NEI-CLS-001: when 23:30 on 31 May 2026 in UTC is already 1 Jun in Malaysia, then the Malaysian date governs', () => {
    const f = neiFacts('2026-06-01');
    const a = award({ ...f, injury: { ...f.injury!, occurredAt: '2026-05-31T17:30:00Z' } });
    expect(a.claimClass).toBe('NEI');
  });
  it.each([
    ['2028-05-31', 1],
    ['2028-06-01', 2],
    ['2031-05-31', 2],
    ['2031-06-01', 3],
  ])('NEI-PH-001: when the accident is on %s, then phase %s', (date, phase) => {
    expect(award(neiFacts(date)).neiPhase).toBe(phase);
  });
  it('NEI-EXC-001: when the non-employment accident is abroad, then NEI_OUTSIDE_MALAYSIA', () => {
    const f = neiFacts('2026-07-15');
    expect(codes(award({ ...f, injury: { ...f.injury!, inMalaysia: false } }))).toContain('NEI_OUTSIDE_MALAYSIA');
  });
  it('EI-COV-001: when a work accident happens abroad, then it is still an employment injury', () => {
    const f = injuryFacts();
    expect(award({ ...f, injury: { ...f.injury!, inMalaysia: false } }).claimClass).toBe('EI');
  });
  it.each([
    ['offence', 'NEI_S44B_OFFENCE'],
    ['pass-misuse', 'NEI_S44B_PASS'],
  ] as const)('NEI-EXC-002: when the officer finds s.44B %s, then %s', (finding, code) => {
    expect(codes(award(neiFacts('2026-07-15', { officer: { s44bFinding: finding } })))).toContain(code);
  });
  it('NEI-EXC-003: when an officer records a s.96B finding, then NEI_S96B', () => {
    expect(codes(award(neiFacts('2026-07-15', { officer: { s96bFinding: 'self-inflicted' } })))).toContain('NEI_S96B');
  });
  it('NEI-DEF-001: when the claim is an illness, then NEI_NOT_ACCIDENT', () => {
    const f = neiFacts('2026-07-15');
    expect(codes(award({ ...f, injury: { ...f.injury!, kind: 'illness' } }))).toContain('NEI_NOT_ACCIDENT');
  });
  it('EI-COV-002: when a commuting accident, then EI, and without a police report an officer reviews', () => {
    const f = injuryFacts();
    const a = award({ ...f, injury: { ...f.injury!, circumstance: 'commuting' } });
    expect(a.claimClass).toBe('EI');
    expect(a.flags).toContain('COMMUTING_POLICE_REPORT_MISSING');
  });
  it('EI-COV-002: when the commute deviated, then it is tested as NEI (and an officer ruling can make it EI)', () => {
    const f = neiFacts('2026-07-15');
    const deviation = { ...f, injury: { ...f.injury!, circumstance: 'commuting-deviation' as const } };
    expect(award(deviation).claimClass).toBe('NEI');
    expect(award({ ...deviation, officer: { commutingRuling: 'covered' } }).claimClass).toBe('EI');
  });
  it('EI-COV-001 / WB-INJ-001: when an occupational disease, then EI and the month of first certification governs', () => {
    const f = injuryFacts({}, '2026-03-02');
    const a = award({
      ...f,
      injury: {
        ...f.injury!,
        kind: 'occupational-disease',
        occurredAt: '2025-01-01T00:00:00+08:00',
        firstCertifiedOn: '2026-03-02',
      },
    });
    expect(a.claimClass).toBe('EI');
    expect(a.wageBase?.window).toEqual({ from: '2025-09', to: '2026-02' });
  });
});

describe('NEI-PART-002: LINDUNG 24 Jam cover test', () => {
  const optOut = (optedOutOn: string, reactivatedOn: string | null = null) => ({
    insuredPerson: {
      insuredPersonId: 'IP-1',
      dateOfBirth: '1990-04-15',
      registeredOn: '2015-03-01',
      category: 'first' as const,
      workerType: 'local' as const,
      lindungOptOuts: [{ optedOutOn, reactivatedOn }],
    },
  });
  it('NEI-PART-002: when a local worker opted out before the accident, then NEI_OPTED_OUT', () => {
    expect(codes(award(neiFacts('2026-09-15', optOut('2026-07-10'))))).toContain('NEI_OPTED_OUT');
  });
  it('NEI-PART-002: when the opt-out comes after the accident, then cover is kept', () => {
    expect(award(neiFacts('2026-07-05', optOut('2026-07-10'))).claimClass).toBe('NEI');
  });
  it('NEI-PART-001: when the accident is in June 2026, then covered whatever the opt-out', () => {
    expect(award(neiFacts('2026-06-20', optOut('2026-06-01'))).claimClass).toBe('NEI');
  });
  it('NEI-PART-002: when reactivated from Oct 2026, then an accident in Nov 2026 is covered', () => {
    expect(award(neiFacts('2026-11-15', optOut('2026-07-10', '2026-10-01'))).claimClass).toBe('NEI');
  });
  it('NEI-PART-001: when a foreign worker, then covered compulsorily', () => {
    const f = neiFacts('2026-09-15', optOut('2026-07-10'));
    expect(award({ ...f, insuredPerson: { ...f.insuredPerson, workerType: 'foreign' } }).claimClass).toBe('NEI');
  });
  it('NEI-CON-001: when no non-EI contribution is payable for the accident month, then not covered', () => {
    const f = neiFacts('2026-09-15');
    expect(
      codes(
        award({
          ...f,
          contributions: [
            ...monthsBefore('2026-09', 300000),
            { month: '2026-09', wageSen: 300000, status: 'paid', nonEi: 'none' },
          ],
        })
      )
    ).toContain('NEI_OPTED_OUT');
  });
});

describe('EI-COV and CLM-DL: coverage and deadlines', () => {
  it('EI-COV-004: when a foreign worker had a work accident in 2018, then refused', () => {
    const f = injuryFacts({ contributions: monthsBefore('2018-05', 200000) }, '2018-05-10');
    expect(codes(award({ ...f, insuredPerson: { ...f.insuredPerson, workerType: 'foreign' } }))).toContain(
      'FOREIGN_WORKER_BEFORE_2019'
    );
  });
  it('EI-COV-005: when the employer never registered the worker, then officer review EMPLOYER_DEFAULT, never a refusal', () => {
    const f = injuryFacts();
    const a = award({ ...f, insuredPerson: { ...f.insuredPerson, employerRegistered: false } });
    expect(a.flags).toContain('EMPLOYER_DEFAULT');
    expect(a.eligibility.outcome).toBe('officer-review');
  });
  it('EI-COV-003: when second category, then EI is still paid', () => {
    const f = injuryFacts();
    const a = award({ ...f, insuredPerson: { ...f.insuredPerson, category: 'second' } });
    expect(linesOf(a, 'temporary-disablement')).toHaveLength(1);
  });
  it('CLM-DL-001: when the employer gave notice 49 hours after learning, then accepted and flagged', () => {
    const a = award(
      injuryFacts({
        notices: { employerLearnedAt: '2026-02-10T10:00:00+08:00', employerNotifiedAt: '2026-02-12T11:00:00+08:00' },
      })
    );
    expect(a.flags).toContain('LATE_EMPLOYER_NOTICE');
    expect(linesOf(a, 'temporary-disablement')).toHaveLength(1);
  });
  it('GEN-DATE-001: when no benefit-rate row covers a 2010 accident, then officer review, no guessing', () => {
    const a = award(injuryFacts({ contributions: monthsBefore('2010-05', 200000) }, '2010-05-10'));
    expect(codes(a)).toContain('RATE_TABLE_GAP');
  });
});
