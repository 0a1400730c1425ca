import fc from 'fast-check';
import type { ClaimFactsInput } from '../../schemas/benefits/facts';
import { addDays } from '../../schemas/common/calendar';
import { sen } from '../../schemas/common/money';
import type { ClaimSubmittedV1 } from '../../schemas/events/claim-submitted.v1';
import type { MedicalBoardDecision } from '../../schemas/medical/board-decision';
import type { MedicalCertificatePeriod } from '../../schemas/medical/medical-certificate';
import type { ContributionRecord } from '../../schemas/registry/contribution';
import type { RegistryItem } from '../../infra/mongo/registry-repository';
import {
  aClaimant,
  aCommutingAccidentClaim,
  aDeathClaim,
  aDependant,
  aMedicalBoardDecision,
  aMedicalCertificate,
  anAttachment,
  anEmployer,
  anIncident,
  anInsuredPerson,
  anInvalidityClaim,
  aNonEmploymentInjuryClaim,
  anOccupationalDiseaseClaim,
  aWorkAccidentClaim,
} from './builders';

/*
 * Generated claim cases for the award invariant (test/integration/award-invariant.test.ts). A case is the truth about
 * one insured person and one claim: the whole contribution history, the accident or notice, the MC periods and the
 * Medical Board's decision. From it come, independently of each other, what the pipeline receives (registry records
 * and a `claims.submitted` message) and the ClaimFacts an officer would type into `claims award`. The facts here are
 * written from the benefit rules' own terms, not through activities/claims/facts.ts, so a facts-builder defect (such
 * as reading only 24 months of contributions) shows as a difference.
 */

export const CLAIM_KINDS = [
  'work-accident',
  'commuting-accident',
  'occupational-disease',
  'lindung-off-duty',
  'invalidity',
  'death-work-accident',
  'death-other',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** The generated truth of one case (ids are filled in per run). */
export interface CaseSpec {
  kind: ClaimKind;
  /** Monthly wage, the same every month (sen); above the RM6,000.00 ceiling sometimes. */
  wageSen: number;
  /** Complete months of contributions before the governing month. */
  months: number;
  birthYear: number;
  /** Days before today of the accident, onset, notice or death. */
  daysAgo: number;
  /** MC periods in days, one after another from the accident day. */
  mcDays: number[];
  /** LOEC in percent; 0 is the common case (temporary disablement only). */
  loecPct: number;
  /** Hours after the accident that the employer gave notice (CLM-DL-001 flags more than 48). */
  noticeHours: number;
  children: number;
}

export const caseSpec: fc.Arbitrary<CaseSpec> = fc.record({
  kind: fc.constantFrom(...CLAIM_KINDS),
  wageSen: fc.oneof(
    fc.integer({ min: 1_700, max: 7_000 }).map((rm) => rm * 100),
    fc.constant(800_000)
  ),
  months: fc.oneof(fc.integer({ min: 6, max: 40 }), fc.integer({ min: 41, max: 300 })),
  birthYear: fc.integer({ min: 1968, max: 2003 }),
  daysAgo: fc.integer({ min: 100, max: 160 }),
  mcDays: fc.array(fc.integer({ min: 1, max: 45 }), { minLength: 0, maxLength: 3 }),
  loecPct: fc.constantFrom(0, 0, 0, 10, 20, 25, 40, 100),
  noticeHours: fc.constantFrom(2, 2, 20, 80),
  children: fc.integer({ min: 0, max: 2 }),
});

/** One case with its ids, ready to send. */
export interface ClaimCase {
  spec: CaseSpec;
  claimId: string;
  insuredPersonId: string;
  employerId: string;
  registry: RegistryItem[];
  claim: ClaimSubmittedV1;
  /** The board's answer when the claim asks for one (never for a death). */
  decision?: MedicalBoardDecision;
  /** What `claims award` is given for the same case (its `--as-of` is the award's date). */
  facts: ClaimFactsInput;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const monthOf = (date: string) => date.slice(0, 7);
function shift(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${pad((total % 12) + 1, 2)}`;
}
/** The LINDUNG 24 Jam part of a month's contribution (NEI-CON-001): mandatory from June 2026. */
const NEI_FROM = '2026-06';

/** Builds case `index` (< 1000) of a run: ids from `runId` (six digits), dates from `today` (YYYY-MM-DD, Malaysia). */
export function buildCase(spec: CaseSpec, runId: string, index: number, today: string): ClaimCase {
  const serial = `${runId}${pad(index, 3)}`;
  const claimId = `C-2026-${serial}`;
  const insuredPersonId = `IP-9${serial}`;
  const employerId = `E-9${serial}`;
  const eventDate = addDays(today, -spec.daysAgo);
  const dateOfBirth = `${spec.birthYear}-0${1 + (index % 9)}-15`;
  const claimant = aClaimant({ dateOfBirth, gender: index % 2 === 0 ? 'female' : 'male' });
  const person = anInsuredPerson({
    insuredPersonId,
    registeredOn: `${shift(monthOf(eventDate), -spec.months - 1)}-01`,
    personal: claimant,
    nonEmploymentCover: {
      current: 'covered',
      history: [{ status: 'covered', effectiveFrom: '2026-06-01', recordedAt: '2026-06-01T00:00:00+08:00' }],
    },
  });
  const employer = anEmployer({ employerId, registrationNumber: `2019${serial}` });
  const governingMonth = monthOf(eventDate);
  // The months before the governing month, and the governing month itself (its LINDUNG part decides NEI cover).
  const months = Array.from({ length: spec.months + 1 }, (_, i) => shift(governingMonth, i - spec.months));
  const contributions: ContributionRecord[] = months.flatMap((month) => {
    const ei: ContributionRecord = {
      insuredPersonId,
      employerId,
      month,
      scheme: 'EI',
      actualWageSen: sen(spec.wageSen),
      contributionSen: sen(Math.round(spec.wageSen * 0.0175)),
      payment: { status: 'paid', paidAt: `${shift(month, 1)}-10T09:00:00+08:00` },
    };
    return month >= NEI_FROM
      ? [ei, { ...ei, scheme: 'NEI' as const, contributionSen: sen(Math.round(spec.wageSen * 0.0125)) }]
      : [ei];
  });
  const registry: RegistryItem[] = [
    { kind: 'employers', record: employer },
    { kind: 'insured-persons', record: person },
    ...contributions.map((record) => ({ kind: 'contributions' as const, record })),
  ];

  const occurredAt = `${eventDate}T08:30:00+08:00`;
  const reportedAt = new Date(Date.parse(occurredAt) + spec.noticeHours * 3_600_000).toISOString();
  const mcs: MedicalCertificatePeriod[] = [];
  let from = eventDate;
  spec.mcDays.forEach((days, i) => {
    const to = addDays(from, days - 1);
    mcs.push(aMedicalCertificate({ certId: `MC-${serial}-${i + 1}`, from, to }));
    from = addDays(to, 1);
  });
  const submittedAt = `${addDays(today, -1)}T10:00:00+08:00`;
  const common = { claimId, insuredPersonId, submittedAt, claimant, medicalCertificates: mcs };
  const incident = (circumstance: 'at-work' | 'commuting' | 'outside-working-hours') =>
    anIncident({
      occurredAt,
      circumstance,
      employerNotification: { notified: true, reportedAt },
      ...(circumstance === 'commuting'
        ? {
            policeReportRef: 'IPD PJ/012345/26',
            place: { countryCode: 'MY', inMalaysia: true, state: 'selangor', description: 'Federal Highway KM 12' },
          }
        : {}),
    });
  const contributionFacts: ClaimFactsInput['contributions'] = months.map((month) => ({
    month,
    wageSen: sen(spec.wageSen),
    status: 'paid',
    scheme: 'act4',
    nonEi: month >= NEI_FROM ? 'paid' : 'none',
    employerId,
  }));
  const facts: ClaimFactsInput = {
    claimId,
    claimType: 'employment-injury',
    insuredPerson: {
      insuredPersonId,
      dateOfBirth,
      registeredOn: person.registeredOn,
      category: 'first',
      workerType: 'local',
      employerRegistered: true,
      lindungOptOuts: [],
    },
    contributions: contributionFacts,
    medicalCertificates: mcs.map((m) => ({ from: m.from, to: m.to, daysWorkedForWages: 0 })),
    notices: { employerLearnedAt: occurredAt, employerNotifiedAt: reportedAt },
  };
  const decision = aMedicalBoardDecision({
    assessmentId: `MA-${serial}`,
    claimId,
    loecBasisPoints: spec.loecPct * 100,
    decidedAt: `${addDays(today, -1)}T15:00:00+08:00`,
    ...(spec.kind === 'invalidity' ? { invalidityCertified: true, loecBasisPoints: 0 } : {}),
  });
  const board = {
    decidedOn: addDays(today, -1),
    loecPct: spec.loecPct,
    status: 'final' as const,
    caaRecommended: false,
  };
  const injury = (circumstance: 'work' | 'commuting' | 'outside-work') => ({
    kind: 'accident' as const,
    circumstance,
    occurredAt,
    inMalaysia: true,
    policeReportFiled: circumstance === 'commuting',
  });

  let claim: ClaimSubmittedV1;
  switch (spec.kind) {
    case 'work-accident':
      claim = aWorkAccidentClaim({ ...common, employerId, incident: incident('at-work') });
      Object.assign(facts, { injury: injury('work'), medicalBoard: board });
      break;
    case 'commuting-accident':
      claim = aCommutingAccidentClaim({
        ...common,
        employerId,
        incident: incident('commuting'),
        attachments: [anAttachment(), anAttachment({ kind: 'police-report', fileName: 'polis.pdf' })],
      });
      Object.assign(facts, { injury: injury('commuting'), medicalBoard: board });
      break;
    case 'occupational-disease': {
      const base = anOccupationalDiseaseClaim({ ...common, employerId });
      claim = {
        ...base,
        incident: { ...base.incident, onsetDate: eventDate, employerNotification: { notified: true, reportedAt } },
      };
      Object.assign(facts, {
        injury: {
          kind: 'occupational-disease',
          circumstance: 'work',
          occurredAt: `${eventDate}T00:00:00+08:00`,
          firstCertifiedOn: eventDate,
          inMalaysia: true,
          policeReportFiled: false,
        },
        medicalBoard: board,
        notices: {},
      });
      break;
    }
    case 'lindung-off-duty':
      claim = aNonEmploymentInjuryClaim({ ...common, employerId, incident: incident('outside-working-hours') });
      Object.assign(facts, { claimType: 'non-employment-injury', injury: injury('outside-work'), medicalBoard: board });
      break;
    case 'invalidity':
      claim = anInvalidityClaim({
        ...common,
        employerId,
        medicalCertificates: [],
        invalidity: {
          noticeReceivedOn: eventDate,
          conditionDescription: 'End-stage renal failure on dialysis.',
          conditionStartedOn: addDays(eventDate, -60),
          stillWorking: false,
          lastWorkedOn: addDays(eventDate, -30),
        },
      });
      Object.assign(facts, {
        claimType: 'invalidity',
        medicalCertificates: [],
        notices: {},
        invalidity: {
          noticeReceivedOn: eventDate,
          certifiedByBoard: true,
          conditionBeganOn: addDays(eventDate, -60),
          workedSinceConditionBegan: false,
          resignedOn: addDays(eventDate, -30),
        },
      });
      break;
    case 'death-work-accident':
    case 'death-other': {
      const children = Array.from({ length: spec.children }, (_, i) =>
        aDependant({
          dependantId: `D${i + 2}`,
          relationship: 'child',
          married: false,
          personal: aClaimant({ dateOfBirth: `${2010 + i * 3}-04-0${i + 1}`, gender: 'male', bankAccount: undefined }),
        })
      );
      const spouse = aDependant({ personal: aClaimant({ dateOfBirth: `${spec.birthYear + 1}-06-01` }) });
      const cause = spec.kind === 'death-other' ? 'other' : 'employment-injury';
      claim = aDeathClaim({
        ...common,
        claimant: spouse.personal,
        medicalCertificates: [],
        employerId,
        death:
          cause === 'other'
            ? { dateOfDeath: eventDate, cause }
            : { dateOfDeath: eventDate, cause, injurySubtype: 'work-accident' },
        dependants: [spouse, ...children],
      });
      if (cause === 'other') delete (claim as { incident?: unknown }).incident;
      else claim = { ...claim, incident: incident('at-work') };
      Object.assign(facts, {
        claimType: 'death',
        medicalCertificates: [],
        ...(cause === 'other' ? { notices: {} } : { injury: injury('work') }),
        dependants: [spouse, ...children].map((d) => ({
          dependantId: d.dependantId,
          relationship: d.relationship,
          sex: d.personal.gender,
          dateOfBirth: d.personal.dateOfBirth,
          studyingFirstDegree: false,
          incapacitated: false,
        })),
        death: { diedOn: eventDate, cause, funeral: { claimant: 'heir' } },
      });
      break;
    }
  }
  const needsBoard = spec.kind !== 'death-work-accident' && spec.kind !== 'death-other';
  return {
    spec,
    claimId,
    insuredPersonId,
    employerId,
    registry,
    claim,
    ...(needsBoard ? { decision } : {}),
    facts,
  };
}
