import type { Command } from 'commander';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ActorId, ClaimId } from '../../../schemas/claim/ids';
import {
  ApproveAward,
  DecideAwardLine,
  ProvideInformation,
  WithdrawClaim,
} from '../../../schemas/claim/operator-inputs';
import type { ClaimAwardSummary, ClaimStatus } from '../../../schemas/claim/status';
import { formatRinggit } from '../../../schemas/common/money';
import { ClaimStage } from '../../../schemas/claim/stage';
import { MedicalBoardDecision } from '../../../schemas/medical/board-decision';
import type { OperatorCommand } from '../../../schemas/operators/roles';
import { claimWorkflowId } from '../../../infra/temporal/claim-starter';
import {
  approveAwardUpdate,
  decideAwardLineUpdate,
  getClaimStatusQuery,
  provideInformationUpdate,
  submitMedicalAssessmentUpdate,
  withdrawClaimUpdate,
} from '../../../workflows/claim/messages';
import {
  ClaimIdKey,
  ClaimStageKey,
  ClaimTypeKey,
  SchemeKey,
  SlaBreachedKey,
} from '../../../workflows/search-attributes';
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
 * Operator commands on running claims (issue 4): status, list, assess, provide-info, approve, decide, withdraw. Each
 * talks to the claim workflow through its query and updates (workflows/claim/messages.ts); an update refused by the
 * workflow's validator (wrong stage, maker approving their own award) is invalid input: exit code 2 with the reason.
 * Before an update is sent, its actor is checked against the operators file (workers/cli/authority.ts): a refusal
 * is audited and exits with code 2 too.
 */

/** `4250`, `4250.5` or `4250.50` ringgit as exact sen (never through a float); anything else names `--amount`. */
export function ringgitToSen(text: string): number {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new InvalidInputError('--amount: expected ringgit with at most two decimals, e.g. 4250.00');
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

function claimIdArg(value: string): string {
  return parseInput(ClaimId, value, 'claimId argument');
}

function statusLines(s: ClaimStatus): string[] {
  return [
    `${s.claimId}  ${s.claimType}  stage: ${s.stage}`,
    `  received ${s.receivedAt}, updated ${s.updatedAt}, events ${s.lastSequence}`,
    ...(s.outstandingInformation.length
      ? [`  waiting for: ${s.outstandingInformation.map((i) => JSON.stringify(i)).join(', ')}`]
      : []),
    ...(s.pendingApprovals.length ? [`  awards awaiting approval: ${s.pendingApprovals.join(', ')}`] : []),
    ...(s.flags.length ? [`  flags: ${s.flags.join(', ')}`] : []),
    // CLM-SLA-001 runs while the claim waits for the Medical Board; afterwards the due time is history.
    ...(s.slaDueAt && s.stage === 'awaiting-medical-assessment' ? [`  medical assessment SLA due ${s.slaDueAt}`] : []),
    ...(s.decision ? [`  decision: ${s.decision.code}: ${s.decision.reason}`] : []),
    ...s.awards.flatMap((a) => [
      `  award ${a.awardId} (${a.scope}) ${formatRinggit(a.totalSen)}, ${a.eligibility}, approval ${a.approval}${a.approvedBy ? ` by ${a.approvedBy}` : ''}`,
      ...a.lines.map(
        (l) =>
          `    ${l.lineId.padEnd(16)} ${l.benefitType.padEnd(24)} ${formatRinggit(l.amountSen).padStart(14)}  ${l.status.padEnd(14)} ${l.ruleIds.join(' ')}`
      ),
    ]),
    ...(s.closingReason ? [`  reason: ${s.closingReason}`] : []),
    ...(s.duplicateOfClaimId ? [`  duplicate of ${s.duplicateOfClaimId}`] : []),
  ];
}

/** Runs an update; a validator rejection or a handler's business refusal becomes invalid input (exit 2). */
async function update<A>(
  client: Client,
  claimId: string,
  def: UpdateDefinition<ClaimStatus, [A]>,
  arg: A,
  command: string,
  requestId: string | undefined
): Promise<ClaimStatus> {
  const workflowId = claimWorkflowId(claimId);
  const updateId = operatorUpdateId(command, workflowId, arg, requestId);
  try {
    return await client.workflow.getHandle(workflowId).executeUpdate(def, { args: [arg], updateId });
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw await notRunning(client, claimId);
    if (err instanceof WorkflowUpdateFailedError) {
      throw new InvalidInputError(`refused by the claim: ${err.cause?.message ?? err.message}`);
    }
    throw err;
  }
}

/**
 * The server answers an update to a closed workflow as NOT_FOUND ("workflow execution already completed"): a claim
 * whose workflow has ended (awarded, rejected, withdrawn, or terminated) is not a missing one.
 */
async function notRunning(client: Client, claimId: string): Promise<InvalidInputError> {
  try {
    const { status } = await client.workflow.getHandle(claimWorkflowId(claimId)).describe();
    return new InvalidInputError(`claim ${claimId} has ended (${status.name}): it takes no more operator actions`);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return new InvalidInputError(`claim ${claimId} not found`);
    throw err;
  }
}

/** The claim's current status (query), or invalid input naming the claim when there is no such claim. */
async function queryStatus(client: Client, claimId: string): Promise<ClaimStatus> {
  try {
    return await client.workflow.getHandle(claimWorkflowId(claimId)).query(getClaimStatusQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new InvalidInputError(`claim ${claimId} not found`);
    throw err;
  }
}

/** The award `--award` defaults to: the claim's only pending award, or invalid input naming `--award`. */
function onlyPendingAward({ pendingApprovals }: ClaimStatus): string {
  if (pendingApprovals.length !== 1 || pendingApprovals[0] === undefined) {
    throw new InvalidInputError(
      `--award: required, ${pendingApprovals.length} awards are pending (${pendingApprovals.join(', ') || 'none'})`
    );
  }
  return pendingApprovals[0];
}

/**
 * The award an approval is for, as the claim's status shows it: its total is what the approver's limit is checked
 * against. Only a pending award whose referred lines are all decided (so its total is final), or one already
 * approved (a retried command gets the first outcome back), goes to the claim: an award that is not pending yet
 * could become pending between this query and the update and would then escape the limit.
 */
function awardToApprove(status: ClaimStatus, awardId: string): ClaimAwardSummary {
  const award = status.awards.find((a) => a.awardId === awardId);
  if (award === undefined && status.pendingApprovals.includes(awardId)) {
    throw new InvalidInputError(
      `award ${awardId}: the claim's status does not show its total (an older worker), so the approver's limit cannot be checked`
    );
  }
  if (award === undefined || award.approval === 'not-required') {
    throw new InvalidInputError(
      `--award: ${awardId} is not awaiting approval (the claim is ${status.stage}; pending: ${status.pendingApprovals.join(', ') || 'none'})`
    );
  }
  const undecided = award.lines.filter((l) => l.status === 'officer-review').map((l) => l.lineId);
  if (award.approval === 'pending' && undecided.length > 0) {
    throw new InvalidInputError(
      `award ${awardId}: line(s) ${undecided.join(', ')} need an officer's amount first (claims decide)`
    );
  }
  return award;
}

/** Checks `actorId` against the operators file for `command` on the claim (the update id is the one sent). */
function gate(
  command: OperatorCommand,
  claimId: string,
  actorId: string,
  arg: unknown,
  requestId: string | undefined,
  extra: { awardId?: string; lineId?: string; amountSen?: number } = {}
): Promise<void> {
  const workflowId = claimWorkflowId(claimId);
  const { amountSen, ...ids } = extra;
  return requireAuthority({
    command,
    actorId,
    workflowId,
    updateId: operatorUpdateId(command, workflowId, arg, requestId),
    subject: { claimId, ...ids },
    ...(amountSen !== undefined ? { amountSen } : {}),
  });
}

/** Registers the operator commands. */
export function registerOperatorCommands(program: Command): void {
  program
    .command('status')
    .description("show a claim's stage, what it waits for, pending approvals and flags")
    .argument('<claimId>')
    .option('--json', 'print JSON')
    .action((claimId: string, o: { json?: boolean }) =>
      runCommand('status', async () => {
        const id = claimIdArg(claimId);
        const status = await withTemporal((client) => queryStatus(client, id));
        output(o.json === true, status, () => statusLines(status));
      })
    );

  program
    .command('list')
    .description('list claims with a Temporal List Filter built from the options')
    .option('--stage <stage>', `claim stage (${ClaimStage.options.join(', ')})`)
    .option('--scheme <scheme>', 'employment-injury, lindung-24-jam or invalidity')
    .option('--type <claimType>', 'claim type')
    .option('--sla-breached', 'only claims past their SLA')
    .option('--running', 'only open claims')
    .option('--limit <n>', 'at most n claims', '50')
    .option('--json', 'print JSON')
    .action(
      (o: {
        stage?: string;
        scheme?: string;
        type?: string;
        slaBreached?: boolean;
        running?: boolean;
        limit: string;
        json?: boolean;
      }) =>
        runCommand('list', async () => {
          if (o.stage !== undefined) parseInput(ClaimStage, o.stage, '--stage');
          const limit = Number(o.limit);
          if (!Number.isInteger(limit) || limit < 1)
            throw new InvalidInputError('--limit: expected a positive integer');
          const safe = (v: string, flag: string): string => {
            if (!/^[a-z0-9-]+$/.test(v))
              throw new InvalidInputError(`${flag}: expected lower-case letters, digits and -`);
            return v;
          };
          const clauses = ['WorkflowType = "claimProcessingWorkflow"'];
          if (o.stage) clauses.push(`ClaimStage = "${o.stage}"`);
          if (o.scheme) clauses.push(`Scheme = "${safe(o.scheme, '--scheme')}"`);
          if (o.type) clauses.push(`ClaimType = "${safe(o.type, '--type')}"`);
          if (o.slaBreached) clauses.push('SlaBreached = true');
          if (o.running) clauses.push('ExecutionStatus = "Running"');
          const query = clauses.join(' AND ');
          const rows = await withTemporal(async (client) => {
            const out: Array<Record<string, unknown>> = [];
            for await (const wf of client.workflow.list({ query })) {
              out.push({
                claimId: wf.typedSearchAttributes.get(ClaimIdKey),
                stage: wf.typedSearchAttributes.get(ClaimStageKey),
                claimType: wf.typedSearchAttributes.get(ClaimTypeKey),
                scheme: wf.typedSearchAttributes.get(SchemeKey),
                slaBreached: wf.typedSearchAttributes.get(SlaBreachedKey) ?? false,
                status: wf.status.name,
                startTime: wf.startTime.toISOString(),
              });
              if (out.length >= limit) break;
            }
            return out;
          });
          output(o.json === true, { query, claims: rows }, () => [
            `# ${query}`,
            ...rows.map(
              (r) =>
                `${String(r.claimId).padEnd(18)} ${String(r.stage).padEnd(30)} ${String(r.claimType).padEnd(22)} ${String(r.status)}${r.slaBreached ? '  SLA BREACHED' : ''}`
            ),
            `${rows.length} claim(s)`,
          ]);
        })
    );

  program
    .command('assess')
    .description("record the Medical Board's decision (JSON file or - for stdin, schema medical-board-decision)")
    .argument('<claimId>')
    .argument('<file>')
    .requiredOption('--actor <staffId>', 'the officer recording the decision (the assess role)')
    .option('--json', 'print JSON')
    .option(...REQUEST_ID_OPTION)
    .action((claimId: string, file: string, o: { actor: string; json?: boolean; requestId?: string }) =>
      runCommand('assess', async () => {
        const id = claimIdArg(claimId);
        const decision = parseInput(MedicalBoardDecision, readJsonInput(file), 'medical board decision');
        const actorId = parseInput(ActorId, o.actor, '--actor');
        await gate('assess', id, actorId, decision, o.requestId);
        const status = await withTemporal((client) =>
          update(client, id, submitMedicalAssessmentUpdate, decision, 'assess', o.requestId)
        );
        output(o.json === true, status, () => statusLines(status));
      })
    );

  program
    .command('provide-info')
    .description('give a claim the documents or MCs it waits for (JSON file or -, schema provide-information)')
    .argument('<claimId>')
    .argument('<file>')
    .option('--json', 'print JSON')
    .option(...REQUEST_ID_OPTION)
    .action((claimId: string, file: string, o: { json?: boolean; requestId?: string }) =>
      runCommand('provide-info', async () => {
        const id = claimIdArg(claimId);
        const info = parseInput(ProvideInformation, readJsonInput(file), 'information');
        await gate('provide-info', id, info.actorId, info, o.requestId);
        const status = await withTemporal((client) =>
          update(client, id, provideInformationUpdate, info, 'provide-info', o.requestId)
        );
        output(o.json === true, status, () => statusLines(status));
      })
    );

  program
    .command('approve')
    .description('approve an award above the authority limit (maker-checker: not by the officer who made it)')
    .argument('<claimId>')
    .requiredOption('--actor <staffId>', 'the approving officer')
    .requiredOption('--reason <text>', 'why it is approved')
    .option('--award <awardId>', 'the award to approve (default: the only one pending)')
    .option('--json', 'print JSON')
    .option(...REQUEST_ID_OPTION)
    .action(
      (claimId: string, o: { actor: string; reason: string; award?: string; json?: boolean; requestId?: string }) =>
        runCommand('approve', async () => {
          const id = claimIdArg(claimId);
          // The officer's fields are checked before the server is asked, as every other command does.
          const fields = { actorId: o.actor, reason: o.reason };
          parseInput(ApproveAward.omit({ awardId: true }), fields, 'approval');
          if (o.award !== undefined) parseInput(ApproveAward, { ...fields, awardId: o.award }, 'approval');
          // The role first (nothing is asked of the claim for an operator who may not approve at all) ...
          const asked = o.award !== undefined ? { ...fields, awardId: o.award } : fields;
          await gate('approve', id, o.actor, asked, o.requestId, o.award !== undefined ? { awardId: o.award } : {});
          const status = await withTemporal(async (client) => {
            const claim = await queryStatus(client, id);
            const awardId = o.award ?? onlyPendingAward(claim);
            const input = parseInput(ApproveAward, { ...fields, awardId }, 'approval');
            // ... then the limit, against the award's total as the claim shows it.
            const { totalSen } = awardToApprove(claim, awardId);
            await gate('approve', id, input.actorId, input, o.requestId, { awardId, amountSen: totalSen });
            return update(client, id, approveAwardUpdate, input, 'approve', o.requestId);
          });
          output(o.json === true, status, () => statusLines(status));
        })
    );

  program
    .command('decide')
    .description('set the amount of an award line the rules referred to an officer (then a second officer approves)')
    .argument('<claimId>')
    .requiredOption('--line <lineId>', 'the referred line, e.g. PDB-LUMP or INV-GRANT (see `claims status`)')
    .requiredOption('--amount <ringgit>', 'the amount in ringgit with at most two decimals, e.g. 4250.00')
    .requiredOption('--actor <staffId>', 'the deciding officer (becomes the maker: another officer approves)')
    .requiredOption('--reason <text>', 'why this amount (the basis: commutation factor, grant formula, …)')
    .option('--award <awardId>', 'the award (default: the only one pending)')
    .option('--json', 'print JSON')
    .option(...REQUEST_ID_OPTION)
    .action(
      (
        claimId: string,
        o: {
          line: string;
          amount: string;
          actor: string;
          reason: string;
          award?: string;
          json?: boolean;
          requestId?: string;
        }
      ) =>
        runCommand('decide', async () => {
          const id = claimIdArg(claimId);
          const amountSen = ringgitToSen(o.amount);
          const fields = { actorId: o.actor, lineId: o.line, amountSen, reason: o.reason };
          parseInput(DecideAwardLine.omit({ awardId: true }), fields, 'decision');
          if (o.award !== undefined) parseInput(DecideAwardLine, { ...fields, awardId: o.award }, 'decision');
          // The decided amount is what the officer authorises: it must be within their approveUpToSen.
          const asked = o.award !== undefined ? { ...fields, awardId: o.award } : fields;
          await gate('decide', id, o.actor, asked, o.requestId, {
            ...(o.award !== undefined ? { awardId: o.award } : {}),
            lineId: o.line,
            amountSen,
          });
          const status = await withTemporal(async (client) => {
            const awardId = o.award ?? onlyPendingAward(await queryStatus(client, id));
            const input = parseInput(DecideAwardLine, { ...fields, awardId }, 'decision');
            return update(client, id, decideAwardLineUpdate, input, 'decide', o.requestId);
          });
          output(o.json === true, status, () => statusLines(status));
        })
    );

  program
    .command('withdraw')
    .description('withdraw a claim before it is awarded')
    .argument('<claimId>')
    .requiredOption('--actor <staffId>', 'the officer recording the withdrawal')
    .requiredOption('--reason <text>', 'why')
    .option('--requested-by <who>', 'claimant, employer or perkeso', 'claimant')
    .option('--json', 'print JSON')
    .option(...REQUEST_ID_OPTION)
    .action(
      (
        claimId: string,
        o: { actor: string; reason: string; requestedBy: string; json?: boolean; requestId?: string }
      ) =>
        runCommand('withdraw', async () => {
          const id = claimIdArg(claimId);
          const input = parseInput(
            WithdrawClaim,
            { actorId: o.actor, reason: o.reason, requestedBy: o.requestedBy },
            'withdrawal'
          );
          await gate('withdraw', id, input.actorId, input, o.requestId);
          const status = await withTemporal((client) =>
            update(client, id, withdrawClaimUpdate, input, 'withdraw', o.requestId)
          );
          output(o.json === true, status, () => statusLines(status));
        })
    );
}
