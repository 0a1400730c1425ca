import { loadRateTables } from '../benefits/tables';
import { addDays } from '../../schemas/common/calendar';
import { EngineParams, type EngineParamsInput } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { PaymentInstructionV1 } from '../../schemas/events/payment-instruction.v1';
import { paymentIdFor } from '../../schemas/payments/ids';
import { BreakdownLine } from '../../schemas/payments/payment-parts';
import { PeriodicAwardEventV1 } from '../../schemas/periodic/award-event.v1';
import { Topics, type Topic } from '../../schemas/topics';
import { deterministicEventId } from '../claims/event-ids';
import type { EventPublisher } from '../claims/ports';
import { periodicWorkflowId } from '../../workflows/periodic/ids';
import { entitledPeriod, periodAmount } from './amounts';
import { paymentDateFor } from './calendar';
import { recomputeDependantShares } from './dependant-shares';
import { offsetRecovery, overpaidAfter } from './overpayment';
import { reassessPaid } from './reassessment';
import type { AuditEntry, AuditLog, PeriodicLedger, SiblingNotifier } from './ports';
import type { PeriodicTerms } from './terms';
import type {
  AwardEventInput,
  IssuePeriodicPaymentInput,
  IssuePeriodicPaymentResult,
  PeriodicLineRef,
  RecomputeSharesInput,
  EstateArrearsInput,
  MarkSiblingStoppedInput,
  ReassessPaidInput,
  ReassessPaidResult,
  RecordOverpaymentInput,
  ResendPaymentInput,
  SiblingRateChange,
} from './types';

export type * from './types';
export type * from './ports';

/** The ports of the periodic-award activities (STYLE H5). */
export interface PeriodicActivityDeps {
  periodicLedger: PeriodicLedger;
  audit: AuditLog;
  events: EventPublisher;
  /** Sends rate changes to sibling workflows; without it, recomputed shares are only returned (and evented). */
  siblings?: SiblingNotifier;
  tables?: Readonly<RateTables>;
  /** Engine parameters: `payment.*` and `revision.extraRounds` (cost-of-living rounds from a date). */
  params?: EngineParamsInput;
  topicName?: (topic: Topic) => string;
}

/** A line's terms as the amount functions take them. */
export function termsOf(line: PeriodicLineRef): PeriodicTerms {
  const t = line.terms;
  return {
    benefitType: line.benefitType,
    rate: t.rate,
    rateAsOf: t.rateAsOf,
    benefitStartDate: t.benefitStartDate,
    ruleIds: t.ruleIds,
    rateTableVersions: t.rateTableVersions,
    rateChanges: t.rateChanges,
    ...(t.rateBeforeMinimum !== undefined ? { rateBeforeMinimum: t.rateBeforeMinimum } : {}),
    ...(t.minimumPensionPct !== undefined ? { minimumPensionPct: t.minimumPensionPct } : {}),
    ...(t.shareFraction !== undefined ? { shareFraction: t.shareFraction } : {}),
  };
}

/**
 * The periodic-award workflow's activities: amounts (A's pure functions on the dated tables, so a new revision round
 * or minimum changes amounts from its date without workflow changes), ledger-first payment instructions, re-sends,
 * overpayment adjustments, award events, the audit trail and the dependants' share recomputation.
 */
export function createPeriodicActivities(deps: PeriodicActivityDeps) {
  const tables = deps.tables ?? loadRateTables();
  const params = EngineParams.parse(deps.params ?? {});
  const topic = deps.topicName ?? ((t: Topic) => t);
  const ledger = deps.periodicLedger;

  async function publishInstruction(instruction: PaymentInstructionV1): Promise<void> {
    await deps.events.publish(topic(Topics.PaymentsInstructions), instruction.claimId, JSON.stringify(instruction), {
      'payment-id': instruction.paymentId,
      'event-id': instruction.eventId,
    });
    await ledger.markPublished(instruction.paymentId);
  }

  /**
   * Records one adjustment of `line` in the ledger under the deterministic id `<awardId>:<beneficiaryId>:<kind>:<at>`
   * (a retried activity finds it and records nothing new); returns that id. `amountSen` < 0 is owed back by the
   * recipient, > 0 owed to them.
   */
  async function recordAdjustment(
    line: PeriodicLineRef,
    kind: 'recovery' | 'estate' | 'reassessed' | 'revised',
    at: string,
    entry: { amountSen: number; lines: BreakdownLine[]; reason: string; recordedAt: string }
  ): Promise<string> {
    const adjustmentId = `${line.awardId}:${line.beneficiaryId}:${kind}:${at}`;
    const { claimId, awardId, beneficiaryId } = line;
    await ledger.recordAdjustment({ adjustmentId, claimId, awardId, beneficiaryId, ...entry });
    return adjustmentId;
  }

  /** The paid periods of `input.paid` the current tables pay differently (none: nothing changed since). */
  function revisePaid(input: IssuePeriodicPaymentInput, month: string) {
    // Periods running past a stop are the overpayment check's (what was paid against what was due to the stop).
    const paid = (input.paid ?? []).filter(
      (p) => p.period.from < `${month}-01` && (input.stopDate === undefined || p.period.to <= input.stopDate)
    );
    const from = paid.map((p) => p.period.from).sort()[0];
    if (from === undefined) return { deltaSen: 0, periods: [], lines: [] };
    return reassessPaid(termsOf(input.line), paid, from, tables, params, 'a revision of the rates');
  }

  return {
    /** PAY-CAL-001: the payment date of the instalment for `month` (YYYY-MM). */
    async periodicPaymentDate(month: string): Promise<string> {
      return paymentDateFor(month);
    },

    /**
     * Computes and issues one instruction for `months` (PAY-MON-001 each, PAY-ARR-001 when more than one: one
     * breakdown line per month or rate segment), less any debt (PAY-OVP-001). Ledger first under the paymentId of
     * the last month, then Kafka; a retry or a second call finds the entry and publishes nothing new.
     */
    async issuePeriodicPayment(input: IssuePeriodicPaymentInput): Promise<IssuePeriodicPaymentResult> {
      const { line } = input;
      const terms = termsOf(line);
      const month = input.months.at(-1);
      if (month === undefined) throw new RangeError('no month to pay');
      const periods: IssuePeriodicPaymentResult['periods'] = [];
      const breakdown: BreakdownLine[] = [];
      const months: string[] = [];
      for (const m of input.months) {
        const period = entitledPeriod(m, line.terms.benefitStartDate, input.stopDate);
        if (!period) continue;
        const amount = periodAmount(terms, period, tables, params);
        if (amount.amountSen <= 0) continue;
        periods.push({ period, amountSen: amount.amountSen });
        breakdown.push(...amount.breakdown);
        months.push(m);
      }
      // Arrears for periods already paid (a change reaching back into them) go out with this instalment.
      const topUps = (input.topUpLines ?? []).map((l) => BreakdownLine.parse(l));
      // A revision of the tables effective before it was loaded: paid periods are paid the difference, or recover it.
      const revision = revisePaid(input, month);
      let debtSen = input.debtSen;
      if (revision.deltaSen > 0) topUps.push(...revision.lines);
      if (revision.deltaSen < 0) {
        await recordAdjustment(line, 'revised', month, {
          amountSen: revision.deltaSen,
          lines: revision.lines,
          reason: `Paid periods revised before the instalment for ${month}.`,
          recordedAt: input.issuedAt,
        });
        debtSen += -revision.deltaSen;
      }
      const revised = revision.periods.filter((p) => p.dueSen !== p.paidSen);
      breakdown.unshift(...topUps);
      const dueSen = breakdown.reduce((s, l) => s + l.amountSen, 0);
      const offset = offsetRecovery(dueSen, debtSen);
      const nothing = {
        month,
        months,
        periods,
        amountSen: 0,
        recoveredSen: offset.recoveredSen,
        ...(revised.length > 0 ? { revised } : {}),
      };
      if (offset.paySen <= 0) return { ...nothing, debtSen: offset.debtSen, status: 'nothing-due' };
      if (offset.recoveredSen > 0) scaleDownLast(breakdown, offset.recoveredSen, params.payment.overpaymentRecovery);
      const froms = [...topUps.map((l) => l.period.from), ...periods.map((p) => p.period.from)].sort();
      const tos = [...topUps.map((l) => l.period.to), ...periods.map((p) => p.period.to)].sort();
      const first = froms[0] ?? `${month}-01`;
      const last = tos.at(-1) ?? first;
      const paymentId = paymentIdFor(line.awardId, line.beneficiaryId, month);
      const instruction = PaymentInstructionV1.parse({
        schemaVersion: 1,
        eventId: deterministicEventId(`${Topics.PaymentsInstructions}:${paymentId}`),
        paymentId,
        claimId: line.claimId,
        awardId: line.awardId,
        beneficiaryId: line.beneficiaryId,
        benefitType: line.benefitType,
        month,
        amountSen: offset.paySen,
        period: { from: first, to: last },
        breakdown: breakdown.filter((l) => l.amountSen > 0),
        // PAY-BANK-001: the month is paid into the recipient's bank account from form BKA-1 (the payee).
        payee: input.payee,
        issuedAt: input.issuedAt,
        ...(input.valueDate !== undefined ? { valueDate: input.valueDate } : {}),
      });
      const entry = await ledger.record(instruction);
      if (!entry.published) await publishInstruction(entry.instruction);
      return {
        paymentId,
        month,
        months,
        periods,
        amountSen: entry.instruction.amountSen,
        recoveredSen: offset.recoveredSen,
        debtSen: offset.debtSen,
        ...(revised.length > 0 ? { revised } : {}),
        status: entry.published ? 'already-issued' : 'issued',
      };
    },

    /**
     * Re-sends a failed or returned payment as attempt `attempt`: the same paymentId (the bank never pays it twice)
     * with a new eventId, to the new payee when given. The ledger keeps the amount and breakdown.
     */
    async resendPayment(input: ResendPaymentInput): Promise<{ paymentId: string; eventId: string }> {
      const entry = await ledger.find(input.paymentId);
      if (!entry) throw new Error(`payment ${input.paymentId} is not in the ledger`);
      const eventId = deterministicEventId(
        `${Topics.PaymentsInstructions}:${input.paymentId}:attempt-${input.attempt}`
      );
      const instruction = PaymentInstructionV1.parse({
        ...entry.instruction,
        eventId,
        ...(input.payee !== undefined ? { payee: input.payee } : {}),
        issuedAt: input.issuedAt,
      });
      const stored = await ledger.recordAttempt(instruction);
      if (!stored.published) await publishInstruction(stored.instruction);
      return { paymentId: input.paymentId, eventId };
    },

    /**
     * PAY-OVP-001: the amount paid for days after `stopDate`, recorded once in the ledger as a NEGATIVE adjustment
     * (offset against this recipient's later payments, never another's). Returns the amount to recover (≥ 0).
     */
    async recordOverpayment(input: RecordOverpaymentInput): Promise<{ amountSen: number; adjustmentId?: string }> {
      const over = overpaidAfter(termsOf(input.line), input.paid, input.stopDate, tables, params);
      if (over.amountSen <= 0) return { amountSen: 0 };
      const adjustmentId = await recordAdjustment(input.line, 'recovery', input.stopDate, {
        amountSen: -over.amountSen,
        lines: over.lines,
        reason: input.reason,
        recordedAt: input.recordedAt,
      });
      return { amountSen: over.amountSen, adjustmentId };
    },

    /**
     * PAY-STOP-001 (paid through the date of death): what was due for `months` up to the date of death and not yet
     * paid, recorded once in the ledger as a POSITIVE adjustment owed to the estate (paid when the administrator or
     * next of kin is known). Returns the amount (0: nothing was due, nothing recorded).
     */
    async recordEstateArrears(input: EstateArrearsInput): Promise<{ amountSen: number; adjustmentId?: string }> {
      const terms = termsOf(input.line);
      const lines = input.months.flatMap((m) => {
        const period = entitledPeriod(m, input.line.terms.benefitStartDate, input.dateOfDeath);
        return period ? periodAmount(terms, period, tables, params).breakdown : [];
      });
      const amountSen = lines.reduce((s, l) => s + l.amountSen, 0);
      if (amountSen <= 0) return { amountSen: 0 };
      const adjustmentId = await recordAdjustment(input.line, 'estate', input.dateOfDeath, {
        amountSen,
        lines: lines.filter((l) => l.amountSen > 0),
        reason: input.reason,
        recordedAt: input.recordedAt,
      });
      return { amountSen, adjustmentId };
    },

    /**
     * PAY-ARR-001 / PAY-OVP-001: a rate change effective on `from` reaches back into periods already paid. Recomputes
     * them ({@link reassessPaid}); an overpayment is recorded once in the ledger as a NEGATIVE adjustment (a debt
     * offset against this recipient's later payments), an underpayment comes back as arrears lines for the next
     * instalment.
     */
    async reassessPaidPeriods(input: ReassessPaidInput): Promise<ReassessPaidResult> {
      const r = reassessPaid(termsOf(input.line), input.paid, input.from, tables, params);
      if (r.deltaSen >= 0) return { deltaSen: r.deltaSen, periods: r.periods, topUpLines: r.lines };
      const adjustmentId = await recordAdjustment(input.line, 'reassessed', input.from, {
        amountSen: r.deltaSen,
        lines: r.lines,
        reason: input.reason,
        recordedAt: input.recordedAt,
      });
      return { deltaSen: r.deltaSen, periods: r.periods, topUpLines: [], adjustmentId };
    },

    /** Publishes one periodic award event on `awards.events` (key: the workflow id; derived event id). */
    async publishAwardEvent(input: AwardEventInput): Promise<string> {
      const { kind = 'periodic-award', ...rest } = input;
      const event = PeriodicAwardEventV1.parse({
        schemaVersion: 1,
        kind,
        eventId: deterministicEventId(`${Topics.AwardsEvents}:${input.workflowId}:${input.sequence}`),
        ...rest,
      });
      await deps.events.publish(topic(Topics.AwardsEvents), event.workflowId, JSON.stringify(event), {
        'event-id': event.eventId,
        'event-type': event.kind,
      });
      return event.eventId;
    },

    /** Writes one operator action to the audit collection (idempotent on `auditId`). */
    async writeAudit(entry: AuditEntry): Promise<void> {
      await deps.audit.write(entry);
    },

    /**
     * An operator stopped a member's share: each other member's workflow records it (`recordSiblingStopped`), so a
     * later recomputation counts that member as stopped and sends it nothing. A sibling that refuses (stopped
     * itself) or has closed is recorded on its audit trail and counts as done. Returns each sibling's outcome.
     */
    async markSiblingStopped(input: MarkSiblingStoppedInput): Promise<{ workflowId: string; outcome: string }[]> {
      const out: { workflowId: string; outcome: string }[] = [];
      for (const m of input.group.members) {
        if (m.beneficiaryId === input.stoppedBeneficiaryId) continue;
        const workflowId = periodicWorkflowId(m.awardId ?? input.awardId, m.beneficiaryId);
        const outcome = await deps.siblings?.siblingStopped(workflowId, {
          actorId: 'system.periodic',
          reason: input.reason.slice(0, 500),
          beneficiaryId: input.stoppedBeneficiaryId,
          lastPaidDay: input.lastPaidDay,
        });
        if (outcome === undefined) continue;
        out.push({ workflowId, outcome });
        if (outcome !== 'applied') {
          await deps.audit.write({
            auditId: `${workflowId}:sibling-stopped-${input.stoppedBeneficiaryId}-${outcome}`,
            workflowId,
            action: `sibling-stopped-${outcome}`,
            actorId: 'system.periodic',
            reason: `The stop of ${input.stoppedBeneficiaryId}'s share was not recorded: the award ${outcome === 'closed' ? 'has ended' : 'refused it'}.`,
            details: { stoppedBy: input.awardId, lastPaidDay: input.lastPaidDay, outcome },
            at: new Date().toISOString(),
          });
        }
      }
      return out;
    },

    /**
     * EI-DEP-004: a member's share stopped after `lastPaidDay`: recomputes the remaining members' shares
     * (A's recomputeDependantShares) and sends each remaining sibling workflow its new rate from the next day.
     */
    async recomputeSiblingShares(input: RecomputeSharesInput): Promise<SiblingRateChange[]> {
      const { group } = input;
      const shares = recomputeDependantShares({
        fullRate: group.fullRate,
        unit: group.unit,
        members: group.members.map((m) => ({
          ...m,
          status: input.stoppedBeneficiaryIds.includes(m.beneficiaryId) ? 'stopped' : 'active',
        })),
        dateOfDeath: group.dateOfDeath,
        tables,
        params,
        benefitType: group.benefitType,
      });
      const effectiveDate = addDays(input.lastPaidDay, 1);
      const awardOf = new Map(group.members.map((m) => [m.beneficiaryId, m.awardId ?? input.awardId]));
      const changes: SiblingRateChange[] = shares.map((s) => ({
        beneficiaryId: s.beneficiaryId,
        workflowId: periodicWorkflowId(awardOf.get(s.beneficiaryId) ?? input.awardId, s.beneficiaryId),
        change: {
          effectiveDate,
          rate: s.rate,
          ruleIds: s.ruleIds,
          reason: input.reason.slice(0, 300),
          rateAsOf: group.dateOfDeath,
        },
      }));
      for (const c of changes) {
        const outcome = await deps.siblings?.changeRate(c.workflowId, {
          actorId: 'system.periodic',
          reason: input.reason.slice(0, 500),
          change: c.change,
          stoppedBeneficiaryIds: input.stoppedBeneficiaryIds,
        });
        if (outcome === undefined) continue;
        c.outcome = outcome;
        if (outcome !== 'applied') {
          // Recorded on the sibling's audit trail: its share was not changed, and why (no personal data).
          await deps.audit.write({
            auditId: `${c.workflowId}:change-rate-${c.change.effectiveDate}-${input.stoppedBeneficiaryIds.join('+')}`,
            workflowId: c.workflowId,
            action: `sibling-rate-change-${outcome}`,
            actorId: 'system.periodic',
            reason: `Recomputed share from ${c.change.effectiveDate} not applied: the award ${outcome === 'closed' ? 'has ended' : 'refused it'}.`,
            details: { effectiveDate: c.change.effectiveDate, stoppedBy: input.awardId, outcome },
            at: new Date().toISOString(),
          });
        }
      }
      return changes;
    },
  };
}

/** Takes a recovered debt off the last breakdown lines (PAY-OVP-001), describing the offset on the line. */
function scaleDownLast(lines: BreakdownLine[], recoveredSen: number, policy: string): void {
  let left = recoveredSen;
  for (let i = lines.length - 1; i >= 0 && left > 0; i--) {
    const l = lines[i];
    if (!l) continue;
    const take = Math.min(l.amountSen, left);
    left -= take;
    lines[i] = {
      ...l,
      amountSen: (l.amountSen - take) as typeof l.amountSen,
      ruleIds: [...new Set([...l.ruleIds, 'PAY-OVP-001' as const])],
      description: `${l.description}; less ${take} sen recovered (${policy})`.slice(0, 300),
    };
  }
}

/** The periodic activity interface the workflow proxies. */
export type PeriodicActivities = ReturnType<typeof createPeriodicActivities>;
