import { condition, log, patched } from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time';
import type { StoredAward } from '../../activities/claims';
import type { ClaimStage } from '../../schemas/claim/stage';
import { formatRinggit } from '../../schemas/common/money';
import type { ClaimWorkflowConfig } from './config';
import { nowIso } from './ids';
import { CLAIM_PATCHES } from './patches';
import { acts } from './proxies';
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
): Promise<string | undefined> {
  const why = approvalReason(award, cfg);
  if (why === undefined) {
    state.recordAward(award, 'not-required');
    return undefined;
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
  await acts.recordAwardApproval({
    awardId: award.awardId,
    makerId,
    approverId: approval.actorId,
    reason: approval.reason,
    approvedAt: nowIso(),
  });
  state.status.pendingApprovals = state.status.pendingApprovals.filter((id) => id !== award.awardId);
  state.recordAward(award, 'approved', approval.actorId);
  const text = `The award of ${formatRinggit(award.totalSen)} was approved.`;
  const approvedDetails = { awardId: award.awardId, makerId, approverId: approval.actorId };
  if (returnTo === undefined) {
    await state.emit('award-approved', 'awarded', text, approvedDetails);
  } else {
    // An interim award: the claim goes back to what it was doing (`award-approved` always means the claim is awarded).
    await state.emit('stage-changed', returnTo, `${text} The claim continues.`, approvedDetails);
  }
  return approval.actorId;
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
