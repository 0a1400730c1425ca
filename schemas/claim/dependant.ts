import { z } from 'zod';
import { PersonalDetails } from '../registry/personal';
import { DependantId } from './ids';

/**
 * A dependant's relation to the deceased. Group 1: spouse and children (EI-DEP-002/003); group 2, only when group 1
 * is empty: parents, grandparents and siblings (EI-DEP-005). Step-, adopted and illegitimate children are `child`.
 */
export const DependantRelationship = z.enum(['spouse', 'child', 'parent', 'grandparent', 'sibling']);
export type DependantRelationship = z.infer<typeof DependantRelationship>;

/**
 * A person named on a death claim as a dependant of the insured person. The flags drive eligibility: children and
 * siblings are paid to 21 or marriage, longer while studying (PAY-STUDY-001) or incapacitated (EI-DEP-003); a
 * spouse's remarriage is recorded but no longer ends the benefit (EI-DEP-002). Personal data sits under `personal`.
 */
export const Dependant = z
  .object({
    dependantId: DependantId,
    relationship: DependantRelationship,
    personal: PersonalDetails,
    studying: z.boolean(),
    incapacitated: z.boolean(),
    married: z.boolean(),
    remarried: z.boolean(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.remarried && d.relationship !== 'spouse') {
      ctx.addIssue({ code: 'custom', path: ['remarried'], message: 'applies only to a spouse' });
    }
  });
export type Dependant = z.infer<typeof Dependant>;
