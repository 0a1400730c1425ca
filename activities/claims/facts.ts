import type { ClaimFactsInput, ContributionFact } from '../../schemas/benefits/facts';
import { ClaimFacts } from '../../schemas/benefits/facts';
import { incidentDate, type Incident } from '../../schemas/claim/incident';
import { malaysiaDateOf } from '../../schemas/claim/time';
import type { ClaimSubmittedV1 } from '../../schemas/events/claim-submitted.v1';
import type { MedicalBoardDecision } from '../../schemas/medical/board-decision';
import type { MedicalCertificatePeriod } from '../../schemas/medical/medical-certificate';
import type { ContributionRecord } from '../../schemas/registry/contribution';
import type { Employer } from '../../schemas/registry/employer';
import type { InsuredPerson } from '../../schemas/registry/insured-person';
import type { RegistryReader } from './ports';

/** What the registry holds for a claim: the person, the employer and the contributions around the governing date. */
export interface RegistrySnapshot {
  person: InsuredPerson;
  employer: Employer | null;
  contributions: ContributionRecord[];
}

/** The governing date of a claim (GEN-DATE-001): accident or onset, else the death, else the invalidity notice. */
export function governingDate(claim: ClaimSubmittedV1): string {
  if (claim.claimType === 'invalidity') return claim.invalidity.noticeReceivedOn;
  const incident = claim.incident === undefined ? undefined : incidentDate(claim.incident);
  if (incident !== undefined) return incident;
  return claim.claimType === 'death' ? claim.death.dateOfDeath : malaysiaDateOf(claim.submittedAt);
}

/** The accident (or onset, or death) date used as the duplicate key (FRD-009); none for invalidity. */
export function accidentDateOf(claim: ClaimSubmittedV1): string | undefined {
  return claim.claimType === 'invalidity' ? undefined : governingDate(claim);
}

/** `YYYY-MM` shifted by `n` months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/**
 * Reads what the registry knows for a claim: the person, the employer and the whole contribution history up to the
 * governing month. The rules pick their own windows from it: WB-AAMW-001 the months before the accident,
 * INV-QP-001 the 40 months before the notice or 2/3 of every month since contributions began, INV-PEN-001 and
 * INV-SUR-002 every contribution beyond the first 24. The history is one document per person (`_id` lookup).
 */
export async function readRegistry(
  registry: RegistryReader,
  claim: ClaimSubmittedV1
): Promise<RegistrySnapshot | null> {
  const person = await registry.findInsuredPerson(claim.insuredPersonId);
  if (person === null) return null;
  const employer = claim.employerId === undefined ? null : await registry.findEmployer(claim.employerId);
  const month = governingDate(claim).slice(0, 7);
  const firstPossible = person.personal.dateOfBirth.slice(0, 7);
  const contributions = await registry.listContributions(claim.insuredPersonId, firstPossible, month);
  return { person, employer, contributions };
}

/** Registry contributions as engine facts: one Act 4 month per employer (EI wage, NEI part) and Act 800 months. */
function contributionFacts(records: readonly ContributionRecord[]): ContributionFact[] {
  const status = (r: ContributionRecord) => r.payment.status;
  const facts: ContributionFact[] = [];
  for (const r of records.filter((x) => x.scheme === 'EI')) {
    const nei = records.find((x) => x.scheme === 'NEI' && x.month === r.month && x.employerId === r.employerId);
    facts.push({
      month: r.month,
      wageSen: r.actualWageSen,
      status: status(r),
      scheme: 'act4',
      nonEi: nei === undefined ? 'none' : status(nei),
      employerId: r.employerId,
    });
  }
  for (const r of records.filter((x) => x.scheme === 'EIS')) {
    facts.push({
      month: r.month,
      wageSen: r.actualWageSen,
      status: status(r),
      scheme: 'act800',
      employerId: r.employerId,
    });
  }
  return facts;
}

const CIRCUMSTANCE = { 'at-work': 'work', commuting: 'commuting', 'outside-working-hours': 'outside-work' } as const;

function injuryFacts(incident: Incident): NonNullable<ClaimFactsInput['injury']> {
  return {
    kind: incident.occurredAt !== undefined ? 'accident' : 'occupational-disease',
    circumstance: CIRCUMSTANCE[incident.circumstance],
    occurredAt: incident.occurredAt ?? `${incident.onsetDate ?? '1970-01-01'}T00:00:00+08:00`,
    ...(incident.onsetDate !== undefined ? { firstCertifiedOn: incident.onsetDate } : {}),
    inMalaysia: incident.place.inMalaysia,
    policeReportFiled: incident.policeReportRef !== undefined,
  };
}

/** LINDUNG 24 Jam opt-outs from the registry's dated cover history (NEI-PART-002). */
function optOuts(person: InsuredPerson): NonNullable<ClaimFactsInput['insuredPerson']['lindungOptOuts']> {
  const history = person.nonEmploymentCover.history;
  return history.flatMap((change, i) => {
    if (change.status !== 'opted-out') return [];
    const back = history.slice(i + 1).find((c) => c.status === 'covered');
    return [{ optedOutOn: change.effectiveFrom, reactivatedOn: back?.effectiveFrom ?? null }];
  });
}

/**
 * Builds the benefits engine's facts (schemas/benefits/facts.ts) from the claim as received, the registry, the MC
 * periods and the Medical Board decision. Personal data stays out except the dates the rules need.
 */
export function buildClaimFacts(
  claim: ClaimSubmittedV1,
  registry: RegistrySnapshot,
  certificates: readonly MedicalCertificatePeriod[],
  decision?: MedicalBoardDecision
): ClaimFacts {
  const { person, employer } = registry;
  const incident = claim.claimType === 'invalidity' ? undefined : claim.incident;
  const facts: ClaimFactsInput = {
    claimId: claim.claimId,
    claimType: claim.claimType,
    insuredPerson: {
      insuredPersonId: person.insuredPersonId,
      dateOfBirth: person.personal.dateOfBirth,
      registeredOn: person.registeredOn,
      category: person.category,
      workerType: person.workerType,
      employerRegistered: claim.employerId === undefined || employer?.status === 'active',
      lindungOptOuts: optOuts(person),
    },
    contributions: contributionFacts(registry.contributions),
    ...(incident !== undefined ? { injury: injuryFacts(incident) } : {}),
    medicalCertificates: certificates.map((c) => ({
      from: c.from,
      to: c.to,
      daysWorkedForWages: c.daysWorkedForWages,
    })),
    ...(decision !== undefined
      ? {
          medicalBoard: {
            decidedOn: malaysiaDateOf(decision.decidedAt),
            loecPct: decision.loecBasisPoints / 100,
            status: decision.kind,
            ...(decision.reviewDate !== undefined ? { validUntil: decision.reviewDate } : {}),
            caaRecommended: decision.constantAttendanceNeeded,
          },
        }
      : {}),
    notices:
      incident?.occurredAt !== undefined && incident.employerNotification.notified
        ? { employerLearnedAt: incident.occurredAt, employerNotifiedAt: incident.employerNotification.reportedAt }
        : {},
  };
  if (claim.claimType === 'death') {
    facts.dependants = claim.dependants.map((d) => ({
      dependantId: d.dependantId,
      relationship: d.relationship,
      sex: d.personal.gender,
      dateOfBirth: d.personal.dateOfBirth,
      studyingFirstDegree: d.studying,
      incapacitated: d.incapacitated,
    }));
    facts.death = { diedOn: claim.death.dateOfDeath, cause: claim.death.cause, funeral: { claimant: 'heir' } };
  }
  if (claim.claimType === 'invalidity') {
    const inv = claim.invalidity;
    facts.invalidity = {
      noticeReceivedOn: inv.noticeReceivedOn,
      certifiedByBoard: decision?.invalidityCertified === true,
      ...(inv.conditionStartedOn !== undefined ? { conditionBeganOn: inv.conditionStartedOn } : {}),
      workedSinceConditionBegan: inv.stillWorking,
      ...(inv.lastWorkedOn !== undefined ? { resignedOn: inv.lastWorkedOn } : {}),
    };
  }
  return ClaimFacts.parse(facts);
}
