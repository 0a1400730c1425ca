import { log, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import type { EventDetails } from '../../schemas/claim/event-details';
import type { ApproveAward, DecideAwardLine, WithdrawClaim } from '../../schemas/claim/operator-inputs';
import type { ClaimEventType, ClaimStage } from '../../schemas/claim/stage';
import type { StoredAward } from '../../activities/claims';
import type { ClaimAwardSummary, ClaimStatus } from '../../schemas/claim/status';
import type { ClaimSubmittedV1 } from '../../schemas/events/claim-submitted.v1';
import type { MedicalBoardDecision } from '../../schemas/medical/board-decision';
import type { MedicalCertificatePeriod } from '../../schemas/medical/medical-certificate';
import { BenefitTypesKey, ClaimStageKey, OutcomeKey, SlaBreachedKey } from '../search-attributes';
import { steps } from './proxies';
import { nowIso } from './ids';

/** How a claim ended. */
export type ClaimOutcome = 'awarded' | 'rejected' | 'withdrawn';

/** The workflow's result: ids, amounts and the reason, never personal data. */
export interface ClaimResult {
  claimId: string;
  outcome: ClaimOutcome;
  reason: string;
  awardIds: string[];
  paymentIds: string[];
  benefitTypes: string[];
  lastSequence: number;
}

/**
 * The claim's state, shared by the workflow body and its message handlers (STYLE H12: handler state in a class of
 * its own). It owns the per-claim event sequence, so sequence numbers and event ids are deterministic, and it keeps
 * the `ClaimStage` search attribute and the memo in step with every event.
 */
export class ClaimState {
  readonly status: ClaimStatus;
  /** The claim as received plus every attachment provided since. */
  claim: ClaimSubmittedV1;
  /** MC periods awarded so far, and those waiting to be awarded (deduplicated by certId). */
  readonly certificates: MedicalCertificatePeriod[] = [];
  readonly pendingCertificates: MedicalCertificatePeriod[] = [];
  readonly seenCertIds = new Set<string>();
  readonly seenAssessmentIds = new Set<string>();
  decision?: MedicalBoardDecision;
  informationReceived = false;
  /** Second-officer approvals received, by award id (an MC period's TDB award or the final award). */
  readonly approvals = new Map<string, ApproveAward>();
  /** Officers' decisions on lines the rules referred to an officer, by `<awardId>/<lineId>`. */
  readonly lineDecisions = new Map<string, DecideAwardLine>();
  /** Set when the final award starts: MC periods are no longer taken after it. */
  finalAwardStarted = false;
  withdrawal?: WithdrawClaim;
  /** The last officer whose input shaped the award: the maker in maker-checker (`system` when none). */
  lastActorId = 'system';
  makerId?: string;
  tdbAwardedSen = 0;
  tdbAwards = 0;
  slaBreached = false;
  closed = false;
  outcome?: ClaimOutcome;
  readonly awardIds: string[] = [];
  readonly paymentIds: string[] = [];
  readonly benefitTypes = new Set<string>();

  constructor(claim: ClaimSubmittedV1) {
    this.claim = claim;
    for (const mc of claim.medicalCertificates) this.queueCertificate(mc);
    const now = nowIso();
    this.status = {
      claimId: claim.claimId,
      claimType: claim.claimType,
      stage: 'received',
      receivedAt: claim.submittedAt,
      updatedAt: now,
      lastSequence: 1,
      outstandingInformation: [],
      pendingApprovals: [],
      flags: [],
      awards: [],
    };
  }

  /** Records the decision that moved the claim (a verification code or the outcome's), shown by `claims status`. */
  decide(code: string, reason: string): void {
    this.status.decision = { code, reason };
  }

  /** Adds an award to the status (or updates its approval state), with its lines as an operator reads them. */
  recordAward(award: StoredAward, approval: ClaimAwardSummary['approval'], approvedBy?: string): void {
    const summary: ClaimAwardSummary = {
      awardId: award.awardId,
      scope: award.scope,
      totalSen: award.totalSen as ClaimAwardSummary['totalSen'],
      eligibility: award.eligibility.outcome,
      approval,
      ...(approvedBy !== undefined ? { approvedBy } : {}),
      lines: award.lines.map((l) => ({
        lineId: l.lineId,
        benefitType: l.benefitType,
        kind: l.kind,
        beneficiaryId: l.beneficiaryId,
        amountSen: l.amountSen,
        status: l.status,
        ruleIds: [...l.ruleIds],
      })),
    };
    const i = this.status.awards.findIndex((a) => a.awardId === award.awardId);
    if (i >= 0) this.status.awards[i] = summary;
    else this.status.awards.push(summary);
  }

  /** Queues an MC period unless its certId was seen before; returns whether it was new. */
  queueCertificate(mc: MedicalCertificatePeriod): boolean {
    if (this.seenCertIds.has(mc.certId)) return false;
    this.seenCertIds.add(mc.certId);
    this.pendingCertificates.push(mc);
    return true;
  }

  addFlags(flags: readonly string[]): void {
    for (const f of flags) if (!this.status.flags.includes(f)) this.status.flags.push(f);
  }

  /**
   * Publishes the next lifecycle event (sequence counted here, from 1) and moves the claim to `stage`. The
   * sequence is taken before the activity is awaited, so concurrent callers cannot reuse a number.
   */
  async emit(type: ClaimEventType, stage: ClaimStage, reason: string, details: EventDetails = {}): Promise<void> {
    const sequence = this.eventsPublished + 1;
    this.eventsPublished = sequence;
    const changed = stage !== this.status.stage;
    Object.assign(this.status, { stage, lastSequence: sequence, updatedAt: nowIso() });
    if (changed) upsertSearchAttributes([{ key: ClaimStageKey, value: stage }]);
    this.updateMemo();
    log.info('claim event', { claimId: this.claim.claimId, sequence, type, stage });
    await steps().publishLifecycleEvent({
      claimId: this.claim.claimId,
      sequence,
      type,
      stage,
      reason,
      details,
      occurredAt: this.status.updatedAt,
    });
  }

  private eventsPublished = 0;

  /** Marks a wait overdue (the Medical Board's by default, or an approval's): the `SlaBreached` search attribute and a flag. */
  breachSla(flag = 'MEDICAL_ASSESSMENT_OVERDUE'): void {
    this.slaBreached = true;
    this.addFlags([flag]);
    upsertSearchAttributes([{ key: SlaBreachedKey, value: true }]);
    this.updateMemo();
  }

  /** Closes the claim: the outcome and benefit types become searchable, the reason is kept on the status. */
  close(outcome: ClaimOutcome, reason: string): void {
    this.outcome = outcome;
    this.closed = true;
    this.status.closingReason = reason;
    this.status.pendingApprovals = [];
    upsertSearchAttributes([
      { key: OutcomeKey, value: outcome },
      { key: BenefitTypesKey, value: [...this.benefitTypes].sort() },
    ]);
    this.updateMemo();
  }

  /** The workflow's result. */
  result(): ClaimResult {
    return {
      claimId: this.claim.claimId,
      outcome: this.outcome ?? 'rejected',
      reason: this.status.closingReason ?? '',
      awardIds: [...this.awardIds],
      paymentIds: [...this.paymentIds],
      benefitTypes: [...this.benefitTypes].sort(),
      lastSequence: this.status.lastSequence,
    };
  }

  /** A short, non-personal summary for operators in the UI (the memo is encrypted, but holds no personal data anyway). */
  private updateMemo(): void {
    upsertMemo({
      summary: {
        stage: this.status.stage,
        lastSequence: this.status.lastSequence,
        outcome: this.outcome ?? null,
        benefitTypes: [...this.benefitTypes].sort(),
        slaBreached: this.slaBreached,
        flags: this.status.flags,
      },
    });
  }
}
