import { formatRinggit } from '../../schemas/common/money';
import { authorise } from './approval';
import { steps } from './proxies';
import type { ClaimWorkflowConfig } from './config';
import { finalAwardIdFor, nowIso, todayMyt } from './ids';
import { payOut } from './payouts';
import type { ClaimState } from './state';

/** What the award step ended with: awarded, or refused by the engine with its reason. */
export type AwardOutcome = { kind: 'awarded'; reason: string } | { kind: 'not-eligible'; reason: string; code: string };

/**
 * The award step: the engine runs in an activity over everything known (MC periods, the board's decision), less
 * the TDB already paid per period; the award is stored with its rule ids. It passes the authority check (see
 * authorise: above the limit, or referred by the rules, it waits for a second officer). Then lines are published
 * and paid (see payOut).
 */
export async function awardStep(state: ClaimState, cfg: ClaimWorkflowConfig): Promise<AwardOutcome> {
  const { claim } = state;
  state.finalAwardStarted = true;
  if (state.status.stage !== 'awarding') {
    await state.emit('stage-changed', 'awarding', 'Computing the award.', {});
  }
  const award = await steps().computeAward({
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
    state.recordAward(award, 'not-required');
    const reason = award.eligibility.reasons[0] ?? 'The benefit rules give no benefit for this claim.';
    return { kind: 'not-eligible', reason, code: 'NOT_ELIGIBLE' };
  }
  const { approvedBy, award: authorised } = await authorise(state, cfg, award);
  await payOut(state, authorised, approvedBy, cfg.periodic);
  if (approvedBy === undefined) {
    await state.emit('award-made', 'awarded', `Award of ${formatRinggit(award.totalSen)} made.`, {
      awardId: award.awardId,
      totalSen: award.totalSen,
    });
  }
  const kinds = [...state.benefitTypes].sort().join(', ') || 'no cash benefit';
  return { kind: 'awarded', reason: `Awarded: ${kinds}.` };
}
