import type { AuditEntry } from '../../activities/periodic/ports';
import { loadOperatorsFile, operatorsFilePath } from '../../infra/operators/operators-file';
import { checkAuthority } from '../../schemas/operators/authority';
import type { OperatorsFile } from '../../schemas/operators/operators-file';
import type { OperatorCommand } from '../../schemas/operators/roles';
import { NotAuthorisedError } from './input';
import { withAuditLog } from './services';

/*
 * The CLI's gate (the operators file, schemas/operators/): before a command sends its update, the `--actor` must be
 * an operator holding the command's role, and within their `approveUpToSen` for `approve` and `decide`. A refusal
 * exits with code 2 and is written to the audit collection first, so an attempt beyond someone's authority leaves a
 * trace even though nothing reached the claim. The workflows keep their own checks (stage, maker-checker, the claim's
 * authority limit); the gate adds who may act at all.
 */

/** One operator command about to be sent, as the gate checks and audits it. */
export interface OperatorAction {
  command: OperatorCommand;
  actorId: string;
  /** The claim's or the award's workflow id: the audit entry is filed under it, beside the workflow's own entries. */
  workflowId: string;
  /** The update id the command sends (or would send): a retried refused command is audited once. */
  updateId: string;
  /** What the command was about, for the audit: business ids only, never personal data. */
  subject: { claimId?: string; awardId?: string; beneficiaryId?: string; lineId?: string };
  /** `approve`: the pending award's total; `decide`: the line's amount. Unset: only the role is checked. */
  amountSen?: number;
}

/** Where the gate reads operators and writes refusals; tests pass their own. */
export interface GateDeps {
  operators: () => OperatorsFile;
  audit: (entry: AuditEntry) => Promise<void>;
  now: () => Date;
}

const cliDeps: GateDeps = {
  operators: () => loadOperatorsFile(operatorsFilePath()),
  audit: (entry) => withAuditLog((log) => log.write(entry)),
  now: () => new Date(),
};

/**
 * Lets the action through, or audits its refusal (`refused:<command>`, the actor, the reason, the claim and award
 * ids) and throws a {@link NotAuthorisedError} naming the actor and the missing role or limit. When the refusal
 * cannot be audited the command fails with exit code 1 (still refused), so a retry writes it.
 */
export async function requireAuthority(action: OperatorAction, deps: GateDeps = cliDeps): Promise<void> {
  const refusal = checkAuthority(deps.operators(), action.actorId, action.command, action.amountSen);
  if (refusal === undefined) return;
  const entry: AuditEntry = {
    auditId: `${action.workflowId}:refused:${action.updateId}`,
    workflowId: action.workflowId,
    action: `refused:${action.command}`,
    actorId: action.actorId,
    reason: refusal.message,
    details: {
      missing: refusal.missing,
      role: refusal.role,
      limitSen: refusal.missing === 'limit' ? refusal.limitSen : null,
      amountSen: refusal.missing === 'limit' ? refusal.amountSen : null,
      claimId: action.subject.claimId ?? null,
      awardId: action.subject.awardId ?? null,
      beneficiaryId: action.subject.beneficiaryId ?? null,
      lineId: action.subject.lineId ?? null,
      updateId: action.updateId,
    },
    at: deps.now().toISOString(),
  };
  try {
    await deps.audit(entry);
  } catch (err) {
    throw new Error(`refused: ${refusal.message}; the refusal could not be audited: ${(err as Error).message}`);
  }
  throw new NotAuthorisedError(`refused: ${refusal.message} (audited as ${entry.action})`);
}
