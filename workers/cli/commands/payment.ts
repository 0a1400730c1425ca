import type { Command } from 'commander';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { PaymentId } from '../../../schemas/payments/ids';
import type { LumpSumPaymentStatus } from '../../../schemas/payments/lump-sum';
import { ChangeBankAccountInput, ResumeAwardInput } from '../../../schemas/periodic/operator-inputs';
import { lumpSumWorkflowId } from '../../../workflows/payments/ids';
import {
  changePaymentBankAccountUpdate,
  getPaymentStatusQuery,
  retryPaymentUpdate,
} from '../../../workflows/payments/messages';
import { requireAuthority } from '../authority';
import {
  InvalidInputError,
  operatorUpdateId,
  output,
  parseInput,
  readJsonInput,
  REQUEST_ID_OPTION,
  runCommand,
} from '../input';
import { withTemporal } from '../services';

/*
 * Operator commands on a lump sum's payment workflow `payment-<paymentId>` (workflows/payments): payment-status,
 * payment-bank-account (new details for a returned payment, re-sent to them) and payment-retry (re-send a payment
 * held after failing on every attempt). Inputs are checked with the workflow's zod contracts (exit 2 naming the
 * field); the workflow refuses an action on a payment that is not held (exit 2); each accepted action is audited by
 * the workflow, and the actor is checked against the operators file first (role `bank-account`). An action's update
 * id names the hold it releases (`holds` in the status), so a repeated command on one hold acts once and the same
 * command on a later hold acts again.
 */

function statusLines(s: LumpSumPaymentStatus): string[] {
  return [
    `${s.paymentId}  ${s.benefitType}  ${s.amountSen} sen  ${s.state}${s.holdReason ? ` (${s.holdReason})` : ''}` +
      `${s.overdue ? '  result overdue' : ''}  attempts ${s.attempts}`,
    ...s.results.map((r) => `  ${r.settledAt}  ${r.status}`),
  ];
}

async function withPayment<T>(paymentId: string, body: (client: Client, workflowId: string) => Promise<T>): Promise<T> {
  const workflowId = lumpSumWorkflowId(paymentId);
  return withTemporal(async (client) => {
    try {
      return await body(client, workflowId);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) {
        throw new InvalidInputError(
          `payment ${paymentId}: no running payment workflow (a periodic instalment is handled with award-status and bank-account; a paid lump sum takes no more actions)`
        );
      }
      if (err instanceof WorkflowUpdateFailedError) {
        throw new InvalidInputError(`refused by the payment: ${err.cause?.message ?? err.message}`);
      }
      throw err;
    }
  });
}

type Opts = { actor: string; reason: string; json?: boolean; requestId?: string; payee?: string };

function updateCommand<A extends { actorId: string }>(
  program: Command,
  spec: {
    name: 'payment-bank-account' | 'payment-retry';
    description: string;
    options?: [flag: string, help: string][];
    input: (o: Opts) => A;
    def: UpdateDefinition<LumpSumPaymentStatus, [A]>;
  }
): void {
  const cmd = program
    .command(spec.name)
    .description(spec.description)
    .argument('<paymentId>')
    .requiredOption('--actor <staffId>', 'the officer acting')
    .requiredOption('--reason <text>', 'why');
  for (const [flag, help] of [...(spec.options ?? []), REQUEST_ID_OPTION]) cmd.option(flag, help);
  cmd.option('--json', 'print JSON').action((rawPaymentId: string, o: Opts) =>
    runCommand(spec.name, async () => {
      const paymentId = parseInput(PaymentId, rawPaymentId, 'paymentId argument');
      const workflowId = lumpSumWorkflowId(paymentId);
      const arg = spec.input(o);
      // The actor is checked before anything reaches Temporal; a refusal is audited under the command's own id.
      const refusalId = operatorUpdateId(spec.name, workflowId, arg, o.requestId);
      await requireAuthority({
        command: spec.name,
        actorId: arg.actorId,
        workflowId,
        updateId: refusalId,
        subject: {},
      });
      const status = await withPayment(paymentId, async (client) => {
        const handle = client.workflow.getHandle(workflowId);
        // Keyed on the hold the officer acts on: the same command repeated on this hold is answered once, while the
        // same command on a later hold (re-sent, failed again, held again) is a new action.
        const before = await handle.query(getPaymentStatusQuery);
        const hold = before.holds ?? before.attempts;
        const updateId = operatorUpdateId(spec.name, workflowId, { input: arg, hold }, o.requestId);
        return handle.executeUpdate(spec.def, { args: [arg], updateId });
      });
      output(o.json === true, status, () => statusLines(status));
    })
  );
}

/** Registers the lump-sum payment commands. */
export function registerPaymentCommands(program: Command): void {
  program
    .command('payment-status')
    .description("show a lump sum's payment: sent, held (returned or failed) or paid, attempts and the bank's answers")
    .argument('<paymentId>')
    .option('--json', 'print JSON')
    .action((rawPaymentId: string, o: { json?: boolean }) =>
      runCommand('payment-status', async () => {
        const paymentId = parseInput(PaymentId, rawPaymentId, 'paymentId argument');
        const status = await withPayment(paymentId, (client, workflowId) =>
          client.workflow.getHandle(workflowId).query(getPaymentStatusQuery)
        );
        output(o.json === true, status, () => statusLines(status));
      })
    );

  updateCommand(program, {
    name: 'payment-bank-account',
    description: 'new bank details for a held lump sum (BKA-1), re-sent to them: --payee <file|-> JSON',
    options: [['--payee <file>', 'payee JSON file or - for stdin: {name, bankAccount, paidToGuardian}']],
    input: (o) => {
      if (typeof o.payee !== 'string') throw new InvalidInputError('payee: required (--payee <file>)');
      const who = { actorId: o.actor, reason: o.reason };
      return parseInput(ChangeBankAccountInput, { ...who, payee: readJsonInput(o.payee) }, 'payment-bank-account');
    },
    def: changePaymentBankAccountUpdate,
  });
  updateCommand(program, {
    name: 'payment-retry',
    description: 're-send a lump sum held after failing on every attempt (the cause was fixed)',
    input: (o) => parseInput(ResumeAwardInput, { actorId: o.actor, reason: o.reason }, 'payment-retry'),
    def: retryPaymentUpdate,
  });
}
