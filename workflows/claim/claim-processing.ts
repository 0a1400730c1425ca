import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  allHandlersFinished,
} from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time';
import type { AttachmentKind } from '../../schemas/claim/attachment';
import { formatZodIssues } from '../../schemas/common/errors';
import { ClaimSubmittedV1 } from '../../schemas/events/claim-submitted.v1';
import { FailureType } from '../../schemas/failures';
import { steps } from './proxies';
import { awardStep } from './award';
import { resolveConfig, type ClaimWorkflowConfig, type ClaimWorkflowConfigInput } from './config';
import { registerHandlers } from './handlers';
import { nowIso } from './ids';
import { medicalStep } from './medical';
import { ClaimState, type ClaimResult } from './state';

export { CLAIM_PATCHES } from './patches';

/**
 * One claim from intake to its outcome (CLM-FLOW-001): received → verifying → awaiting-information (optional) →
 * awaiting-medical-assessment → awarding → awaiting-approval (above the authority limit) → awarded | rejected |
 * withdrawn. Each step is a lifecycle event on `claims.events` with a per-claim sequence and the `ClaimStage`
 * search attribute. The first argument is the `claims.submitted` event as the intake consumer starts it.
 */
export async function claimProcessingWorkflow(
  submitted: ClaimSubmittedV1,
  config: ClaimWorkflowConfigInput = {}
): Promise<ClaimResult> {
  const parsed = ClaimSubmittedV1.safeParse(submitted);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(formatZodIssues(parsed.error).join('; '), FailureType.InvalidInput);
  }
  const cfg = resolveConfig(config);
  const state = new ClaimState(parsed.data);
  const scope = new CancellationScope();
  registerHandlers(state, scope);
  try {
    await scope.run(() => processClaim(state, cfg));
  } catch (err) {
    // A withdrawal cancels whatever the claim was waiting for; closing it must not be cancelled in turn.
    if (!(isCancellation(err) && state.withdrawal !== undefined)) throw err;
    const w = state.withdrawal;
    await CancellationScope.nonCancellable(async () => {
      state.decide('WITHDRAWN', w.reason);
      // Payments issued before the withdrawal stand (MC periods already certified); the event names them, so an
      // officer can recover any that should not have gone out.
      await state.emit('claim-withdrawn', 'withdrawn', w.reason, {
        requestedBy: w.requestedBy,
        actorId: w.actorId,
        paymentsIssued: state.paymentIds.length,
        ...(state.paymentIds.length > 0 ? { paymentIds: state.paymentIds.join(',').slice(0, 500) } : {}),
      });
      state.close('withdrawn', w.reason);
    });
  }
  await condition(allHandlersFinished);
  return state.result();
}

async function processClaim(state: ClaimState, cfg: ClaimWorkflowConfig): Promise<void> {
  const { claim } = state;
  await state.emit('claim-received', 'received', 'The claim was received at intake.', {
    channel: claim.source.channel,
    attachments: claim.attachments.length,
  });
  await state.emit('stage-changed', 'verifying', 'Verifying registration, cover and documents.', {});
  for (;;) {
    const v = await steps().verifyClaim({ claim: state.claim });
    state.addFlags(v.flags);
    state.decide(v.code, v.reason);
    if (v.outcome === 'continue') break;
    if (v.outcome === 'duplicate' && v.duplicateOfClaimId !== undefined) {
      state.status.duplicateOfClaimId = v.duplicateOfClaimId;
      await state.emit('duplicate-linked', 'verifying', v.reason, { duplicateOfClaimId: v.duplicateOfClaimId });
    }
    if (v.outcome !== 'request-information') return reject(state, v.reason, v.code);
    if (!(await awaitInformation(state, cfg, v.missing, v.reason))) {
      const reason = `The requested documents (${v.missing.join(', ')}) were not provided by the deadline.`;
      return reject(state, reason, 'INFORMATION_DEADLINE_EXPIRED');
    }
  }
  await medicalStep(state, cfg);
  const outcome = await awardStep(state, cfg);
  if (outcome.kind === 'not-eligible') return reject(state, outcome.reason, outcome.code);
  state.decide('AWARDED', outcome.reason);
  state.close('awarded', outcome.reason);
}

async function reject(state: ClaimState, reason: string, code: string): Promise<void> {
  state.decide(code, reason);
  await state.emit('claim-rejected', 'rejected', reason, { code });
  state.close('rejected', reason);
}

/**
 * Asks for documents and waits for `provideInformation` until the deadline, reminding at each interval (an
 * `information-requested` event with its reminder number). Returns whether the information came in time.
 */
async function awaitInformation(
  state: ClaimState,
  cfg: ClaimWorkflowConfig,
  missing: AttachmentKind[],
  reason: string
): Promise<boolean> {
  const requestedAt = nowIso();
  state.status.outstandingInformation = missing.map((kind) => ({ kind, requestedAt }));
  state.informationReceived = false;
  const details = { missingDocuments: missing.join(','), count: missing.length };
  await state.emit('information-requested', 'awaiting-information', reason, { ...details, reminder: 0 });
  const deadline = Date.now() + msToNumber(cfg.informationDeadline);
  for (let reminder = 1; ; reminder++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    const wait = Math.min(remaining, msToNumber(cfg.informationReminderInterval));
    if (await condition(() => state.informationReceived, wait)) break;
    if (Date.now() >= deadline) return false;
    await state.emit('information-requested', 'awaiting-information', `Reminder ${reminder}: ${reason}`, {
      ...details,
      reminder,
    });
  }
  state.status.outstandingInformation = [];
  await state.emit('information-provided', 'verifying', 'The requested information was provided.', {
    actorId: state.lastActorId,
  });
  return true;
}
