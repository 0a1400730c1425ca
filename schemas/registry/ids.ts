import { z } from 'zod';

/**
 * PERKESO's opaque id of an insured person, `IP-` and 10 digits (e.g. `IP-0000012345`). It is deliberately not
 * the IC number, which is personal data and lives only under a `personal`/`claimant` sub-object (STYLE H17), so
 * this id may appear in logs, Kafka keys and search attributes.
 */
export const InsuredPersonId = z.string().regex(/^IP-\d{10}$/, 'expected IP- and 10 digits');
export type InsuredPersonId = z.infer<typeof InsuredPersonId>;

/** PERKESO's opaque id of a registered employer, `E-` and 10 digits (e.g. `E-0000067890`); not personal data. */
export const EmployerId = z.string().regex(/^E-\d{10}$/, 'expected E- and 10 digits');
export type EmployerId = z.infer<typeof EmployerId>;
