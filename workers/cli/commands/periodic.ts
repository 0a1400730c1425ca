import type { Command } from 'commander';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { AwardId, BeneficiaryId } from '../../../schemas/payments/ids';
import {
  ChangeBankAccountInput,
  RecordCaaReviewInput,
  RecordDeathInput,
  RecordDeclarationInput,
  RecordMarriageInput,
  ResumeAwardInput,
  StopAwardInput,
  SuspendAwardInput,
} from '../../../schemas/periodic/operator-inputs';
import type { PeriodicAwardStatus } from '../../../schemas/periodic/status';
import type { OperatorCommand } from '../../../schemas/operators/roles';
import { periodicWorkflowId } from '../../../workflows/periodic/ids';
import {
  changeBankAccountUpdate,
  getAwardStatusQuery,
  recordCaaReviewUpdate,
  recordDeathUpdate,
  recordDeclarationUpdate,
  recordMarriageUpdate,
  resumeAwardUpdate,
  stopAwardUpdate,
  suspendAwardUpdate,
} from '../../../workflows/periodic/messages';
import {
  InvalidInputError,
  output,
  parseInput,
  readJsonInput,
  runCommand,
  REQUEST_ID_OPTION,
  operatorUpdateId,
} from '../input';
import { requireAuthority } from '../authority';
import { withTemporal } from '../services';

/*
 * Operator commands on periodic awards (issue 5): award-status, suspend, resume, stop, bank-account, declaration,
 * death, marriage, caa-review. Each addresses the workflow `award-<awardId>-<beneficiaryId>`; inputs are checked with the
 * workflow's own zod contracts (exit 2 naming the field), and an update the workflow refuses (a stopped award, a
 * review of a line that is not CAA) is invalid input too. Every accepted update is audited with actor and reason; an
 * actor the operators file does not give the command's role is refused before anything is sent, and that is audited
 * too (workers/cli/authority.ts).
 */

function workflowIdOf(awardId: string, beneficiaryId: string): string {
  return periodicWorkflowId(
    parseInput(AwardId, awardId, 'awardId argument'),
    parseInput(BeneficiaryId, beneficiaryId, 'beneficiaryId argument')
  );
}

function statusLines(s: PeriodicAwardStatus): string[] {
  return [
    `${s.awardId} / ${s.beneficiaryId}  ${s.benefitType}  ${s.status}${s.holdReason ? ` (${s.holdReason})` : ''}`,
    `  next ${s.nextMonth ?? '-'} due ${s.nextDueAt ?? '-'}, paid to ${s.paidToDate ?? '-'}, cycles ${s.cyclesCompleted}`,
    ...(s.unpaidMonths.length ? [`  owed months: ${s.unpaidMonths.join(', ')}`] : []),
    ...(s.debtSen > 0 ? [`  overpayment to recover: ${s.debtSen} sen`] : []),
    ...(s.declarationDue ? [`  declaration due ${s.declarationDue}`] : []),
    ...s.lastPayments.map(
      (p) => `  ${p.paymentId}  ${p.amountSen} sen  ${p.result}  attempts ${p.attempts}  months ${p.months.join(',')}`
    ),
  ];
}

async function update<A>(
  client: Client,
  workflowId: string,
  def: UpdateDefinition<PeriodicAwardStatus, [A]>,
  arg: A,
  updateId: string
): Promise<PeriodicAwardStatus> {
  try {
    return await client.workflow.getHandle(workflowId).executeUpdate(def, { args: [arg], updateId });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw await notRunning(client, workflowId);
    if (err instanceof WorkflowUpdateFailedError) {
      throw new InvalidInputError(`refused by the award: ${err.cause?.message ?? err.message}`);
    }
    throw err;
  }
}

/** The award's status now, for a command keyed on its situation; an ended or unknown award is named as such. */
async function currentStatus(client: Client, workflowId: string): Promise<PeriodicAwardStatus> {
  try {
    return await client.workflow.getHandle(workflowId).query(getAwardStatusQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw await notRunning(client, workflowId);
    throw err;
  }
}

/**
 * The server answers an update to a closed workflow as NOT_FOUND ("workflow execution already completed"): an award
 * whose workflow has ended (stopped, or terminated) is not a missing one, so the officer is told which it is.
 */
async function notRunning(client: Client, workflowId: string): Promise<InvalidInputError> {
  try {
    const { status } = await client.workflow.getHandle(workflowId).describe();
    return new InvalidInputError(`award ${workflowId} has ended (${status.name}): it takes no more operator actions`);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return new InvalidInputError(`award ${workflowId} not found`);
    throw err;
  }
}

type Opts = { actor: string; reason: string; json?: boolean; requestId?: string } & Record<
  string,
  string | boolean | undefined
>;

/** One update command: `<name> <awardId> <beneficiaryId>` with --actor, --reason and its own options. */
function updateCommand<A extends { actorId: string }>(
  program: Command,
  spec: {
    name: OperatorCommand;
    description: string;
    options?: [flag: string, help: string][];
    input: (o: Opts) => A;
    def: UpdateDefinition<PeriodicAwardStatus, [A]>;
    /**
     * The situation the command acts on, read from the award's status and added to the update id: the same command
     * repeated on one situation is answered once, the same command on a later one acts again.
     */
    situation?: (status: PeriodicAwardStatus) => number | undefined;
  }
): void {
  const cmd = program
    .command(spec.name)
    .description(spec.description)
    .argument('<awardId>')
    .argument('<beneficiaryId>')
    .requiredOption('--actor <staffId>', 'the officer acting')
    .requiredOption('--reason <text>', 'why');
  for (const [flag, help] of [...(spec.options ?? []), REQUEST_ID_OPTION]) cmd.option(flag, help);
  cmd.option('--json', 'print JSON').action((awardId: string, beneficiaryId: string, o: Opts) =>
    runCommand(spec.name, async () => {
      const workflowId = workflowIdOf(awardId, beneficiaryId);
      const arg = spec.input(o);
      // The actor is checked before anything reaches Temporal; a refusal is audited under the command's own id.
      await requireAuthority({
        command: spec.name,
        actorId: arg.actorId,
        workflowId,
        updateId: operatorUpdateId(spec.name, workflowId, arg, o.requestId),
        subject: { awardId, beneficiaryId },
      });
      const status = await withTemporal(async (client) => {
        const situation = spec.situation?.(await currentStatus(client, workflowId));
        const keyed = situation === undefined ? arg : { input: arg, situation };
        const updateId = operatorUpdateId(spec.name, workflowId, keyed, o.requestId);
        return update(client, workflowId, spec.def, arg, updateId);
      });
      output(o.json === true, status, () => statusLines(status));
    })
  );
}

const who = (o: Opts) => ({ actorId: o.actor, reason: o.reason });

/** Registers the periodic-award operator commands. */
export function registerPeriodicCommands(program: Command): void {
  program
    .command('award-status')
    .description("show a periodic award's status, next due date, paid-to date and last 12 payments")
    .argument('<awardId>')
    .argument('<beneficiaryId>')
    .option('--json', 'print JSON')
    .action((awardId: string, beneficiaryId: string, o: { json?: boolean }) =>
      runCommand('award-status', async () => {
        const workflowId = workflowIdOf(awardId, beneficiaryId);
        const status = await withTemporal(async (client) => {
          try {
            return await client.workflow.getHandle(workflowId).query(getAwardStatusQuery);
          } catch (err) {
            if (err instanceof WorkflowNotFoundError) throw new InvalidInputError(`award ${workflowId} not found`);
            throw err;
          }
        });
        output(o.json === true, status, () => statusLines(status));
      })
    );

  updateCommand(program, {
    name: 'suspend',
    description: 'suspend a periodic award (months missed are paid as arrears on resume)',
    input: (o) => parseInput(SuspendAwardInput, who(o), 'suspend'),
    def: suspendAwardUpdate,
    // A repeat before the award is active again answers once (a deliberate extension needs its own --request-id).
    situation: (s) => s.resumptions,
  });
  updateCommand(program, {
    name: 'resume',
    description: 'resume a suspended periodic award',
    input: (o) => parseInput(ResumeAwardInput, who(o), 'resume'),
    def: resumeAwardUpdate,
    // One resume per suspension: the same words after a later suspension act again.
    situation: (s) => s.suspensions,
  });
  updateCommand(program, {
    name: 'stop',
    description: 'stop a periodic award for good',
    options: [['--last-paid-day <date>', 'last entitled day (YYYY-MM-DD)']],
    input: (o) =>
      parseInput(
        StopAwardInput,
        { ...who(o), ...(o.lastPaidDay !== undefined ? { lastPaidDay: o.lastPaidDay } : {}) },
        'stop'
      ),
    def: stopAwardUpdate,
  });
  updateCommand(program, {
    name: 'bank-account',
    description: 'new bank details (BKA-1): --payee <file|-> JSON {name, bankAccount, paidToGuardian}',
    options: [['--payee <file>', 'payee JSON file or - for stdin']],
    input: (o) => {
      if (typeof o.payee !== 'string') throw new InvalidInputError('payee: required (--payee <file>)');
      return parseInput(ChangeBankAccountInput, { ...who(o), payee: readJsonInput(o.payee) }, 'bank-account');
    },
    def: changeBankAccountUpdate,
    // New details release a held payment: the same details after a later return act again.
    situation: (s) => s.suspensions,
  });
  updateCommand(program, {
    name: 'declaration',
    description: 'record a Regulation 117 (life), study or incapacity declaration',
    options: [
      ['--kind <kind>', 'life (default), study or incapacity'],
      ['--received-on <date>', 'date received (YYYY-MM-DD)'],
      ['--valid-until <date>', 'study declarations: end of study'],
    ],
    input: (o) =>
      parseInput(
        RecordDeclarationInput,
        {
          ...who(o),
          ...(o.kind !== undefined ? { kind: o.kind } : {}),
          receivedOn: o.receivedOn,
          ...(o.validUntil !== undefined ? { validUntil: o.validUntil } : {}),
        },
        'declaration'
      ),
    def: recordDeclarationUpdate,
  });
  updateCommand(program, {
    name: 'death',
    description:
      'record the death of the recipient (stops the award, recovers any overpayment; what was due up to the death goes to --estate-payee, else is recorded as owed to the estate)',
    options: [
      ['--date-of-death <date>', 'YYYY-MM-DD'],
      ['--estate-payee <file>', "the estate's administrator: payee JSON file or - for stdin"],
    ],
    input: (o) =>
      parseInput(
        RecordDeathInput,
        {
          ...who(o),
          dateOfDeath: o.dateOfDeath,
          ...(typeof o.estatePayee === 'string' ? { estatePayee: readJsonInput(o.estatePayee) } : {}),
        },
        'death'
      ),
    def: recordDeathUpdate,
  });
  updateCommand(program, {
    name: 'marriage',
    description: "record a child's or sibling's marriage (the share stops the day before; the others are recomputed)",
    options: [['--marriage-date <date>', 'YYYY-MM-DD']],
    input: (o) => parseInput(RecordMarriageInput, { ...who(o), marriageDate: o.marriageDate }, 'marriage'),
    def: recordMarriageUpdate,
  });
  updateCommand(program, {
    name: 'caa-review',
    description: 'record a Medical Board review of a constant-attendance allowance',
    options: [
      ['--outcome <outcome>', 'continue or stop'],
      ['--effective-date <date>', 'YYYY-MM-DD'],
      ['--next-review-date <date>', 'YYYY-MM-DD'],
    ],
    input: (o) =>
      parseInput(
        RecordCaaReviewInput,
        {
          ...who(o),
          outcome: o.outcome,
          effectiveDate: o.effectiveDate,
          ...(o.nextReviewDate !== undefined ? { nextReviewDate: o.nextReviewDate } : {}),
        },
        'caa-review'
      ),
    def: recordCaaReviewUpdate,
  });
}
