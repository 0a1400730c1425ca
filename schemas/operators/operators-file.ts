import { z } from 'zod';
import { ActorId } from '../claim/ids';
import { Sen } from '../common/money';
import { LIMITED_ROLES, Role } from './roles';

/**
 * One operator: a staff id (the `--actor` of the CLI), the roles they hold and, for `approve` and `decide`, the
 * largest amount in sen they may authorise. No names or other personal data: the file is configuration, committed
 * and reviewed like code.
 */
export const Operator = z
  .object({
    id: ActorId,
    /** What the entry stands for (e.g. "case officer, Shah Alam"), for whoever reviews the file. */
    description: z.string().trim().min(1).max(200).optional(),
    roles: z
      .array(Role)
      .min(1, 'give at least one role')
      .refine((roles) => new Set(roles).size === roles.length, 'each role once'),
    /** The largest award total (`approve`) or referred line amount (`decide`) the operator may authorise, in sen. */
    approveUpToSen: Sen.refine((n) => n > 0, 'expected a positive amount in sen').optional(),
  })
  .strict()
  .superRefine((op, ctx) => {
    const limited = op.roles.some((r) => LIMITED_ROLES.includes(r));
    if (limited && op.approveUpToSen === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['approveUpToSen'],
        message: `required for the ${LIMITED_ROLES.join(' and ')} roles (the limit in sen, e.g. 5000000 for RM50,000.00)`,
      });
    }
    if (!limited && op.approveUpToSen !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['approveUpToSen'],
        message: `only for an operator with the ${LIMITED_ROLES.join(' or ')} role`,
      });
    }
  });
export type Operator = z.infer<typeof Operator>;

/**
 * The operators file (`CLAIMS_OPERATORS_FILE`, default infra/operators/operators.json): every staff id the CLI
 * accepts as `--actor`, with their roles. Ids are unique; a duplicate names both entries.
 */
export const OperatorsFile = z
  .object({
    schemaVersion: z.literal(1),
    operators: z.array(Operator).min(1, 'list at least one operator'),
  })
  .strict()
  .superRefine((file, ctx) => {
    const first = new Map<string, number>();
    file.operators.forEach((op, i) => {
      const seen = first.get(op.id);
      if (seen === undefined) first.set(op.id, i);
      else ctx.addIssue({ code: 'custom', path: ['operators', i, 'id'], message: `duplicate of operators[${seen}]` });
    });
  });
export type OperatorsFile = z.infer<typeof OperatorsFile>;
