import { z } from 'zod';

/**
 * What a claim is for. `employment-injury`: Act 4 EI (work, commuting, occupational disease; EI-COV-001).
 * `non-employment-injury`: LINDUNG 24 Jam, an accident outside work from 1 Jun 2026 (NEI-DEF-001).
 * `invalidity`: the invalidity scheme (INV-DEF-001). `death`: death of the insured person, claimed by dependants or
 * heirs (dependants' benefit, survivors' pension, funeral benefit).
 */
export const ClaimType = z.enum(['employment-injury', 'non-employment-injury', 'invalidity', 'death']);
export type ClaimType = z.infer<typeof ClaimType>;

/** The kind of employment injury (EI-COV-001/002): an accident at work, on a covered journey, or a Fifth Schedule disease. */
export const EmploymentInjurySubtype = z.enum(['work-accident', 'commuting-accident', 'occupational-disease']);
export type EmploymentInjurySubtype = z.infer<typeof EmploymentInjurySubtype>;

/**
 * What the insured person died of, as claimed: an employment injury (dependants' benefit), a non-employment
 * accident (LINDUNG 24 Jam), or anything else (survivors' pension under the invalidity scheme).
 */
export const DeathCause = z.enum(['employment-injury', 'non-employment-injury', 'other']);
export type DeathCause = z.infer<typeof DeathCause>;

/** How the claimant is related to the insured person; `self` for the insured person's own claim. */
export const ClaimantRelationship = z.enum([
  'self',
  'spouse',
  'child',
  'parent',
  'grandparent',
  'sibling',
  'guardian',
  'other-heir',
]);
export type ClaimantRelationship = z.infer<typeof ClaimantRelationship>;

/**
 * Where a claim came from and who filed it (CLM-FLOW-001): the employer's ASSIST portal, the faedah.perkeso.gov.my
 * portal, a branch counter, a proactive case opened by PERKESO itself (FRD-010), or a legacy paper form.
 */
export const ClaimSource = z
  .object({
    channel: z.enum(['assist-portal', 'faedah-portal', 'branch-counter', 'proactive', 'legacy-form']),
    filedBy: z.enum(['employer', 'insured-person', 'dependant', 'perkeso-officer']),
  })
  .strict();
export type ClaimSource = z.infer<typeof ClaimSource>;
