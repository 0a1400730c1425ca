import { z } from 'zod';
import { IsoDate, IsoDateTime } from '../common/dates';
import { Attachment } from '../claim/attachment';
import { ClaimantRelationship, ClaimSource, DeathCause, EmploymentInjurySubtype } from '../claim/claim-type';
import { Dependant } from '../claim/dependant';
import { ClaimId, EventId } from '../claim/ids';
import type { IncidentExpectation } from '../claim/incident';
import { checkIncident, Incident, incidentDate } from '../claim/incident';
import { malaysiaDateOf } from '../claim/time';
import { MedicalCertificatePeriod } from '../medical/medical-certificate';
import { EmployerId, InsuredPersonId } from '../registry/ids';
import { PersonalDetails } from '../registry/personal';

/** Which incident each kind of injury claim needs (EI-COV-001/002, NEI-DEF-001: LINDUNG 24 Jam covers accidents only). */
const EXPECTED_INCIDENT: Record<EmploymentInjurySubtype | 'non-employment-injury', IncidentExpectation> = {
  'work-accident': { kind: 'accident', circumstances: ['at-work'] },
  'commuting-accident': { kind: 'accident', circumstances: ['commuting'] },
  'occupational-disease': { kind: 'disease', circumstances: ['at-work'] },
  'non-employment-injury': { kind: 'accident', circumstances: ['outside-working-hours', 'commuting'] },
};

/** Fields every claim carries, whatever its type. Personal data is only in `claimant`. */
const common = {
  schemaVersion: z.literal(1),
  eventId: EventId,
  claimId: ClaimId,
  submittedAt: IsoDateTime,
  insuredPersonId: InsuredPersonId,
  claimant: PersonalDetails,
  claimantRelationship: ClaimantRelationship,
  source: ClaimSource,
  attachments: z.array(Attachment).max(200),
  medicalCertificates: z.array(MedicalCertificatePeriod).max(200),
};

function ownClaimRules(
  c: { claimantRelationship: ClaimantRelationship; submittedAt: string; claimant: PersonalDetails },
  ctx: z.RefinementCtx
): void {
  if (c.claimantRelationship !== 'self' && c.claimantRelationship !== 'guardian') {
    ctx.addIssue({
      code: 'custom',
      path: ['claimantRelationship'],
      message: "the insured person's own claim is filed by self or a guardian",
    });
  }
  if (c.claimant.dateOfBirth > malaysiaDateOf(c.submittedAt)) {
    ctx.addIssue({ code: 'custom', path: ['claimant', 'dateOfBirth'], message: 'is after submittedAt' });
  }
}

/** An employment-injury claim (Act 4): work accident, commuting accident or occupational disease. */
export const EmploymentInjuryClaimV1 = z
  .object({
    ...common,
    claimType: z.literal('employment-injury'),
    subtype: EmploymentInjurySubtype,
    employerId: EmployerId,
    incident: Incident,
  })
  .strict()
  .superRefine((c, ctx) => {
    ownClaimRules(c, ctx);
    checkIncident(c.incident, EXPECTED_INCIDENT[c.subtype], c.submittedAt, ctx, ['incident']);
  });
export type EmploymentInjuryClaimV1 = z.infer<typeof EmploymentInjuryClaimV1>;

/**
 * A LINDUNG 24 Jam claim for an accident outside work (NEI-DEF-001). An accident abroad or before 1 Jun 2026 is
 * still a valid submission: refusing it (NEI-CLS-001) is a business decision recorded on the claim, not bad input.
 */
export const NonEmploymentInjuryClaimV1 = z
  .object({
    ...common,
    claimType: z.literal('non-employment-injury'),
    employerId: EmployerId,
    incident: Incident,
  })
  .strict()
  .superRefine((c, ctx) => {
    ownClaimRules(c, ctx);
    checkIncident(c.incident, EXPECTED_INCIDENT['non-employment-injury'], c.submittedAt, ctx, ['incident']);
  });
export type NonEmploymentInjuryClaimV1 = z.infer<typeof NonEmploymentInjuryClaimV1>;

/**
 * The Invalidity Notice behind an invalidity claim. Its receipt date governs rates and the qualifying period
 * (GEN-DATE-001, INV-QP-001); the condition must have begun before age 60 (INV-AGE-001).
 */
export const InvalidityNotice = z
  .object({
    noticeReceivedOn: IsoDate,
    conditionDescription: z.string().trim().min(1).max(2000),
    conditionStartedOn: IsoDate.optional(),
    stillWorking: z.boolean(),
    lastWorkedOn: IsoDate.optional(),
  })
  .strict()
  .superRefine((n, ctx) => {
    if (n.conditionStartedOn !== undefined && n.conditionStartedOn > n.noticeReceivedOn) {
      ctx.addIssue({ code: 'custom', path: ['conditionStartedOn'], message: 'is after noticeReceivedOn' });
    }
    if (n.stillWorking && n.lastWorkedOn !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['lastWorkedOn'], message: 'only when no longer working' });
    }
  });
export type InvalidityNotice = z.infer<typeof InvalidityNotice>;

/** An invalidity-scheme claim (INV-DEF-001). The employer is absent when the person no longer has one. */
export const InvalidityClaimV1 = z
  .object({
    ...common,
    claimType: z.literal('invalidity'),
    employerId: EmployerId.optional(),
    invalidity: InvalidityNotice,
  })
  .strict()
  .superRefine((c, ctx) => {
    ownClaimRules(c, ctx);
    if (c.invalidity.noticeReceivedOn > malaysiaDateOf(c.submittedAt)) {
      ctx.addIssue({ code: 'custom', path: ['invalidity', 'noticeReceivedOn'], message: 'is after submittedAt' });
    }
  });
export type InvalidityClaimV1 = z.infer<typeof InvalidityClaimV1>;

/** The death behind a death claim: its date (which fixes the funeral amount, EI-FUN-002) and claimed cause. */
export const DeathDetails = z
  .object({
    dateOfDeath: IsoDate,
    cause: DeathCause,
    injurySubtype: EmploymentInjurySubtype.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.cause === 'employment-injury' && d.injurySubtype === undefined) {
      ctx.addIssue({ code: 'custom', path: ['injurySubtype'], message: 'required when cause is employment-injury' });
    }
    if (d.cause !== 'employment-injury' && d.injurySubtype !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['injurySubtype'], message: 'only when cause is employment-injury' });
    }
  });
export type DeathDetails = z.infer<typeof DeathDetails>;

/**
 * A claim on the death of the insured person, filed by a dependant or heir (the `claimant`). It lists the
 * dependants, or says explicitly `noDependants: true` (then only the funeral benefit is in question, EI-FUN-003).
 * A death from an injury carries the incident, which must not be after the death.
 */
export const DeathClaimV1 = z
  .object({
    ...common,
    claimType: z.literal('death'),
    employerId: EmployerId.optional(),
    death: DeathDetails,
    incident: Incident.optional(),
    dependants: z.array(Dependant).max(50),
    noDependants: z.literal(true).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const add = (path: PropertyKey[], message: string): void => ctx.addIssue({ code: 'custom', path, message });
    if (c.claimantRelationship === 'self') add(['claimantRelationship'], 'a death claim is filed by someone else');
    if (c.death.dateOfDeath > malaysiaDateOf(c.submittedAt)) add(['death', 'dateOfDeath'], 'is after submittedAt');
    if (c.dependants.length === 0 && c.noDependants !== true) {
      add(['dependants'], 'list at least one dependant or set noDependants: true');
    }
    if (c.dependants.length > 0 && c.noDependants === true) add(['noDependants'], 'contradicts the dependants listed');
    const seen = new Set<string>();
    c.dependants.forEach((d, index) => {
      if (seen.has(d.dependantId)) add(['dependants', index, 'dependantId'], 'is listed twice');
      seen.add(d.dependantId);
    });
    if (c.death.cause === 'other') return;
    if (c.employerId === undefined) add(['employerId'], 'required for a death from an injury');
    if (c.incident === undefined) {
      add(['incident'], 'required for a death from an injury');
      return;
    }
    // Without a subtype (already reported under death.injurySubtype) the incident's kind cannot be judged.
    const kind = c.death.cause === 'employment-injury' ? c.death.injurySubtype : 'non-employment-injury';
    if (kind !== undefined) checkIncident(c.incident, EXPECTED_INCIDENT[kind], c.submittedAt, ctx, ['incident']);
    const date = incidentDate(c.incident);
    if (date !== undefined && date > c.death.dateOfDeath) add(['death', 'dateOfDeath'], 'is before the incident');
  });
export type DeathClaimV1 = z.infer<typeof DeathClaimV1>;

/**
 * Version 1 of the `claims.submitted` event (key: claimId): a claim as received at intake, before any
 * verification. One variant per `claimType`; unknown fields are rejected so a producer's typo fails loudly (DLQ).
 */
export const ClaimSubmittedV1 = z.discriminatedUnion('claimType', [
  EmploymentInjuryClaimV1,
  NonEmploymentInjuryClaimV1,
  InvalidityClaimV1,
  DeathClaimV1,
]);
export type ClaimSubmittedV1 = z.infer<typeof ClaimSubmittedV1>;

/** Any supported version of the `claims.submitted` event; the intake consumer parses this (STYLE H11). */
export const ClaimSubmitted = z.discriminatedUnion('schemaVersion', [ClaimSubmittedV1]);
export type ClaimSubmitted = z.infer<typeof ClaimSubmitted>;
