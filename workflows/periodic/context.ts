import { patched, upsertMemo, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { EVENTS_IN_SEQUENCE_PATCH } from './patches';
import type { PeriodicAwardEventType } from '../../schemas/periodic/award-event.v1';
import type { PeriodicAwardInput } from '../../schemas/periodic/start-input';
import type { AwardHoldReason, AwardStatus, PeriodicAwardStatus } from '../../schemas/periodic/status';
import { AwardStatusKey, BenefitTypeKey, NextPaymentDateKey } from '../search-attributes';
import { addDays, lastDayOf } from '../../schemas/common/calendar';
import { pacts } from './proxies';
import type { PeriodicState } from './state';

/** Workflow time as ISO text. */
export const nowIso = (): string => new Date().toISOString();

/** The state and the helpers every part of the periodic workflow acts through. */
export class AwardContext {
  /** The due instant of the cycle being waited for (query and search attribute). */
  nextDueAt?: string;

  constructor(
    readonly input: PeriodicAwardInput,
    readonly state: PeriodicState
  ) {}

  get workflowId(): string {
    return workflowInfo().workflowId;
  }

  /** The line as the activities take it, with the rate changes received so far. */
  get line() {
    const { claimId, awardId, beneficiaryId, benefitType, terms } = this.input;
    return { claimId, awardId, beneficiaryId, benefitType, terms: { ...terms, rateChanges: this.state.rateChanges } };
  }

  /** The award events still being published, in sequence order (patch `periodic-award-events-in-sequence`). */
  private publishing: Promise<unknown> = Promise.resolve();

  /**
   * Publishes one award event with the next sequence number. From patch `periodic-award-events-in-sequence` each
   * event waits for the one before it, so an update handler and the main loop emitting at once still publish 7
   * before 8 (the sequence and status are taken when the event is emitted).
   */
  async emit(
    type: PeriodicAwardEventType,
    reason: string,
    details: Record<string, string | number | boolean | null> = {},
    operator = false
  ): Promise<void> {
    this.state.sequence += 1;
    const { claimId, awardId, beneficiaryId, benefitType } = this.input;
    const event = {
      workflowId: this.workflowId,
      sequence: this.state.sequence,
      claimId,
      awardId,
      beneficiaryId,
      benefitType,
      type,
      status: this.state.status,
      operator,
      reason,
      details,
      occurredAt: nowIso(),
    };
    if (!patched(EVENTS_IN_SEQUENCE_PATCH)) {
      await pacts.publishAwardEvent(event);
      return;
    }
    const published = this.publishing.then(() => pacts.publishAwardEvent(event));
    this.publishing = published.catch(() => undefined);
    await published;
  }

  /** Writes an operator action to the audit collection. */
  async audit(
    action: string,
    actorId: string,
    reason: string,
    details: Record<string, string | number | boolean | null> = {}
  ) {
    this.state.auditSeq += 1;
    await pacts.writeAudit({
      auditId: `${this.workflowId}:${this.state.auditSeq}`,
      workflowId: this.workflowId,
      action,
      actorId,
      reason,
      details,
      at: nowIso(),
    });
  }

  /** Moves the award to `status` and updates its search attributes and memo. */
  setStatus(status: AwardStatus, holdReason?: AwardHoldReason): void {
    if (status === 'suspended' && this.state.status !== 'suspended') {
      this.state.suspensions = (this.state.suspensions ?? 0) + 1;
    }
    if (status === 'active' && this.state.status === 'suspended') {
      this.state.resumptions = (this.state.resumptions ?? 0) + 1;
    }
    this.state.status = status;
    if (holdReason === undefined || status === 'active') delete this.state.holdReason;
    else this.state.holdReason = holdReason;
    this.publishVisibility();
  }

  /** Upserts AwardStatus and NextPaymentDate, and the memo summary (no personal data). */
  publishVisibility(): void {
    const s = this.state;
    upsertSearchAttributes([
      { key: AwardStatusKey, value: s.status },
      { key: BenefitTypeKey, value: this.input.benefitType },
      ...(s.status !== 'stopped' && this.nextDueAt
        ? [{ key: NextPaymentDateKey, value: new Date(this.nextDueAt) }]
        : []),
    ]);
    upsertMemo({
      summary: {
        awardId: this.input.awardId,
        benefitType: this.input.benefitType,
        status: s.status,
        holdReason: s.holdReason ?? null,
        nextMonth: s.status === 'stopped' ? null : s.nextMonth,
        paidToDate: s.paidToDate ?? null,
        cyclesCompleted: s.cyclesCompleted,
      },
    });
  }

  /** Marks `paymentId`'s periods paid through their end. */
  markPaid(paymentId: string): void {
    const s = this.state;
    for (const p of s.paidPeriods.filter((x) => x.paymentId === paymentId)) {
      if (s.paidToDate === undefined || p.period.to > s.paidToDate) s.paidToDate = p.period.to;
    }
  }

  /** The query answer. */
  snapshot(): PeriodicAwardStatus {
    const s = this.state;
    return {
      awardId: this.input.awardId,
      beneficiaryId: this.input.beneficiaryId,
      benefitType: this.input.benefitType,
      status: s.status,
      ...(s.holdReason !== undefined ? { holdReason: s.holdReason } : {}),
      ...(s.status !== 'stopped' ? { nextMonth: s.nextMonth } : {}),
      ...(s.status !== 'stopped' && this.nextDueAt !== undefined ? { nextDueAt: this.nextDueAt } : {}),
      ...(s.paidToDate !== undefined ? { paidToDate: s.paidToDate } : {}),
      unpaidMonths: [...s.unpaidMonths],
      debtSen: s.debtSen,
      ...(s.declarationDue !== undefined ? { declarationDue: s.declarationDue } : {}),
      ...(s.stopDate !== undefined ? { stopDate: s.stopDate } : {}),
      ...(s.suspendedUntilMonth !== undefined && s.status === 'suspended' && s.holdReason === 'operator'
        ? { suspendedUntilMonth: s.suspendedUntilMonth }
        : {}),
      suspensions: s.suspensions ?? 0,
      resumptions: s.resumptions ?? 0,
      cyclesCompleted: s.cyclesCompleted,
      runs: s.runs,
      lastPayments: JSON.parse(JSON.stringify(s.lastPayments)) as PeriodicAwardStatus['lastPayments'],
    };
  }

  /** The last entitled day a child's share allows, or undefined (no limit: not a child, or incapacitated). */
  childLimit(): string | undefined {
    const child = this.input.child;
    if (!child || this.state.incapacitated) return undefined;
    const beforeBirthday = addDays(child.ageLimitDate, -1);
    const study = this.state.studyUntil;
    return study !== undefined && study > beforeBirthday ? study : beforeBirthday;
  }

  /** The end of the month before `month` (used as the paid-through date of a stop by an operator). */
  static endOfMonth = lastDayOf;
}
