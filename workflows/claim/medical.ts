import { condition, log, patched } from '@temporalio/workflow';
import { msToNumber } from '@temporalio/common/lib/time';
import { formatRinggit } from '../../schemas/common/money';
import { authorise } from './approval';
import { CLAIM_PATCHES } from './patches';
import { steps } from './proxies';
import type { ClaimWorkflowConfig } from './config';
import { assessmentIdFor, nowIso, tdbAwardIdFor, todayMyt } from './ids';
import { payOut } from './payouts';
import type { ClaimState } from './state';

/**
 * Awards TDB for each queued MC period as it comes, before the final assessment (EI-TDB-001): the engine runs over
 * every certified day so far and pays what earlier periods did not. A period the engine sends to an officer (or
 * refuses) is not paid now; the final award then covers it. A period's award passes the same authority check as
 * the final award (from patch `claim-authority-check-every-payment`): above the limit it waits for a second officer.
 */
export async function awardCertificates(state: ClaimState, cfg: ClaimWorkflowConfig): Promise<void> {
  for (let mc = state.pendingCertificates.shift(); mc !== undefined; mc = state.pendingCertificates.shift()) {
    state.certificates.push(mc);
    state.tdbAwards += 1;
    const award = await steps().computeAward({
      claim: state.claim,
      awardId: tdbAwardIdFor(state.claim.claimId, state.tdbAwards),
      scope: 'tdb-period',
      certificates: [...state.certificates],
      asOf: todayMyt(),
      alreadyAwardedTdbSen: state.tdbAwardedSen,
      createdAt: nowIso(),
    });
    if (award.eligibility.outcome !== 'eligible' || award.lines.length === 0) continue;
    state.tdbAwardedSen += award.totalSen;
    let approvedBy: string | undefined;
    if (patched(CLAIM_PATCHES.authorityOnEveryPayment)) {
      ({ approvedBy } = await authorise(state, cfg, award, state.status.stage));
    }
    await state.emit('award-made', state.status.stage, `TDB of ${formatRinggit(award.totalSen)} for MC ${mc.certId}.`, {
      awardId: award.awardId,
      amountSen: award.totalSen,
      certId: mc.certId,
    });
    await payOut(state, award, approvedBy);
  }
}

/**
 * The medical step (CLM-MB-001). Injury claims go to the Medical Board for LOEC (permanent disablement), invalidity
 * claims for certification of invalidity. Death claims skip it: there is no one to assess, and the death
 * certificate is the medical evidence. MC periods are awarded while the claim waits. When the decision is overdue,
 * the claim is escalated once (`sla-breached`, `SlaBreached`) and the medical service reminded at each interval.
 */
export async function medicalStep(state: ClaimState, cfg: ClaimWorkflowConfig): Promise<void> {
  const { claim } = state;
  await awardCertificates(state, cfg);
  if (claim.claimType === 'death') return;
  const assessmentId = assessmentIdFor(claim.claimId, 1);
  const purpose = claim.claimType === 'invalidity' ? 'invalidity' : 'permanent-disablement';
  const request = (reminder: number, reason: string) =>
    steps().requestMedicalAssessment({
      claimId: claim.claimId,
      insuredPersonId: claim.insuredPersonId,
      assessmentId,
      purpose,
      board: 'medical-board',
      reason,
      requestedAt: nowIso(),
      reminder,
      ...(state.certificates.length > 0 ? { lastTemporaryDisablementDay: lastMcDay(state) } : {}),
    });
  if (state.decision === undefined) {
    await request(0, `Assess ${purpose.replace('-', ' ')} for the claim.`);
    const dueAt = Date.now() + msToNumber(cfg.assessmentOverdueAfter);
    state.status.slaDueAt = new Date(dueAt).toISOString();
    await state.emit(
      'medical-assessment-requested',
      'awaiting-medical-assessment',
      'A Medical Board assessment was requested.',
      {
        assessmentId,
        purpose,
      }
    );
    let wakeAt = dueAt;
    let reminders = 0;
    while (state.decision === undefined) {
      const woke = await condition(
        () => state.decision !== undefined || state.pendingCertificates.length > 0,
        Math.max(1, wakeAt - Date.now())
      );
      if (woke) {
        await awardCertificates(state, cfg);
        continue;
      }
      if (!state.slaBreached) {
        state.breachSla();
        log.warn('medical assessment overdue', { claimId: claim.claimId, assessmentId });
        await state.emit('sla-breached', state.status.stage, 'The Medical Board assessment is overdue; escalated.', {
          assessmentId,
          slaDueAt: state.status.slaDueAt,
        });
      }
      reminders += 1;
      await request(reminders, `Reminder ${reminders}: the assessment is overdue since ${state.status.slaDueAt}.`);
      wakeAt = Date.now() + msToNumber(cfg.assessmentReminderInterval);
    }
  }
  await awardCertificates(state, cfg);
  const d = state.decision;
  if (d === undefined) return;
  await state.emit('medical-assessment-recorded', 'awarding', `The ${d.board} decided (${d.kind}).`, {
    assessmentId: d.assessmentId,
    kind: d.kind,
    loecBasisPoints: d.loecBasisPoints,
  });
}

function lastMcDay(state: ClaimState): string {
  return (
    state.certificates
      .map((c) => c.to)
      .sort()
      .at(-1) ?? todayMyt()
  );
}
