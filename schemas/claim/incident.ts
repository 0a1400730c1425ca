import { z } from 'zod';
import { IsoDate, IsoDateTime } from '../common/dates';
import { CountryCode, MalaysianState } from '../registry/personal';
import { instantMillis, malaysiaDateOf } from './time';

/**
 * Where an accident happened or a disease was contracted. `inMalaysia` is stated explicitly and must agree with the
 * country code: LINDUNG 24 Jam does not pay for accidents outside Malaysia (NEI-EXC-001), so it must be unambiguous.
 */
export const IncidentPlace = z
  .object({
    countryCode: CountryCode,
    inMalaysia: z.boolean(),
    state: MalaysianState.optional(),
    description: z.string().trim().min(1).max(500),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.inMalaysia !== (p.countryCode === 'MY')) {
      ctx.addIssue({ code: 'custom', path: ['inMalaysia'], message: 'must be true exactly when countryCode is MY' });
    }
    if (p.inMalaysia && p.state === undefined) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'required for a place in Malaysia' });
    }
    if (!p.inMalaysia && p.state !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'only for a place in Malaysia' });
    }
  });
export type IncidentPlace = z.infer<typeof IncidentPlace>;

/** What the insured person was doing: working, on a commuting journey (EI-COV-002), or off duty (NEI-DEF-001). */
export const Circumstance = z.enum(['at-work', 'commuting', 'outside-working-hours']);
export type Circumstance = z.infer<typeof Circumstance>;

/**
 * Whether the employer was told of the incident, and when. Employers must report within 48 hours; a late notice is
 * accepted and flagged `LATE_EMPLOYER_NOTICE` (CLM-DL-001), so intake records the time rather than rejecting.
 */
export const EmployerNotification = z.discriminatedUnion('notified', [
  z.object({ notified: z.literal(true), reportedAt: IsoDateTime }).strict(),
  z.object({ notified: z.literal(false) }).strict(),
]);
export type EmployerNotification = z.infer<typeof EmployerNotification>;

/**
 * The accident or disease behind an injury or death claim. An accident has `occurredAt` (its date governs the rates,
 * GEN-DATE-001); an occupational disease has `onsetDate`, the date of first medical certification (WB-INJ-001). A
 * commuting accident needs a police report reference (EI-COV-002, EI-TDB-001).
 */
export const Incident = z
  .object({
    occurredAt: IsoDateTime.optional(),
    onsetDate: IsoDate.optional(),
    place: IncidentPlace,
    circumstance: Circumstance,
    policeReportRef: z
      .string()
      .regex(/^[A-Za-z0-9 /._-]{3,60}$/, 'expected a police report number')
      .optional(),
    employerNotification: EmployerNotification,
    description: z.string().trim().min(1).max(2000),
  })
  .strict()
  .superRefine((i, ctx) => {
    if (i.circumstance === 'commuting' && i.policeReportRef === undefined) {
      ctx.addIssue({ code: 'custom', path: ['policeReportRef'], message: 'required for a commuting accident' });
    }
  });
export type Incident = z.infer<typeof Incident>;

/** What an incident must look like for a given kind of claim; checked by {@link checkIncident}. */
export interface IncidentExpectation {
  /** `accident` needs occurredAt and no onsetDate; `disease` the reverse. */
  kind: 'accident' | 'disease';
  /** The circumstances allowed for this kind of claim. */
  circumstances: readonly Circumstance[];
}

/**
 * Cross-field checks of an incident against its claim: accident vs disease dates, allowed circumstances, and
 * chronology (nothing after `submittedAt`; the employer cannot be told before the incident). Issues are added under
 * `path` (e.g. `['incident']`) so the error names the field.
 */
export function checkIncident(
  incident: Incident,
  expected: IncidentExpectation,
  submittedAt: string,
  ctx: z.RefinementCtx,
  path: PropertyKey[]
): void {
  const issue = (field: string[], message: string): void => {
    ctx.addIssue({ code: 'custom', path: [...path, ...field], message });
  };
  if (expected.kind === 'accident') {
    if (incident.occurredAt === undefined) issue(['occurredAt'], 'required for an accident');
    if (incident.onsetDate !== undefined) issue(['onsetDate'], 'only for an occupational disease');
  } else {
    if (incident.onsetDate === undefined) issue(['onsetDate'], 'required for an occupational disease');
    if (incident.occurredAt !== undefined) issue(['occurredAt'], 'not for a disease; use onsetDate');
  }
  if (!expected.circumstances.includes(incident.circumstance)) {
    issue(['circumstance'], `expected ${expected.circumstances.join(' or ')} for this claim`);
  }
  const submittedMs = instantMillis(submittedAt);
  if (incident.occurredAt !== undefined && instantMillis(incident.occurredAt) > submittedMs) {
    issue(['occurredAt'], 'is after submittedAt');
  }
  if (incident.onsetDate !== undefined && incident.onsetDate > malaysiaDateOf(submittedAt)) {
    issue(['onsetDate'], 'is after submittedAt');
  }
  const notice = incident.employerNotification;
  if (notice.notified) {
    const reportedMs = instantMillis(notice.reportedAt);
    if (incident.occurredAt !== undefined && reportedMs < instantMillis(incident.occurredAt)) {
      issue(['employerNotification', 'reportedAt'], 'is before the accident');
    }
    if (incident.onsetDate !== undefined && malaysiaDateOf(notice.reportedAt) < incident.onsetDate) {
      issue(['employerNotification', 'reportedAt'], 'is before the onset date');
    }
    if (reportedMs > submittedMs) issue(['employerNotification', 'reportedAt'], 'is after submittedAt');
  }
}

/** The Malaysia calendar date of an incident: the accident's date or the disease's onset date. */
export function incidentDate(incident: Incident): string | undefined {
  return incident.occurredAt !== undefined ? malaysiaDateOf(incident.occurredAt) : incident.onsetDate;
}
