import { z } from 'zod';

/**
 * The business id of a claim: `C-<year received>-<sequence of at least 6 digits>`, e.g. `C-2026-000123`. It is
 * assigned at intake, keys the `claims.*` topics and names the workflow (`claim-${claimId}`), so it never
 * changes and carries no personal data.
 */
export const ClaimId = z.string().regex(/^C-\d{4}-\d{6,}$/, 'expected C-YYYY-NNNNNN');
export type ClaimId = z.infer<typeof ClaimId>;

/** The unique id of one Kafka event (a UUID), used by consumers to drop redelivered copies. */
export const EventId = z.uuid();
export type EventId = z.infer<typeof EventId>;

/**
 * A dependant's id within its claim, `D1` … `D99`, in the order listed on the claim. A dependant's beneficiary id
 * for payments is `<claimId>-<dependantId>` (see `BeneficiaryId`).
 */
export const DependantId = z.string().regex(/^D[1-9]\d?$/, 'expected D1 to D99');
export type DependantId = z.infer<typeof DependantId>;

/** The staff id of the PERKESO officer or system user who acted on a claim, e.g. `officer.aminah` or `system`. */
export const ActorId = z.string().regex(/^[a-z][a-z0-9._-]{1,63}$/, 'expected a lower-case staff id');
export type ActorId = z.infer<typeof ActorId>;

/** A sentence a person can read explaining why something happened (shown to officers and in audit trails). */
export const Reason = z.string().trim().min(3).max(500);
export type Reason = z.infer<typeof Reason>;
