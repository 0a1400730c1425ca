import type { EmploymentInjuryClaimV1 } from '../../schemas';
import { mytIso } from './dates';
import type { Random } from './random';

/*
 * Messages intake must dead-letter (STYLE H16): schema-invalid claims (valid JSON that fails `ClaimSubmitted`) and
 * malformed ones (not JSON at all). Each is built from a valid claim and changed in one way, named in `kind`.
 * Every change leaves the fields the schema's cross-field checks read (submittedAt, claimant) well-formed: a
 * non-ISO `submittedAt` currently makes `ClaimSubmitted.safeParse` throw instead of failing (reported upstream), which
 * would turn a demo message into a poison pill for intake.
 */

/** The ways a claim is made schema-invalid. */
export const INVALID_KINDS = [
  'missing-police-report',
  'ic-date-mismatch',
  'unknown-field',
  'bad-claim-id',
  'unsupported-version',
  'accident-after-submission',
  'mc-ends-before-start',
  'bad-attachment-hash',
] as const;
export type InvalidKind = (typeof INVALID_KINDS)[number];

/** A copy of a valid commuting-accident claim broken in the way `kind` names; returns the JSON text and key. */
export function invalidClaim(claim: EmploymentInjuryClaimV1, kind: InvalidKind): { key: string; value: string } {
  const c = structuredClone(claim) as unknown as Record<string, unknown> & EmploymentInjuryClaimV1;
  switch (kind) {
    case 'missing-police-report':
      c.incident = { ...c.incident, circumstance: 'commuting' };
      delete c.incident.policeReportRef;
      c.subtype = 'commuting-accident';
      break;
    case 'ic-date-mismatch': {
      const id = c.claimant.identity;
      // A different date of birth in the IC (01 Jan of a year 1 apart); the code 00 stays.
      const yy = String((Number(c.claimant.dateOfBirth.slice(2, 4)) + 1) % 100).padStart(2, '0');
      if (id.type === 'mykad')
        c.claimant = { ...c.claimant, identity: { ...id, icNumber: `${yy}0101${id.icNumber.slice(6)}` } };
      else c.claimant = { ...c.claimant, identity: { type: 'mykad', icNumber: `${yy}0101001231` } };
      break;
    }
    case 'unknown-field':
      c.remarks = 'Please process urgently.';
      break;
    case 'bad-claim-id':
      c.claimId = c.claimId.replace(/^C-(\d{4})-/, (_m, y: string) => `C-${y.slice(2)}-`);
      break;
    case 'unsupported-version':
      c.schemaVersion = 2 as unknown as 1;
      break;
    case 'accident-after-submission':
      c.incident = { ...c.incident, occurredAt: mytIso(Date.parse(c.submittedAt) + 2 * 86_400_000) };
      break;
    case 'mc-ends-before-start': {
      const [first, ...rest] = c.medicalCertificates;
      if (first !== undefined) c.medicalCertificates = [{ ...first, to: '2020-01-01' }, ...rest];
      else c.schemaVersion = 2 as unknown as 1;
      break;
    }
    case 'bad-attachment-hash': {
      const [first, ...rest] = c.attachments;
      if (first !== undefined) c.attachments = [{ ...first, sha256: first.sha256.slice(0, 40).toUpperCase() }, ...rest];
      else c.remarks = 'no attachments';
      break;
    }
  }
  return { key: c.claimId, value: JSON.stringify(c) };
}

/** The ways a message fails to be JSON at all. */
export const MALFORMED_KINDS = ['truncated', 'single-quotes', 'trailing-comma', 'plain-text', 'empty'] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** A message body that `JSON.parse` rejects, derived from a valid claim's JSON. */
export function malformedValue(rng: Random, json: string, claimId: string, kind: MalformedKind): string {
  switch (kind) {
    case 'truncated':
      return json.slice(0, rng.int(20, json.length - 10));
    case 'single-quotes':
      return json.replace(/"/g, "'");
    case 'trailing-comma':
      return `${json.slice(0, -1)},}`;
    case 'plain-text':
      return `claim ${claimId} submitted at the branch counter`;
    case 'empty':
      return '';
  }
}
