import type { StoredAward } from '../../activities/claims';
import type { AwardLine } from '../../schemas/benefits/award';
import { acts } from './proxies';
import { monthMyt, nowIso } from './ids';
import { beneficiaryIdFor, payeeFor } from './payees';
import type { ClaimState } from './state';

/** A line paid now: a lump sum, or TDB over a closed MC period (its amount is the period's total). */
const paidNow = (l: AwardLine): boolean =>
  l.kind === 'lump-sum' || (l.benefitType === 'temporary-disablement' && l.amountBasis === 'period-total');

/**
 * Turns an award into events and payments: a `benefits.awarded` event per line; a payment instruction per payable
 * lump sum (paymentId `<awardId>:<beneficiaryId>:<month of issue>`, so a retry cannot pay twice); and for a periodic
 * line a `periodic-handover` event for the periodic-payment workflow. A line without a known bank account is
 * flagged `BANK_DETAILS_MISSING` and left to an officer.
 */
export async function payOut(state: ClaimState, award: StoredAward, approvedBy?: string): Promise<void> {
  const { claim } = state;
  if (!state.awardIds.includes(award.awardId)) state.awardIds.push(award.awardId);
  await acts.publishBenefitAwarded({
    claimId: claim.claimId,
    awardId: award.awardId,
    asOf: award.asOf,
    lines: award.lines,
    ...(approvedBy !== undefined ? { approvedBy } : {}),
    awardedAt: nowIso(),
  });
  for (const line of award.lines) {
    state.benefitTypes.add(line.benefitType);
    if (line.status !== 'payable' || line.amountSen <= 0) continue;
    if (paidNow(line)) {
      const payee = payeeFor(claim, line);
      if (payee === undefined) {
        state.addFlags(['BANK_DETAILS_MISSING']);
        continue;
      }
      const paid = await acts.issuePayment({
        claimId: claim.claimId,
        awardId: award.awardId,
        beneficiaryId: beneficiaryIdFor(claim, line),
        month: monthMyt(),
        line,
        payee,
        issuedAt: nowIso(),
      });
      state.paymentIds.push(paid.paymentId);
    } else if (line.kind === 'periodic') {
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
