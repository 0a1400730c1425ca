import { formatRinggit } from '../common/money';
import type { OperatorsFile } from './operators-file';
import { COMMAND_ROLES, type OperatorCommand, type Role } from './roles';

/** Why an operator may not run a command: not in the file, without the role, or beyond their limit. */
export type AuthorityRefusal =
  | { missing: 'operator'; role: Role; message: string }
  | { missing: 'role'; role: Role; message: string }
  | { missing: 'limit'; role: Role; limitSen: number; amountSen: number; message: string };

/**
 * Checks one command by one operator against the operators file. `amountSen` is what a limited role authorises:
 * the pending award's total for `approve`, the line's amount for `decide`. Without it only the role is checked
 * (the CLI checks the role before it asks the claim for the total, then again with the total). Returns the
 * refusal, or undefined when the operator may act. Messages carry ids, roles and amounts only.
 */
export function checkAuthority(
  file: OperatorsFile,
  actorId: string,
  command: OperatorCommand,
  amountSen?: number
): AuthorityRefusal | undefined {
  const role: Role = COMMAND_ROLES[command];
  const op = file.operators.find((o) => o.id === actorId);
  if (op === undefined) {
    return { missing: 'operator', role, message: `${actorId} is not an operator (not in the operators file)` };
  }
  if (!op.roles.includes(role)) {
    return { missing: 'role', role, message: `${actorId} does not hold the role "${role}" that ${command} needs` };
  }
  const limitSen = op.approveUpToSen;
  if (amountSen !== undefined && limitSen !== undefined && amountSen > limitSen) {
    const what = command === 'approve' ? "the award's total" : 'the amount';
    return {
      missing: 'limit',
      role,
      limitSen,
      amountSen,
      message:
        `${what} ${formatRinggit(amountSen)} (${amountSen} sen) is above the limit of ${actorId}: ` +
        `approveUpToSen ${formatRinggit(limitSen)} (${limitSen} sen)`,
    };
  }
  return undefined;
}
