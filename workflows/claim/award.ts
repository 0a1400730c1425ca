import { condition } from '@temporalio/workflow';
import { formatRinggit } from '../../schemas/common/money';
import { acts } from './proxies';
import type { ClaimWorkflowConfig } from './config';
import { finalAwardIdFor, nowIso, todayMyt } from './ids';
import { payOut } from './payouts';
import type { ClaimState } from './state';

/** What the award step ended with: awarded, or refused by the engine with its reason. */
export type AwardOutcome = { kind: 'awarded'; reason: string } | { kind: 'not-eligible'; reason: string; code: string };

/**
 * The award step: the engine runs in an activity over everything known (MC periods, the board's decision), less
 * the TDB already paid per period; the award is stored with its rule ids. An award above the authority limit, or one
 * the engine refers to an officer, waits for `approveAward` from a second officer (maker-checker: the maker is the
 * last officer whose input shaped the award, or `system`). Then lines are published and paid (see payOut).
 */
export async function awardStep(state: ClaimState, cfg: ClaimWorkflowConfig): Promise<AwardOutcome> {
  const { claim } = state;
  if (state.status.stage !== 'awarding') {
    await state.emit('stage-changed', 'awarding', 'Computing the award.', {});
  }
  const award = await acts.computeAward({
    claim,
    awardId: finalAwardIdFor(claim.claimId),
    scope: 'final',
    certificates: [...state.certificates],
    ...(state.decision !== undefined ? { decision: state.decision } : {}),
    asOf: todayMyt(),
    alreadyAwardedTdbSen: state.tdbAwardedSen,
    createdAt: nowIso(),
  });
  state.addFlags(award.flags);
  if (award.eligibility.outcome === 'not-eligible') {
    const reason = award.eligibility.reasons[0] ?? 'The benefit rules give no benefit for this claim.';
    return { kind: 'not-eligible', reason, code: 'NOT_ELIGIBLE' };
  }
  const total = formatRinggit(award.totalSen);
  const overLimit = award.totalSen > cfg.authorityLimitSen;
  let approvedBy: string | undefined;
  if (overLimit || award.eligibility.outcome === 'officer-review') {
    state.makerId = state.lastActorId;
    state.status.pendingApprovals = [award.awardId];
    const why = overLimit
      ? `The award of ${total} exceeds the authority limit of ${formatRinggit(cfg.authorityLimitSen)}.`
      : 'The benefit rules refer the award to an officer.';
    await state.emit('approval-required', 'awaiting-approval', `${why} A second officer must approve it.`, {
      awardId: award.awardId,
      totalSen: award.totalSen,
      authorityLimitSen: cfg.authorityLimitSen,
      makerId: state.makerId,
    });
    await condition(() => state.approval !== undefined);
    const approval = state.approval;
    if (approval === undefined) throw new Error('unreachable: approval awaited');
    await acts.recordAwardApproval({
      awardId: award.awardId,
      makerId: state.makerId,
      approverId: approval.actorId,
      reason: approval.reason,
      approvedAt: nowIso(),
    });
    state.status.pendingApprovals = [];
    approvedBy = approval.actorId;
    await state.emit('award-approved', 'awarded', `The award of ${total} was approved.`, {
      awardId: award.awardId,
      makerId: state.makerId,
      approverId: approvedBy,
    });
  }
  await payOut(state, award, approvedBy, cfg.periodic);
  if (approvedBy === undefined) {
    await state.emit('award-made', 'awarded', `Award of ${total} made.`, {
      awardId: award.awardId,
      totalSen: award.totalSen,
    });
  }
  const kinds = [...state.benefitTypes].sort().join(', ') || 'no cash benefit';
  return { kind: 'awarded', reason: `Awarded: ${kinds}.` };
}
