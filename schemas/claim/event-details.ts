import { z } from 'zod';

/**
 * Field names that would carry personal data. Lifecycle events are read by dashboards and downstream systems that
 * must not see personal data (STYLE H17), so these names are refused in {@link EventDetails}, case-insensitively.
 */
export const PERSONAL_DATA_KEYS: readonly string[] = [
  'name',
  'fullname',
  'claimant',
  'personal',
  'payee',
  'icnumber',
  'ic',
  'mykad',
  'passportnumber',
  'identity',
  'dateofbirth',
  'dob',
  'nationality',
  'address',
  'phone',
  'email',
  'contact',
  'bankaccount',
  'accountnumber',
  'accountholdername',
];

/**
 * Machine-readable facts about a lifecycle event: ids, codes, counts, dates and flags (e.g. `awardId`,
 * `missingDocuments`, `flag: "LATE_EMPLOYER_NOTICE"`). Values are flat scalars, so no personal sub-object can be
 * nested in, and keys that name personal data are refused.
 */
export const EventDetails = z
  .record(
    z.string().regex(/^[a-z][A-Za-z0-9]{0,63}$/, 'expected a camelCase key'),
    z.union([z.string().max(500), z.number(), z.boolean(), z.null()])
  )
  .superRefine((details, ctx) => {
    for (const key of Object.keys(details)) {
      if (PERSONAL_DATA_KEYS.includes(key.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'personal data is not allowed in event details' });
      }
    }
  });
export type EventDetails = z.infer<typeof EventDetails>;
