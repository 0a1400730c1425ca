import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { CancellationScope, ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import type { StoredAward } from '../../activities/claims';
import type { AwardLine } from '../../schemas/benefits/award';
import type { ClaimSubmittedV1 } from '../../schemas/events/claim-submitted.v1';
import type { PeriodicConfigInput, ShareGroupInput } from '../../schemas/periodic/start-input';
import { periodicAwardWorkflow } from '../periodic/periodic-award';
import { lumpSumPaymentWorkflow } from '../payments/lump-sum-payment';
import { lumpSumWorkflowId } from '../payments/ids';
import type { LumpSumPaymentInputIn } from '../../schemas/payments/lump-sum';
import { periodicInputFor } from '../periodic/start-input';
import { awardLineIdFor } from '../../schemas/payments/ids';
import { CLAIM_PATCHES } from './patches';
import { steps } from './proxies';
import { monthMyt, nowIso } from './ids';
import { beneficiaryIdFor, payeeFor } from './payees';
import type { ClaimState } from './state';

/** A line paid now: a lump sum, or TDB over a closed MC period (its amount is the period's total). */
const paidNow = (l: AwardLine): boolean =>
  l.kind === 'lump-sum' || (l.benefitType === 'temporary-disablement' && l.amountBasis === 'period-total');

/** A line this step pays or hands to a periodic workflow. */
const needsPayment = (l: AwardLine): boolean =>
  l.status === 'payable' && l.amountSen > 0 && (paidNow(l) || l.kind === 'periodic');

/** An open-ended periodic line: paid month by month by its own periodic-award workflow. */
const paidMonthly = (l: AwardLine): boolean =>
  l.kind === 'periodic' && l.amountBasis === 'per-period' && l.rate !== undefined;

/**
 * The dependants' (or survivors') pool a share line belongs to (EI-DEP-004): the full rate the engine split, the
 * date of death and every member paid from it, so the periodic workflows can recompute the shares when one stops.
 */
function shareGroupOf(
  claim: ClaimSubmittedV1,
  award: StoredAward,
  line: AwardLine,
  perLine: boolean
): ShareGroupInput | undefined {
  if (line.benefitType !== 'dependants' && line.benefitType !== 'survivors-pension') return undefined;
  const fullRate = line.benefitType === 'dependants' ? line.inputs.fullDailyRate : line.inputs.fullMonthlySen;
  const dateOfDeath = line.inputs.dateOfDeath;
  if (fullRate === undefined || typeof dateOfDeath !== 'string') return undefined;
  const members = award.lines
    .filter((l) => l.benefitType === line.benefitType && l.status === 'payable' && paidMonthly(l))
    .map((l) => ({
      beneficiaryId: beneficiaryIdFor(claim, l),
      relationship: l.relationship,
      ...(perLine ? { awardId: awardLineIdFor(award.awardId, l.lineId) } : {}),
    }));
  return {
    fullRate: String(fullRate),
    unit: line.benefitType === 'dependants' ? 'day' : 'month',
    dateOfDeath,
    benefitType: line.benefitType,
    members,
  };
}

/** The result timeout and retry schedule of the claim's periodic settings: a lump sum settles like an instalment. */
function settlementConfigOf(cfg: PeriodicConfigInput): LumpSumPaymentInputIn['config'] {
  return {
    ...(cfg.resultTimeout !== undefined ? { resultTimeout: cfg.resultTimeout } : {}),
    ...(cfg.failedRetrySchedule !== undefined ? { failedRetrySchedule: cfg.failedRetrySchedule } : {}),
  };
}

/**
 * Starts the lump sum's payment workflow `payment-<paymentId>` (abandoned: it outlives the claim) that waits for
 * the bank, re-sends a failure and holds a return for an officer. Started before means the same payment: done.
 */
async function startPaymentLife(input: LumpSumPaymentInputIn): Promise<void> {
  try {
    await startChild(lumpSumPaymentWorkflow, {
      workflowId: lumpSumWorkflowId(input.paymentId),
      args: [input],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/**
 * Turns an award into events and payments: a `benefits.awarded` event per line; a payment instruction per payable
 * lump sum (paymentId `<awardId>.<lineId>:<beneficiaryId>:<month of issue>`, so a retry cannot pay twice and two lines
 * never share one); and for a periodic line a `periodic-handover` event, and (from patch
 * `claim-starts-periodic-awards`) its periodic-award workflow as an abandoned child
 * `award-<awardId>.<lineId>-<beneficiaryId>`, which pays it monthly for as long as it is due. Claims from before patch
 * `claim-payment-id-per-line` use `<awardId>` without the line. From patch `claim-lump-sum-payment-life` each lump sum
 * gets its payment workflow `payment-<paymentId>` (failed → re-sent, then held; returned → held for new bank details;
 * operator events), the same life as a periodic instalment. A line without a known bank account is flagged
 * `BANK_DETAILS_MISSING` and left to an officer.
 */
export async function payOut(
  state: ClaimState,
  award: StoredAward,
  approvedBy?: string,
  periodicConfig?: PeriodicConfigInput
): Promise<void> {
  const { claim } = state;
  if (!state.awardIds.includes(award.awardId)) state.awardIds.push(award.awardId);
  await steps().publishBenefitAwarded({
    claimId: claim.claimId,
    awardId: award.awardId,
    asOf: award.asOf,
    lines: award.lines,
    ...(approvedBy !== undefined ? { approvedBy } : {}),
    awardedAt: nowIso(),
  });
  const perLine = award.lines.some(needsPayment) && patched(CLAIM_PATCHES.paymentIdPerLine);
  for (const line of award.lines) {
    state.benefitTypes.add(line.benefitType);
    if (line.status !== 'payable' || line.amountSen <= 0) continue;
    if (paidNow(line)) {
      const payee = payeeFor(claim, line);
      if (payee === undefined) {
        state.addFlags(['BANK_DETAILS_MISSING']);
        continue;
      }
      // Not cancellable: a withdrawal arriving while the instruction is being issued waits for it, so the claim
      // knows (and the withdrawal event says) which payments went out; the ledger makes a retry harmless.
      const paid = await CancellationScope.nonCancellable(async () => {
        const issued = await steps().issuePayment({
          claimId: claim.claimId,
          awardId: award.awardId,
          beneficiaryId: beneficiaryIdFor(claim, line),
          month: monthMyt(),
          line,
          ...(perLine ? { lineId: line.lineId } : {}),
          payee,
          issuedAt: nowIso(),
        });
        if (patched(CLAIM_PATCHES.lumpSumPaymentLife)) {
          await startPaymentLife({
            paymentId: issued.paymentId,
            claimId: claim.claimId,
            awardId: perLine ? awardLineIdFor(award.awardId, line.lineId) : award.awardId,
            beneficiaryId: beneficiaryIdFor(claim, line),
            benefitType: line.benefitType,
            amountSen: issued.amountSen,
            ...(periodicConfig !== undefined ? { config: settlementConfigOf(periodicConfig) } : {}),
          });
        }
        return issued;
      });
      state.paymentIds.push(paid.paymentId);
    } else if (line.kind === 'periodic') {
      if (paidMonthly(line) && patched(CLAIM_PATCHES.startPeriodicAwards)) {
        const payee = payeeFor(claim, line);
        if (payee === undefined) {
          state.addFlags(['BANK_DETAILS_MISSING']);
          continue;
        }
        const shareGroup = shareGroupOf(claim, award, line, perLine);
        const { workflowId, input } = periodicInputFor({
          claimId: claim.claimId,
          awardId: perLine ? awardLineIdFor(award.awardId, line.lineId) : award.awardId,
          asOf: award.asOf,
          line,
          beneficiaryId: beneficiaryIdFor(claim, line),
          payee,
          firstMonth: monthMyt(),
          ...(periodicConfig !== undefined ? { config: periodicConfig } : {}),
          ...(shareGroup !== undefined ? { shareGroup } : {}),
        });
        try {
          await startChild(periodicAwardWorkflow, {
            workflowId,
            args: [input],
            parentClosePolicy: ParentClosePolicy.ABANDON,
          });
        } catch (err) {
          // Started before (this award was paid out once already): the running award keeps paying.
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        }
      }
      await state.emit(
        'periodic-handover',
        state.status.stage,
        `Periodic ${line.benefitType} handed to its payment workflow.`,
        {
          awardId: award.awardId,
          lineId: line.lineId,
          benefitType: line.benefitType,
          beneficiaryId: beneficiaryIdFor(claim, line),
          amountSen: line.amountSen,
          startDate: line.startDate ?? null,
        }
      );
    }
  }
}
