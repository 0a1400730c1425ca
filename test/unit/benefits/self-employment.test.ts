import { ClaimFacts } from '../../../schemas/benefits/facts';
import { loadRateTables } from '../../../activities/benefits';
import { award, codes, gigFacts, gigMonths, linesOf, seFacts, tables } from './builders';

const tdb = (a: ReturnType<typeof award>) => linesOf(a, 'temporary-disablement')[0];
const decision = (a: ReturnType<typeof award>, code: string) => a.decisions.find((d) => d.code === code);
const SE_VERSION = 'SE-789-2021-10-01';

describe('SE-BEN-001: self-employment benefits on the plan insured earnings at EI rates', () => {
  it.each([
    ['SE-BEN-001: when plan 1 (RM1,050.00) and 10 MC days, then TDB 28.00 is lifted to RM30.00/day', 1, 3000, 30000],
    ['SE-BEN-001: when plan 2 (RM1,550.00) and 10 MC days, then TDB RM41.33/day (RM413.30)', 2, 4133, 41330],
    ['SE-BEN-001: when plan 3 (RM2,950.00) and 10 MC days, then TDB RM78.67/day (RM786.70)', 3, 7867, 78670],
    ['SE-BEN-001: when plan 4 (RM3,950.00) and 10 MC days, then TDB RM105.33/day (RM1,053.30)', 4, 10533, 105330],
  ])('%s', (_t, plan, daily, total) => {
    const a = award(seFacts({}, '2026-02-10', plan));
    expect(a.eligibility.outcome).toBe('eligible');
    expect(a.claimClass).toBe('SE');
    expect(tdb(a)?.rate?.dailyRateSen).toBe(daily);
    expect(tdb(a)?.amountSen).toBe(total);
    expect(a.wageBase).toMatchObject({ source: 'se-plan', dailyWage: expect.any(String) });
  });

  it('SE-CON-001: when the plan is given as insured earnings RM1,550.00, then it is plan 2 and TDB RM41.33/day', () => {
    const a = award(
      seFacts({ selfEmployment: { sector: 'p-hailing', plans: [{ from: '2020-01-01', insuredEarningsSen: 155000 }] } })
    );
    expect(tdb(a)?.rate?.dailyRateSen).toBe(4133);
    expect(tdb(a)?.inputs.sePlan).toBe(2);
  });

  it('SE-CON-001: when the insured earnings match no plan, then an officer confirms the plan (officer review)', () => {
    const a = award(
      seFacts({ selfEmployment: { sector: 'p-hailing', plans: [{ from: '2020-01-01', insuredEarningsSen: 200000 }] } })
    );
    expect(a.eligibility.outcome).toBe('officer-review');
    expect(a.flags).toContain('SE_EARNINGS_NOT_A_PLAN');
  });

  it.each([
    ['SE-CON-001: when the injury is on the last day of plan 1, then plan 1 governs (RM30.00/day)', '2023-12-31', 3000],
    [
      'SE-CON-001: when the injury is on the first day of plan 3, then plan 3 governs (RM78.67/day)',
      '2024-01-01',
      7867,
    ],
  ])('%s', (_t, date, daily) => {
    const a = award(
      seFacts(
        {
          selfEmployment: {
            sector: 'passenger-transport',
            plans: [
              { from: '2017-06-01', to: '2023-12-31', plan: 1 },
              { from: '2024-01-01', plan: 3 },
            ],
          },
        },
        date
      )
    );
    expect(tdb(a)?.rate?.dailyRateSen).toBe(daily);
  });

  it('SE-CON-001: when no plan is in force on the injury date, then not eligible with the plan history as reason', () => {
    const a = award(
      seFacts({ selfEmployment: { sector: 'p-hailing', plans: [{ from: '2020-01-01', to: '2025-12-31', plan: 2 }] } })
    );
    expect(a.eligibility.outcome).toBe('not-eligible');
    expect(a.eligibility.reasons.join(' ')).toContain(
      'No Act 789 contribution plan was in force on the injury date 2026-02-10'
    );
    expect(a.lines).toEqual([]);
  });

  it('SE-BEN-001: when plan 3 and LOEC 40 %, then periodical PDB 90 % × 2,950 ÷ 30 × 40 % = RM35.40/day, RM1,062.00/month', () => {
    const a = award(
      seFacts({ medicalBoard: { decidedOn: '2026-08-01', loecPct: 40, status: 'final' } }, '2026-02-10', 3)
    );
    const pdb = linesOf(a, 'permanent-disablement')[0];
    expect(pdb?.rate?.dailyRateSen).toBe(3540);
    expect(pdb?.amountSen).toBe(106200);
  });

  it('SE-BEN-001: when plan 2 and LOEC 100 % with attendance, then PDB RM46.50/day and CAA RM500.00/month', () => {
    const a = award(
      seFacts({ medicalBoard: { decidedOn: '2026-08-01', loecPct: 100, status: 'final', caaRecommended: true } })
    );
    expect(linesOf(a, 'permanent-disablement')[0]?.rate?.dailyRateSen).toBe(4650);
    expect(linesOf(a, 'constant-attendance')[0]?.amountSen).toBe(50000);
  });

  it("SE-BEN-001: when a plan-2 rider dies of a self-employment injury, then dependants' benefit on RM46.50/day (widow RM27.90, child RM18.60) and RM2,000.00 funeral", () => {
    const a = award(
      seFacts({
        claimType: 'death',
        medicalCertificates: [],
        dependants: [
          { dependantId: 'D1', relationship: 'spouse', dateOfBirth: '1990-01-01' },
          { dependantId: 'D2', relationship: 'child', dateOfBirth: '2015-01-01' },
        ],
        death: { diedOn: '2026-02-10', cause: 'employment-injury', funeral: { claimant: 'heir' } },
      })
    );
    expect(a.claimClass).toBe('SE');
    const first = linesOf(a, 'dependants').filter((l) => l.period?.from === '2026-02-11');
    expect(first.find((l) => l.beneficiaryId === 'D1')?.rate?.dailyRateSen).toBe(2790);
    expect(first.find((l) => l.beneficiaryId === 'D2')?.rate?.dailyRateSen).toBe(1860);
    expect(linesOf(a, 'funeral')[0]?.amountSen).toBe(200000);
    expect(codes(a)).toContain('SE_NO_SURVIVORS_PENSION');
    expect(linesOf(a, 'survivors-pension')).toEqual([]);
  });

  it('SE-COV-001: when a p-hailing rider died of an injury on 31 Dec 2019, before the sector was covered, then not eligible with that reason', () => {
    const a = award(
      seFacts(
        {
          claimType: 'death',
          medicalCertificates: [],
          dependants: [{ dependantId: 'D1', relationship: 'spouse', dateOfBirth: '1990-01-01' }],
          death: { diedOn: '2019-12-31', cause: 'employment-injury', funeral: { claimant: 'heir' } },
        },
        '2019-12-31'
      )
    );
    expect(a.eligibility.outcome).toBe('not-eligible');
    expect(a.eligibility.reasons.join(' ')).toContain('before Act 789 cover began for p-hailing');
    expect(a.lines).toEqual([]);
  });

  it('SE-BEN-001: when the award is computed, then every line cites SE-COV-001, SE-BEN-001 and the self-employment table version', () => {
    const a = award(
      seFacts({
        medicalBoard: { decidedOn: '2026-08-01', loecPct: 100, status: 'final', caaRecommended: true },
        rehabilitation: [{ referralId: 'R1', kind: 'prosthesis', centre: 'Melaka', referredOn: '2026-03-01' }],
        medicalBills: [
          {
            billId: 'B1',
            date: '2026-02-10',
            panel: false,
            items: [{ description: 'x', chargedSen: 100, feesActRateSen: 80 }],
          },
        ],
      })
    );
    expect(a.lines.length).toBeGreaterThanOrEqual(6);
    for (const l of a.lines) {
      expect(l.ruleIds).toEqual(expect.arrayContaining(['SE-COV-001', 'SE-CON-001', 'SE-BEN-001']));
      expect(l.rateTableVersions).toContain(SE_VERSION);
    }
    expect(a.rateTableVersions.selfEmployment).toBe(SE_VERSION);
  });

  it('SE-BEN-001: when a self-employed person claims an invalidity pension, then not eligible (no Act 789 invalidity scheme)', () => {
    const f = seFacts({
      claimType: 'invalidity',
      invalidity: { noticeReceivedOn: '2026-03-05', certifiedByBoard: true },
    });
    const a = award(f);
    expect(a.eligibility.outcome).toBe('not-eligible');
    expect(codes(a)).toContain('SE_NO_INVALIDITY_SCHEME');
  });
});

describe('SE-COV-001: self-employment injury and commencement by sector', () => {
  it.each([
    [
      'SE-COV-001: when passenger transport and the injury is on 31 May 2017, the day before commencement, then not eligible',
      'passenger-transport',
      '2017-05-31',
      'not-eligible',
    ],
    [
      'SE-COV-001: when passenger transport and the injury is on 1 Jun 2017, then eligible',
      'passenger-transport',
      '2017-06-01',
      'eligible',
    ],
    [
      'SE-COV-001: when p-hailing and the injury is on 31 Dec 2019, the day before the 2020 extension, then not eligible',
      'p-hailing',
      '2019-12-31',
      'not-eligible',
    ],
    [
      'SE-COV-001: when p-hailing and the injury is on 1 Jan 2020, then eligible',
      'p-hailing',
      '2020-01-01',
      'eligible',
    ],
    [
      'SE-COV-001: when a further sector and the injury is on 31 Dec 2019, then not eligible',
      'extended-sector',
      '2019-12-31',
      'not-eligible',
    ],
    [
      'SE-COV-001: when a further sector and the injury is on 1 Jan 2020, then eligible',
      'extended-sector',
      '2020-01-01',
      'eligible',
    ],
  ] as const)('%s', (_t, sector, date, outcome) => {
    const a = award(seFacts({ selfEmployment: { sector, plans: [{ from: '2017-06-01', plan: 2 }] } }, date));
    expect(a.eligibility.outcome).toBe(outcome);
    if (outcome === 'not-eligible') {
      expect(codes(a)).toContain('SE_BEFORE_COMMENCEMENT');
      expect(decision(a, 'SE_BEFORE_COMMENCEMENT')?.reason).toMatch(/is before Act 789 cover began for .* on 20/);
    }
  });

  it('SE-COV-001: when se.commencement is 13 Jun 2017, then an injury on 12 Jun 2017 is not covered and one on 13 Jun is', () => {
    const facts = (date: string) =>
      seFacts({ selfEmployment: { sector: 'passenger-transport', plans: [{ from: '2017-06-01', plan: 1 }] } }, date);
    const params = { se: { commencement: '2017-06-13' } };
    expect(award(facts('2017-06-12'), '2017-12-31', params).eligibility.outcome).toBe('not-eligible');
    expect(award(facts('2017-06-13'), '2017-12-31', params).eligibility.outcome).toBe('eligible');
  });

  it('SE-COV-001: when p-hailing after 1 Oct 2021, then the cover decision states registration is compulsory', () => {
    expect(decision(award(seFacts()), 'SE_COVERED')?.reason).toContain('compulsory since 2021-10-01');
  });

  it.each([
    ['SE-COV-001: when an occupational disease, then covered from the date of first certification', 'od'],
    ['SE-COV-001: when an accident on travel for the activity with a police report, then covered', 'job-journey'],
  ])('%s', (_t, kind) => {
    const f = seFacts();
    const injury =
      kind === 'od'
        ? { ...f.injury!, kind: 'occupational-disease' as const, firstCertifiedOn: '2026-02-10' }
        : { ...f.injury!, circumstance: 'job-journey' as const, policeReportFiled: true };
    const a = award({ ...f, injury });
    expect(a.eligibility.outcome).toBe('eligible');
    expect(codes(a)).toContain('SE_SELF_EMPLOYMENT_INJURY');
  });

  it('SE-COV-001: when travel for the activity has no police report, then an officer reviews it', () => {
    const f = seFacts();
    const a = award({ ...f, injury: { ...f.injury!, circumstance: 'commuting' } });
    expect(a.eligibility.outcome).toBe('officer-review');
    expect(a.flags).toContain('COMMUTING_POLICE_REPORT_MISSING');
  });

  it('SE-COV-001: when an accident outside the activity, then not eligible (no LINDUNG 24 Jam for Act 789)', () => {
    const f = seFacts();
    const a = award({ ...f, injury: { ...f.injury!, circumstance: 'outside-work' } });
    expect(a.eligibility.outcome).toBe('not-eligible');
    expect(codes(a)).toContain('SE_NOT_SELF_EMPLOYMENT_INJURY');
  });

  it('SE-COV-001: when a non-employment-injury claim for a self-employed person, then not eligible', () => {
    const f = seFacts({ claimType: 'non-employment-injury' });
    expect(codes(award(f))).toContain('SE_NO_NON_EMPLOYMENT_COVER');
  });

  it('SE-COV-001: when the self-employed person is a foreign worker, then not eligible (citizens and PRs only)', () => {
    const f = seFacts();
    const a = award({ ...f, insuredPerson: { ...f.insuredPerson, workerType: 'foreign' } });
    expect(a.eligibility.outcome).toBe('not-eligible');
    expect(codes(a)).toContain('SE_NOT_CITIZEN_OR_PR');
  });

  it('SE-COV-001: when the person is 75, then covered (no age limit)', () => {
    const f = seFacts();
    expect(award({ ...f, insuredPerson: { ...f.insuredPerson, dateOfBirth: '1950-01-01' } }).eligibility.outcome).toBe(
      'eligible'
    );
  });
});

describe('GIG-COM-001 / GIG-BEN-001: gig workers', () => {
  const active = { gig: { commencementDate: '2026-01-01' } };

  it('GIG-COM-001: when gig.commencementDate is unset, then a gig claim falls back to the plan rules with an info decision', () => {
    const f = gigFacts(gigMonths('2026-07', 300000));
    const a = award({ ...f, selfEmployment: { ...f.selfEmployment!, plans: [{ from: '2025-01-01', plan: 2 }] } });
    expect(a.claimClass).toBe('SE');
    expect(decision(a, 'GIG_RULES_INACTIVE')).toMatchObject({
      outcome: 'info',
      ruleIds: ['GIG-COM-001', 'SE-CON-001'],
    });
    expect(tdb(a)?.rate?.dailyRateSen).toBe(4133);
    expect(tdb(a)?.ruleIds).toEqual(expect.arrayContaining(['SE-CON-001', 'GIG-COM-001']));
  });

  it('GIG-COM-001: when gig.commencementDate is unset and the gig worker has no plan, then not eligible', () => {
    const a = award(gigFacts(gigMonths('2026-07', 300000)));
    expect(a.eligibility.outcome).toBe('not-eligible');
    expect(codes(a)).toEqual(expect.arrayContaining(['GIG_RULES_INACTIVE', 'SE_NO_PLAN_IN_FORCE']));
  });

  it('GIG-COM-001: when gig.commencementDate is set to 1 Jan 2026, then the GIG rules apply: RM3,000.00 → TDB RM80.00/day', () => {
    const a = award(gigFacts(gigMonths('2026-07', 300000)), '2026-12-31', active);
    expect(a.claimClass).toBe('GIG');
    expect(codes(a)).toContain('GIG_RULES_ACTIVE');
    expect(a.wageBase).toMatchObject({ source: 'gig-platform-earnings', aamwSen: 300000 });
    expect(tdb(a)?.rate?.dailyRateSen).toBe(8000);
    expect(tdb(a)?.ruleIds).toEqual(
      expect.arrayContaining(['GIG-BEN-001', 'GIG-CON-001', 'GIG-COM-001', 'SE-BEN-001'])
    );
    expect(tdb(a)?.rateTableVersions).toContain(SE_VERSION);
  });

  it.each([
    [
      'GIG-COM-001: when the injury is on 14 Jul 2026, the day before gig.commencementDate, then the plan rules apply',
      '2026-07-14',
      'SE',
    ],
    [
      'GIG-COM-001: when the injury is on 15 Jul 2026, gig.commencementDate, then the GIG rules apply',
      '2026-07-15',
      'GIG',
    ],
  ])('%s', (_t, date, cls) => {
    const f = gigFacts(gigMonths('2026-07', 300000), {}, date);
    const a = award(
      { ...f, selfEmployment: { ...f.selfEmployment!, plans: [{ from: '2025-01-01', plan: 1 }] } },
      '2026-12-31',
      {
        gig: { commencementDate: '2026-07-15' },
      }
    );
    expect(a.claimClass).toBe(cls);
  });

  it('GIG-BEN-001: when net earnings of RM5,000.00 a month exceed the cap, then the wage base is RM3,950.00 (TDB RM105.33/day)', () => {
    const a = award(gigFacts(gigMonths('2026-07', 500000)), '2026-12-31', active);
    expect(a.wageBase?.aamwSen).toBe(395000);
    expect(tdb(a)?.rate?.dailyRateSen).toBe(10533);
    expect(codes(a)).toContain('GIG_WAGE_BASE_CAPPED');
  });

  it('GIG-BEN-001: when a month has no platform deduction, then it is excluded from sum and divisor', () => {
    const earnings = [
      ...gigMonths('2026-06', 300000, 5),
      { month: '2026-06', netEarningsSen: 900000, deductionSen: 0 },
    ];
    const a = award(gigFacts(earnings), '2026-12-31', active);
    expect(a.wageBase?.aamwSen).toBe(300000);
    expect(a.wageBase?.monthsCounted).toHaveLength(5);
    expect(codes(a)).toContain('GIG_MONTH_WITHOUT_DEDUCTION');
  });

  it('GIG-BEN-001: when months before the 6-month window exist, then they are not counted', () => {
    const earnings = [...gigMonths('2026-01', 100000, 3), ...gigMonths('2026-07', 300000)];
    expect(award(gigFacts(earnings), '2026-12-31', active).wageBase?.aamwSen).toBe(300000);
  });

  it.each([
    [
      'GIG-BEN-001: when gig.wageBase is capped-average and months of RM5,000.00 and RM2,000.00, then RM3,500.00 (RM93.33/day)',
      'capped-average',
      350000,
      9333,
    ],
    [
      'GIG-BEN-001: when gig.wageBase is average-of-capped-months, then (3 × 3,950 + 3 × 2,000) ÷ 6 = RM2,975.00 (RM79.33/day)',
      'average-of-capped-months',
      297500,
      7933,
    ],
  ] as const)('%s', (_t, wageBase, aamw, daily) => {
    const earnings = [...gigMonths('2026-04', 500000, 3), ...gigMonths('2026-07', 200000, 3)];
    const a = award(gigFacts(earnings), '2026-12-31', { gig: { commencementDate: '2026-01-01', wageBase } });
    expect(a.wageBase?.aamwSen).toBe(aamw);
    expect(tdb(a)?.rate?.dailyRateSen).toBe(daily);
  });

  it('GIG-BEN-001: when gig.wageBaseCapSen overrides the table cap with RM3,000.00, then RM5,000.00 counts as RM3,000.00', () => {
    const a = award(gigFacts(gigMonths('2026-07', 500000)), '2026-12-31', {
      gig: { commencementDate: '2026-01-01', wageBaseCapSen: 300000 },
    });
    expect(a.wageBase?.aamwSen).toBe(300000);
  });

  it('GIG-BEN-001: when no month in the window has a deduction, then an officer decides (no wage base), or the comparator is used', () => {
    const none = award(gigFacts([]), '2026-12-31', active);
    expect(none.eligibility.outcome).toBe('officer-review');
    expect(none.flags).toContain('WB_NO_WAGE_BASE');
    const withComparator = award(gigFacts([], { officer: { comparatorAamwSen: 250000 } }), '2026-12-31', active);
    expect(withComparator.wageBase).toMatchObject({ source: 'officer-comparator', aamwSen: 250000 });
    expect(withComparator.flags).toContain('WB_FALLBACK_COMPARATOR');
  });
});

describe('SE-CON-001: the self-employment rate table and facts', () => {
  const t = loadRateTables().selfEmployment;

  it('SE-CON-001: when the tables load, then the self-employment table has a version id and the gig cap RM3,950.00', () => {
    expect(t.version).toBe(SE_VERSION);
    expect(t.gig[0]?.wageBaseCapSen).toBe(395000);
    expect(t.sectors.map((s) => [s.sector, s.coveredFrom, s.compulsoryFrom])).toEqual([
      ['passenger-transport', '2017-06-01', null],
      ['p-hailing', '2020-01-01', '2021-10-01'],
      ['extended-sector', '2020-01-01', null],
    ]);
  });

  it.each([
    [1, 105000, 1310, 15720],
    [2, 155000, 1940, 23280],
    [3, 295000, 3690, 44280],
    [4, 395000, 4940, 59280],
  ])(
    'SE-CON-001: when plan %i, then insured earnings %i sen, contribution %i sen a month and %i sen a year',
    (plan, ie, m, y) => {
      expect(t.plans[0]?.plans.find((p) => p.plan === plan)).toEqual({
        plan,
        insuredEarningsSen: ie,
        monthlyContributionSen: m,
        yearlyContributionSen: y,
      });
    }
  );

  it('SE-CON-001: when a yearly contribution is not 12 × the monthly one, then the table is refused at load', () => {
    const bad = structuredClone(tables.selfEmployment) as unknown as {
      plans: { plans: { yearlyContributionSen: number }[] }[];
    };
    bad.plans[0]!.plans[1]!.yearlyContributionSen = 23281;
    expect(() => loadRateTables({ selfEmployment: bad })).toThrow(/yearly contribution/);
  });

  it('SE-CON-001: when plans are out of order, then the table is refused at load', () => {
    const bad = structuredClone(tables.selfEmployment) as unknown as { plans: { plans: unknown[] }[] };
    bad.plans[0]!.plans.reverse();
    expect(() => loadRateTables({ selfEmployment: bad })).toThrow(/expected plan 1/);
  });

  it('SE-COV-001: when existing Act 4 facts are parsed, then the scheme defaults to act4', () => {
    expect(
      ClaimFacts.parse(
        seFacts({ selfEmployment: undefined, insuredPerson: { ...seFacts().insuredPerson, scheme: undefined } })
      ).insuredPerson.scheme
    ).toBe('act4');
  });

  it.each([
    [
      'SE-COV-001: when scheme act789 has no selfEmployment block, then the facts are refused',
      { selfEmployment: undefined },
      'selfEmployment',
    ],
    [
      'SE-CON-001: when a plan period gives both a plan and insured earnings, then the facts are refused',
      {
        selfEmployment: {
          sector: 'p-hailing' as const,
          plans: [{ from: '2020-01-01', plan: 2, insuredEarningsSen: 155000 }],
        },
      },
      'selfEmployment.plans.0.plan',
    ],
    [
      'SE-CON-001: when plan periods overlap, then the facts are refused',
      {
        selfEmployment: {
          sector: 'p-hailing' as const,
          plans: [
            { from: '2020-01-01', to: '2022-12-31', plan: 1 },
            { from: '2022-12-31', plan: 2 },
          ],
        },
      },
      'selfEmployment.plans.1.from',
    ],
    [
      'GIG-BEN-001: when a platform month is given twice, then the facts are refused',
      {
        selfEmployment: {
          sector: 'p-hailing' as const,
          platformEarnings: [
            { month: '2026-01', netEarningsSen: 1, deductionSen: 0 },
            { month: '2026-01', netEarningsSen: 2, deductionSen: 0 },
          ],
        },
      },
      'selfEmployment.platformEarnings.1.month',
    ],
  ])('%s', (_t, overrides, path) => {
    const r = ClaimFacts.safeParse(seFacts(overrides));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('SE-COV-001: when an Act 4 claim carries a selfEmployment block, then the facts are refused', () => {
    const f = seFacts();
    const r = ClaimFacts.safeParse({ ...f, insuredPerson: { ...f.insuredPerson, scheme: 'act4' } });
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('selfEmployment');
  });
});
