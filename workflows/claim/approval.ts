import { condition, log, patched } from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time';
import type { StoredAward } from '../../activities/claims';
import type { ClaimStage } from '../../schemas/claim/stage';
import { formatRinggit } from '../../schemas/common/money';
import type { ClaimWorkflowConfig } from './config';
import { nowIso } from './ids';
import { CLAIM_PATCHES } from './patches';
import { steps } from './proxies';
import type { ClaimState } from './state';

/** Why an award needs a second officer, or undefined when it may be paid as it is. */
export function approvalReason(award: StoredAward, cfg: ClaimWorkflowConfig): string | undefined {
  if (award.totalSen > cfg.authorityLimitSen) {
    return `The award of ${formatRinggit(award.totalSen)} exceeds the authority limit of ${formatRinggit(cfg.authorityLimitSen)}.`;
  }
  if (award.eligibility.outcome === 'officer-review') {
    const why = award.eligibility.reasons[0];
    return `The benefit rules refer the award to an officer${why !== undefined ? `: ${why}` : '.'}`;
  }
  return undefined;
}

/**
 * The authority check every payment of the claim passes (maker-checker): an award above the authority limit, or one
 * the rules refer to an officer, waits for `approveAward` from a second officer who is not its maker (the last
 * officer whose input shaped the award, or `system`). While it waits, the approver is reminded at each
 * `approvalReminderInterval`, and after `approvalOverdueAfter` the wait is escalated once (`sla-breached`;
 * CLM-SLA-001's payment targets run from complete documents, so an approval must not sit). Returns the approver, or
 * undefined when no approval was needed. `returnTo` is the stage the claim goes back to after an interim award
 * (an MC period's TDB); the final award moves on to `awarded`.
 */
export async function authorise(
  state: ClaimState,
  cfg: ClaimWorkflowConfig,
  award: StoredAward,
  returnTo?: ClaimStage
): Promise<{ approvedBy?: string; award: StoredAward }> {
  const why = approvalReason(award, cfg);
  if (why === undefined) {
    state.recordAward(award, 'not-required');
    return { award };
  }
  state.makerId = state.lastActorId;
  const makerId = state.makerId;
  state.status.pendingApprovals = [...state.status.pendingApprovals, award.awardId];
  state.recordAward(award, 'pending');
  const details = {
    awardId: award.awardId,
    totalSen: award.totalSen,
    authorityLimitSen: cfg.authorityLimitSen,
    makerId,
  };
  await state.emit('approval-required', 'awaiting-approval', `${why} A second officer must approve it.`, details);
  const approved = () => state.approvals.has(award.awardId);
  if (patched(CLAIM_PATCHES.approvalReminders)) {
    await waitWithReminders(state, cfg, award, approved);
  } else {
    await condition(approved);
  }
  const approval = state.approvals.get(award.awardId);
  if (approval === undefined) throw new Error('unreachable: approval awaited');
  const decided = withDecisions(award, state);
  // An officer who decided a line's amount after the wait began is the maker (the validator refused them as checker).
  const finalMaker = state.makerId ?? makerId;
  await steps().recordAwardApproval({
    awardId: award.awardId,
    makerId: finalMaker,
    approverId: approval.actorId,
    reason: approval.reason,
    approvedAt: nowIso(),
    ...(decided.decisions.length > 0 ? { lineDecisions: decided.decisions } : {}),
  });
  state.status.pendingApprovals = state.status.pendingApprovals.filter((id) => id !== award.awardId);
  state.recordAward(decided.award, 'approved', approval.actorId);
  const text = `The award of ${formatRinggit(decided.award.totalSen)} was approved.`;
  const approvedDetails = { awardId: award.awardId, makerId: finalMaker, approverId: approval.actorId };
  if (returnTo === undefined) {
    await state.emit('award-approved', 'awarded', text, approvedDetails);
  } else {
    // An interim award: the claim goes back to what it was doing (`award-approved` always means the claim is awarded).
    await state.emit('stage-changed', returnTo, `${text} The claim continues.`, approvedDetails);
  }
  return { approvedBy: approval.actorId, award: decided.award };
}

/**
 * The award with officers' decisions applied: each line the rules referred to an officer and an officer decided
 * (`decideAwardLine`) becomes payable at the decided amount, citing who decided and why; the total follows.
 */
function withDecisions(
  award: StoredAward,
  state: ClaimState
): { award: StoredAward; decisions: { lineId: string; amountSen: number; actorId: string; reason: string }[] } {
  const decisions: { lineId: string; amountSen: number; actorId: string; reason: string }[] = [];
  const lines = award.lines.map((line) => {
    const d = state.lineDecisions.get(`${award.awardId}/${line.lineId}`);
    if (d === undefined || line.status !== 'officer-review') return line;
    decisions.push({ lineId: line.lineId, amountSen: d.amountSen, actorId: d.actorId, reason: d.reason });
    return {
      ...line,
      status: 'payable' as const,
      amountSen: d.amountSen,
      inputs: { ...line.inputs, decidedBy: d.actorId, decisionReason: d.reason.slice(0, 200) },
      explanation: `${line.explanation} Amount decided by an officer: ${formatRinggit(d.amountSen)}.`.slice(0, 1000),
    };
  });
  if (decisions.length === 0) return { award, decisions };
  const totalSen = lines.reduce((n, l) => n + l.amountSen, 0);
  return { award: { ...award, lines, totalSen }, decisions };
}

/** Waits for the approval, reminding at each interval and escalating once when it is overdue. */
async function waitWithReminders(
  state: ClaimState,
  cfg: ClaimWorkflowConfig,
  award: StoredAward,
  approved: () => boolean
): Promise<void> {
  const dueAt = Date.now() + msToNumber(cfg.approvalOverdueAfter);
  const interval = msToNumber(cfg.approvalReminderInterval);
  let escalated = false;
  let reminders = 0;
  for (;;) {
    const wait = escalated ? interval : Math.min(interval, dueAt - Date.now());
    if (await condition(approved, Math.max(1, wait))) return;
    if (!escalated && Date.now() >= dueAt) {
      escalated = true;
      log.warn('award approval overdue', { claimId: state.claim.claimId, awardId: award.awardId });
      state.breachSla('APPROVAL_OVERDUE');
      await state.emit('sla-breached', 'awaiting-approval', 'The second-officer approval is overdue; escalated.', {
        awardId: award.awardId,
        approvalDueAt: new Date(dueAt).toISOString(),
      });
      continue;
    }
    reminders += 1;
    await state.emit(
      'approval-required',
      'awaiting-approval',
      `Reminder ${reminders}: award ${award.awardId} (${formatRinggit(award.totalSen)}) still waits for a second officer.`,
      {
        awardId: award.awardId,
        totalSen: award.totalSen,
        authorityLimitSen: cfg.authorityLimitSen,
        reminder: reminders,
      }
    );
  }
}
