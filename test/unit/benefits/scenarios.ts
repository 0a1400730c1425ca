import type { ClaimFactsInput } from '../../../schemas/benefits/facts';
import type { EngineParamsInput } from '../../../schemas/benefits/params';
import { deathFacts, gigFacts, gigMonths, injuryFacts, monthsBefore, neiFacts, seFacts } from './builders';

/** The fixture set the rule-coverage test runs the engine over: one or more claims per benefit and exclusion. */
export const SCENARIOS: { name: string; facts: ClaimFactsInput; asOf?: string; params?: EngineParamsInput }[] = [
  {
    name: 'EI accident with TDB, PDB 100 % + CAA, commutation, bills, rehabilitation, late notice and late PDB claim',
    facts: injuryFacts({
      medicalCertificates: [{ from: '2026-02-10', to: '2026-02-19', daysWorkedForWages: 1 }],
      medicalBoard: {
        decidedOn: '2026-08-01',
        loecPct: 100,
        status: 'provisional',
        validUntil: '2027-08-01',
        caaRecommended: true,
      },
      elections: { pdbCommutation: { electedOn: '2026-09-01' } },
      medicalBills: [
        { billId: 'B1', date: '2026-02-10', panel: false, items: [{ description: 'x', chargedSen: 100 }] },
      ],
      rehabilitation: [
        { referralId: 'R1', kind: 'physiotherapy', centre: 'Melaka', referredOn: '2026-03-01', occupancyPct: 95 },
      ],
      notices: {
        employerLearnedAt: '2026-02-10T10:00:00+08:00',
        employerNotifiedAt: '2026-02-14T10:00:00+08:00',
        pdbClaimOn: '2027-06-01',
      },
      educationApplications: [
        {
          dependantId: 'D9',
          dateOfBirth: '2008-01-01',
          appliedOn: '2026-09-01',
          level: 'diploma',
          fullTime: true,
          inMalaysia: true,
          monthsRemaining: 24,
          tuitionTotalSen: 2000000,
          tuitionPerYearSen: 1000000,
          rejectedByOtherLenders: true,
          institution: { kind: 'public', approved: true, ageYears: 30 },
        },
      ],
    }),
  },
  {
    name: 'EI lump-sum PDB',
    facts: injuryFacts({ medicalBoard: { decidedOn: '2026-08-01', loecPct: 15, status: 'final' } }),
  },
  {
    name: 'EI commuting without police report, foreign worker, unregistered',
    facts: (() => {
      const f = injuryFacts();
      return {
        ...f,
        insuredPerson: { ...f.insuredPerson, employerRegistered: false },
        injury: { ...f.injury!, circumstance: 'commuting' as const },
      };
    })(),
  },
  {
    name: 'EI foreign worker 2018',
    facts: (() => {
      const f = injuryFacts({ contributions: monthsBefore('2018-05', 200000) }, '2018-05-10');
      return { ...f, insuredPerson: { ...f.insuredPerson, workerType: 'foreign' as const } };
    })(),
  },
  {
    name: 'occupational disease',
    facts: (() => {
      const f = injuryFacts({}, '2026-03-02');
      return { ...f, injury: { ...f.injury!, kind: 'occupational-disease' as const, firstCertifiedOn: '2026-03-02' } };
    })(),
  },
  {
    name: 'no wage base: declared wage',
    facts: injuryFacts({ contributions: [], officer: { declaredContractualWageSen: 300000 } }),
  },
  { name: 'NEI phase 1', facts: neiFacts('2026-07-15') },
  { name: 'NEI before commencement', facts: neiFacts('2026-05-31') },
  {
    name: 'NEI abroad',
    facts: (() => {
      const f = neiFacts('2026-07-15');
      return { ...f, injury: { ...f.injury!, inMalaysia: false } };
    })(),
  },
  { name: 'NEI s.44B', facts: neiFacts('2026-07-15', { officer: { s44bFinding: 'offence' } }) },
  { name: 'NEI s.96B', facts: neiFacts('2026-07-15', { officer: { s96bFinding: 'listed circumstance' } }) },
  {
    name: 'NEI opted out',
    facts: neiFacts('2026-09-15', {
      insuredPerson: {
        insuredPersonId: 'IP-1',
        dateOfBirth: '1990-04-15',
        registeredOn: '2015-03-01',
        category: 'first',
        workerType: 'local',
        lindungOptOuts: [{ optedOutOn: '2026-07-10', reactivatedOn: null }],
      },
    }),
  },
  {
    name: 'EI death: widow, student child, parents; heir funeral; education loan',
    facts: deathFacts(
      [
        { dependantId: 'D1', relationship: 'spouse', dateOfBirth: '1990-01-01' },
        { dependantId: 'D2', relationship: 'child', dateOfBirth: '2004-01-01', studyingFirstDegree: true },
      ],
      {
        death: { diedOn: '2026-02-10', cause: 'employment-injury', funeral: { claimant: 'heir' } },
        educationApplications: [
          {
            dependantId: 'D2',
            dateOfBirth: '2008-01-01',
            appliedOn: '2026-05-01',
            level: 'first-degree',
            fullTime: true,
            inMalaysia: true,
            monthsRemaining: 36,
            tuitionTotalSen: 4000000,
            tuitionPerYearSen: 1333300,
            rejectedByOtherLenders: true,
            institution: { kind: 'private', approved: true, ageYears: 10 },
          },
        ],
      }
    ),
  },
  {
    name: 'EI death, group 2',
    facts: deathFacts([
      { dependantId: 'D1', relationship: 'parent', dateOfBirth: '1960-01-01' },
      { dependantId: 'D2', relationship: 'sibling', dateOfBirth: '2012-01-01' },
    ]),
  },
  {
    name: 'death from other causes: survivors pension, payer funeral',
    facts: {
      claimId: 'C-2026-000400',
      claimType: 'death',
      insuredPerson: {
        insuredPersonId: 'IP-4',
        dateOfBirth: '1975-01-01',
        registeredOn: '1995-01-01',
        category: 'first',
        workerType: 'local',
      },
      contributions: monthsBefore('2026-03', 300000, 120),
      death: {
        diedOn: '2026-03-05',
        cause: 'other',
        funeral: { claimant: 'payer', payerId: 'P-1', receiptsSen: 175000 },
      },
      dependants: [{ dependantId: 'D1', relationship: 'spouse', dateOfBirth: '1978-01-01' }],
    },
  },
  {
    name: 'EI death that also meets the invalidity qualifying period',
    facts: {
      ...deathFacts([{ dependantId: 'D1', relationship: 'spouse', dateOfBirth: '1978-01-01' }], {}, '2026-03-05'),
      contributions: monthsBefore('2026-03', 300000, 120),
    },
  },
  {
    name: 'invalidity pension with CAA, dialysis, re-employment, NEI overlap',
    facts: {
      claimId: 'C-2026-000200',
      claimType: 'invalidity',
      insuredPerson: {
        insuredPersonId: 'IP-2',
        dateOfBirth: '1975-01-01',
        registeredOn: '1995-01-01',
        category: 'first',
        workerType: 'local',
      },
      contributions: monthsBefore('2026-03', 300000, 30).filter((_, i) => i % 2 === 0 || i > 5),
      invalidity: {
        noticeReceivedOn: '2026-03-05',
        certifiedByBoard: true,
        currentMonthlyEarningsSen: 200000,
        sameConditionNeiPdbMonthlySen: 10000,
      },
      medicalBoard: { decidedOn: '2026-03-01', loecPct: 100, status: 'final', caaRecommended: true },
      rehabilitation: [{ referralId: 'R1', kind: 'dialysis', centre: 'Ipoh', referredOn: '2026-03-10' }],
    },
  },
  {
    name: 'reduced qualifying period',
    facts: {
      claimId: 'C-2026-000201',
      claimType: 'invalidity',
      insuredPerson: {
        insuredPersonId: 'IP-2',
        dateOfBirth: '1975-01-01',
        registeredOn: '1995-01-01',
        category: 'first',
        workerType: 'local',
      },
      contributions: monthsBefore('2026-03', 300000, 80).filter((_, i) => i % 8 < 3),
      invalidity: { noticeReceivedOn: '2026-03-05', certifiedByBoard: true },
    },
  },
  {
    name: 'invalidity grant',
    facts: {
      claimId: 'C-2026-000202',
      claimType: 'invalidity',
      insuredPerson: {
        insuredPersonId: 'IP-2',
        dateOfBirth: '1975-01-01',
        registeredOn: '1995-01-01',
        category: 'first',
        workerType: 'local',
      },
      contributions: monthsBefore('2026-03', 300000, 14),
      invalidity: { noticeReceivedOn: '2026-03-05', certifiedByBoard: true },
    },
  },
  {
    name: 'EIS with re-employment and training',
    facts: {
      claimId: 'C-2026-000300',
      claimType: 'eis-loss-of-employment',
      insuredPerson: {
        insuredPersonId: 'IP-3',
        dateOfBirth: '1990-01-01',
        registeredOn: '2015-01-01',
        category: 'first',
        workerType: 'local',
      },
      contributions: monthsBefore('2026-03', 900000, 24, { scheme: 'act800' }),
      eis: {
        lossOfEmploymentOn: '2026-03-31',
        reason: 'retrenchment',
        claimFiledOn: '2026-04-10',
        employment: 'private-contract-of-service',
        reemployedOn: '2026-05-31',
        activeJobSearch: false,
        training: { feeSen: 300000, months: 2, trainingDays: 20, dailyAllowanceSen: 1500 },
      },
    },
  },
  {
    name: 'EIS reduced income',
    facts: {
      claimId: 'C-2026-000301',
      claimType: 'eis-loss-of-employment',
      insuredPerson: {
        insuredPersonId: 'IP-3',
        dateOfBirth: '1990-01-01',
        registeredOn: '2015-01-01',
        category: 'first',
        workerType: 'local',
      },
      contributions: monthsBefore('2026-03', 900000, 24, { scheme: 'act800' }).map((c) => ({
        ...c,
        employerId: 'E-1',
      })),
      eis: {
        lossOfEmploymentOn: '2026-03-31',
        reason: 'retrenchment',
        claimFiledOn: '2026-04-10',
        employment: 'private-contract-of-service',
        multipleJobs: true,
        lostJobEmployerId: 'E-1',
      },
    },
  },
  {
    name: 'SE p-hailing plan 2: TDB, PDB 100 % + CAA, rehabilitation, education loan',
    facts: seFacts({
      medicalBoard: { decidedOn: '2026-08-01', loecPct: 100, status: 'final', caaRecommended: true },
      rehabilitation: [{ referralId: 'R1', kind: 'prosthesis', centre: 'Melaka', referredOn: '2026-03-01' }],
    }),
  },
  { name: 'SE injury before the sector was covered', facts: seFacts({}, '2019-12-31') },
  {
    name: 'gig worker with the GIG rules in force: platform earnings, one month without deduction',
    facts: gigFacts([
      ...gigMonths('2026-06', 300000, 5),
      { month: '2026-06', netEarningsSen: 900000, deductionSen: 0 },
    ]),
    params: { gig: { commencementDate: '2026-01-01' } },
  },
  {
    name: 'gig worker while gig.commencementDate is unset: plan rules',
    facts: (() => {
      const f = gigFacts(gigMonths('2026-07', 300000));
      return { ...f, selfEmployment: { ...f.selfEmployment!, plans: [{ from: '2025-01-01', plan: 1 }] } };
    })(),
  },
  {
    name: 'SE death: widow and child, heir funeral',
    facts: seFacts({
      claimType: 'death',
      medicalCertificates: [],
      dependants: [
        { dependantId: 'D1', relationship: 'spouse', dateOfBirth: '1990-01-01' },
        { dependantId: 'D2', relationship: 'child', dateOfBirth: '2015-01-01' },
      ],
      death: { diedOn: '2026-02-10', cause: 'employment-injury', funeral: { claimant: 'heir' } },
    }),
  },
];
