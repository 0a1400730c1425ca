import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  patched,
  workflowInfo,
} from '@temporalio/workflow';
import { formatZodIssues } from '../../schemas/common/errors';
import { FailureType } from '../../schemas/failures';
import { PeriodicAwardInput, type PeriodicAwardInputIn } from '../../schemas/periodic/start-input';
import type { PeriodicPaymentSummary } from '../../schemas/periodic/status';
import { AwardContext, nowIso } from './context';
import { addDays, addMonths, addMonthsToDate, lastDayOf, monthsBetween } from '../../schemas/common/calendar';
import { mytMidnightMs, preparationLeadHours } from './dates';
import { registerHandlers, type PendingStop } from './handlers';
import {
  AUDIT_OVERPAYMENT_PATCH,
  CHILD_LIMIT_PATCH,
  ESTATE_ARREARS_PATCH,
  FINAL_SETTLEMENT_PATCH,
  VALUE_DATE_PATCH,
  OPERATOR_STOP_MARKS_SIBLINGS_PATCH,
  PRUNE_RESULTS_PATCH,
  REASSESS_PAID_PATCH,
  SUSPENSION_LIMIT_PATCH,
} from './patches';
import { pacts } from './proxies';
import { lastN, PAID_PERIODS_KEPT, withoutSettledResults, type PeriodicState } from './state';
import { settlePayment, type SettlementConfig } from '../payments/settlement';

export { getAwardStatusQuery } from './messages';

export * from './patches';

/** The first state of a new award: arrears months before `firstMonth`, the first declaration due date. */
function initialState(input: PeriodicAwardInput): PeriodicState {
  const startMonth = input.terms.benefitStartDate.slice(0, 7);
  const unpaidMonths: string[] = [];
  for (let m = startMonth; m < input.firstMonth; m = addMonths(m, 1)) unpaidMonths.push(m);
  let declarationDue: string | undefined;
  if (input.config.declarationsRequired) {
    declarationDue = input.firstDeclarationDue ?? addMonthsToDate(input.terms.benefitStartDate, 12);
    while (declarationDue < `${input.firstMonth}-01`) declarationDue = addMonthsToDate(declarationDue, 12);
  }
  return {
    status: 'active',
    nextMonth: input.firstMonth,
    originMs: Date.now(),
    unpaidMonths,
    paidPeriods: [],
    debtSen: 0,
    payee: input.payee,
    rateChanges: input.terms.rateChanges,
    stoppedSiblings: [],
    ...(declarationDue !== undefined ? { declarationDue } : {}),
    incapacitated: input.child?.incapacitated ?? false,
    lastPayments: [],
    seenResultIds: [],
    results: {},
    held: [],
    resendNow: false,
    sequence: 0,
    auditSeq: 0,
    cyclesCompleted: 0,
    runs: 1,
  };
}

/**
 * One periodic award line for one beneficiary (workflow id `award-<awardId>-<beneficiaryId>`, workflows/periodic/
 * ids.ts), paid monthly for as long as it lasts. Each cycle: the next month's due time (PAY-CAL-001 payment date,
 * or `config.cycle.seconds` in tests), sleep until it, then pay the month plus any months owed (arrears: backdated
 * start, suspension, late declaration) in ONE instruction (ledger first, then `payments.instructions`, paymentId
 * `<awardId>:<beneficiaryId>:<month>`), and wait for the bank's answer: failed → re-sent on
 * `config.failedRetrySchedule`, then on hold with an operator event; returned → suspended until new bank details.
 * Controls: Regulation 117 declarations (reminder, suspension after the grace period, late declaration resumes with
 * arrears), children's age limit / study / incapacity / marriage with the dependants' shares recomputed, CAA review,
 * death (stop, overpayment recovered as a negative ledger adjustment, funeral and survivors' events). Runs
 * `continueAsNew` every `config.cyclesPerRun` cycles or on the SDK's suggestion, after handlers drain.
 */
export async function periodicAwardWorkflow(
  raw: PeriodicAwardInputIn,
  carried?: PeriodicState
): Promise<PeriodicState> {
  // Bad input fails the workflow at once with the fields named (a thrown ZodError would retry the task forever).
  const parsed = PeriodicAwardInput.safeParse(raw);
  if (!parsed.success) {
    throw ApplicationFailure.nonRetryable(formatZodIssues(parsed.error).join('; '), FailureType.InvalidInput);
  }
  const input = parsed.data;
  const cfg = input.config;
  const state = carried ?? initialState(input);
  const ctx = new AwardContext(input, state);
  let pendingStop: PendingStop | undefined;
  registerHandlers(ctx, (stop) => {
    if (pendingStop === undefined || stop.date < pendingStop.date) pendingStop = stop;
  });
  if (!carried) {
    await ctx.emit('award-started', `Periodic ${input.benefitType} payments start from ${input.firstMonth}.`, {
      firstMonth: input.firstMonth,
      arrearsMonths: state.unpaidMonths.length,
    });
  }
  ctx.publishVisibility();
  let cyclesThisRun = 0;
  /** The payment date the current cycle's instruction is due on (calendar-month cycles, patch VALUE_DATE_PATCH). */
  let cycleValueDate: string | undefined;

  /** Due instant and the business date of the instalment for `month`. */
  async function dueOf(month: string): Promise<{ dueMs: number; today: string; valueDate?: string }> {
    if (cfg.cycle === 'calendar-month') {
      const payDate = await pacts.periodicPaymentDate(month);
      if (!patched(VALUE_DATE_PATCH)) return { dueMs: mytMidnightMs(payDate), today: payDate };
      // Prepared ahead, at this award's hour of the window; paid on the payment date (valueDate).
      const leadMs = preparationLeadHours(workflowInfo().workflowId, cfg.preparationWindowHours) * 3_600_000;
      return { dueMs: mytMidnightMs(payDate) - leadMs, today: payDate, valueDate: payDate };
    }
    const i = monthsBetween(input.firstMonth, month);
    return { dueMs: state.originMs + i * cfg.cycle.seconds * 1000, today: `${month}-25` };
  }

  /** Waits for the bank's answer to the current attempt of `paymentId`: the one payment life of every payment. */
  async function settle(summary: PeriodicPaymentSummary): Promise<void> {
    const { paymentId } = summary;
    state.awaiting = paymentId;
    try {
      await settlePayment(summary, cfg as SettlementConfig, {
        answer: () => state.results[paymentId],
        clearAnswer: () => delete state.results[paymentId],
        resend: async (attempt) => {
          await pacts.resendPayment({ paymentId, attempt, issuedAt: nowIso() });
        },
        onOverdue: () =>
          ctx.emit('payment-result-overdue', `No bank result for ${paymentId} yet.`, { paymentId }, true),
        onReturned: async (attempts) => {
          state.held.push({ paymentId, attempts, reason: 'returned' });
          ctx.setStatus('suspended', 'payment-returned');
          await ctx.emit(
            'payment-returned',
            'Payment returned: suspended until new bank details.',
            { paymentId },
            true
          );
        },
        onHold: async (attempts) => {
          state.held.push({ paymentId, attempts, reason: 'failed' });
          ctx.setStatus('suspended', 'payment-failed');
          await ctx.emit('payment-on-hold', `Payment failed ${attempts} times: on hold.`, { paymentId }, true);
        },
      });
    } finally {
      delete state.awaiting;
    }
  }

  /** Re-sends every held payment (to the current payee) and waits for each. */
  async function resendHeld(): Promise<void> {
    state.resendNow = false;
    const held = state.held.splice(0);
    for (const h of held) {
      const summary = state.lastPayments.find((p) => p.paymentId === h.paymentId);
      const attempts = (summary?.attempts ?? h.attempts) + 1;
      delete state.results[h.paymentId];
      state.awaiting = h.paymentId;
      await pacts.resendPayment({ paymentId: h.paymentId, attempt: attempts, payee: state.payee, issuedAt: nowIso() });
      await ctx.emit('payment-retried', `Payment ${h.paymentId} re-sent (attempt ${attempts}).`, {
        paymentId: h.paymentId,
        attempt: attempts,
      });
      if (summary) {
        summary.attempts = attempts;
        summary.result = 'pending';
        await settle(summary);
      } else delete state.awaiting;
    }
  }

  /** Pays `months` (owed months and the instalment) in one instruction and waits for the answer. */
  async function pay(months: string[]): Promise<void> {
    // The bank may answer before the activity returns: the signal handler must know this payment is awaited.
    state.awaiting = `${input.awardId}:${input.beneficiaryId}:${months.at(-1) ?? state.nextMonth}`;
    const issued = await pacts.issuePeriodicPayment({
      line: ctx.line,
      payee: state.payee,
      months,
      ...(state.stopDate !== undefined ? { stopDate: state.stopDate } : {}),
      debtSen: state.debtSen,
      ...(cycleValueDate !== undefined ? { valueDate: cycleValueDate } : {}),
      ...(state.topUpLines?.length ? { topUpLines: state.topUpLines } : {}),
      paid: state.paidPeriods.map(({ period, amountSen }) => ({ period, amountSen })),
      issuedAt: nowIso(),
    });
    for (const r of issued.revised ?? []) {
      const kept = state.paidPeriods.find((x) => x.period.from === r.period.from && x.period.to === r.period.to);
      if (kept) kept.amountSen = r.dueSen;
    }
    state.debtSen = issued.debtSen;
    state.unpaidMonths = [];
    delete state.topUpLines;
    if (issued.paymentId === undefined) {
      delete state.awaiting;
      return;
    }
    const summary: PeriodicPaymentSummary = {
      paymentId: issued.paymentId,
      month: issued.month,
      months: issued.months.length > 0 ? issued.months : [issued.month],
      amountSen: issued.amountSen,
      recoveredSen: issued.recoveredSen,
      result: 'pending',
      attempts: 1,
      issuedAt: nowIso(),
    };
    state.lastPayments = lastN([...state.lastPayments, summary], 12);
    state.paidPeriods = lastN(
      [...state.paidPeriods, ...issued.periods.map((p) => ({ paymentId: issued.paymentId as string, ...p }))],
      PAID_PERIODS_KEPT
    );
    if (issued.months.length > 1) {
      await ctx.emit('payment-issued', `Arrears of ${issued.months.length} months paid in one instruction.`, {
        paymentId: issued.paymentId,
        months: issued.months.length,
        amountSen: issued.amountSen,
      });
    }
    if (state.results[issued.paymentId] === 'paid') ctx.markPaid(issued.paymentId);
    await settle(summary);
    if (state.results[issued.paymentId] === 'paid') ctx.markPaid(issued.paymentId);
  }

  /**
   * A rate change reached back to `state.reassessFrom`, inside periods already paid: recomputes them. The difference
   * owed goes out with the next instalment; an overpayment becomes a debt offset against later payments (PAY-OVP-001).
   */
  async function reassess(until?: string): Promise<void> {
    const from = state.reassessFrom;
    delete state.reassessFrom;
    if (from === undefined) return;
    // Up to a stop: periods running past it are settled by the overpayment check against what was paid.
    const paid = state.paidPeriods.filter((p) => p.period.to >= from && (until === undefined || p.period.to <= until));
    if (paid.length === 0) return;
    const r = await pacts.reassessPaidPeriods({
      line: ctx.line,
      paid: paid.map(({ period, amountSen }) => ({ period, amountSen })),
      from,
      reason: `Rate change from ${from} reaches back into paid periods.`,
      recordedAt: nowIso(),
    });
    for (const p of r.periods) {
      const kept = state.paidPeriods.find((x) => x.period.from === p.period.from && x.period.to === p.period.to);
      if (kept) kept.amountSen = p.dueSen;
    }
    if (r.deltaSen > 0) state.topUpLines = [...(state.topUpLines ?? []), ...r.topUpLines];
    if (r.deltaSen < 0) state.debtSen += -r.deltaSen;
    if (r.deltaSen !== 0) {
      await ctx.emit(
        'rate-changed',
        r.deltaSen > 0
          ? `Rate change from ${from}: ${r.deltaSen} sen owed for periods already paid, paid with the next instalment.`
          : `Rate change from ${from}: ${-r.deltaSen} sen overpaid for periods already paid, to recover.`,
        { reassessedFrom: from, deltaSen: r.deltaSen, adjustmentId: r.adjustmentId ?? null }
      );
    }
  }

  /**
   * PAY-STOP-001: the recipient was entitled through the date of death. The months not yet issued up to it are paid
   * to the estate's payee when the death was recorded with one (and the award was not held by an operator);
   * otherwise they are recorded in the ledger as owed to the estate, with an operator event.
   */
  async function settleEstate(dateOfDeath: string): Promise<void> {
    const months = [...state.unpaidMonths];
    for (let m = state.nextMonth; m <= dateOfDeath.slice(0, 7); m = addMonths(m, 1)) months.push(m);
    const heldByOperator = state.status === 'suspended' && state.holdReason === 'operator';
    if (state.estatePayee !== undefined && !heldByOperator) {
      state.payee = state.estatePayee;
      await pay(months);
      state.nextMonth = addMonths(dateOfDeath.slice(0, 7), 1);
      return;
    }
    const owed = await pacts.recordEstateArrears({
      line: ctx.line,
      months,
      dateOfDeath,
      reason: `Due through the date of death ${dateOfDeath} and not paid: owed to the estate.`,
      recordedAt: nowIso(),
    });
    state.unpaidMonths = [];
    if (owed.amountSen > 0) {
      await ctx.emit(
        'estate-arrears-owed',
        `${owed.amountSen} sen due through ${dateOfDeath} is owed to the estate: to be paid to its administrator.`,
        { amountSen: owed.amountSen, adjustmentId: owed.adjustmentId ?? null, dateOfDeath },
        true
      );
    }
  }

  /**
   * PAY-ARR-001 at a stop: a back-dated change received since the last instalment still owes the recipient the
   * difference for paid periods up to the stop. It goes out as a final settlement under the next month's payment id
   * (a month the stopped award no longer pays), to the current payee while the award is active; a suspended award
   * keeps it for an officer (event).
   */
  async function settleArrears(stopDate: string): Promise<void> {
    await reassess(stopDate);
    const owedSen = (state.topUpLines ?? []).reduce((s, l) => s + l.amountSen, 0);
    if (owedSen <= 0) return;
    if (state.status === 'active') {
      await pay([state.nextMonth]);
      state.nextMonth = addMonths(state.nextMonth, 1);
      return;
    }
    await ctx.emit(
      'payment-on-hold',
      `${owedSen} sen of arrears owed at the stop, held while the award is ${state.holdReason ?? state.status}.`,
      { amountSen: owedSen, stopDate },
      true
    );
  }

  /** Ends the award after `stop.date`: recovers any overpayment, recomputes siblings, raises death events. */
  async function finishStop(stop: PendingStop): Promise<void> {
    state.stopDate = stop.date;
    if (stop.reason === 'death' && `${state.nextMonth}-01` <= stop.date && patched(ESTATE_ARREARS_PATCH)) {
      await settleEstate(stop.date);
    }
    if (stop.reason !== 'death' && (state.reassessFrom !== undefined || state.topUpLines?.length)) {
      if (patched(FINAL_SETTLEMENT_PATCH)) await settleArrears(stop.date);
    }
    const paidAfter = state.paidPeriods.filter((p) => p.period.to > stop.date);
    if (paidAfter.length > 0) {
      const over = await pacts.recordOverpayment({
        line: ctx.line,
        paid: paidAfter.map(({ period, amountSen }) => ({ period, amountSen })),
        stopDate: stop.date,
        reason: `Paid after the last entitled day ${stop.date} (${stop.reason}).`,
        recordedAt: nowIso(),
      });
      if (over.amountSen > 0) {
        state.debtSen += over.amountSen;
        // v2: the recovery is also in the audit trail (histories recorded before this replay without it).
        if (patched(AUDIT_OVERPAYMENT_PATCH)) {
          await ctx.audit('record-overpayment', 'system.periodic', `Overpayment after ${stop.date} to recover.`, {
            amountSen: over.amountSen,
            adjustmentId: over.adjustmentId ?? null,
            policy: 'same-recipient-only',
          });
        }
        await ctx.emit(
          'overpayment-recorded',
          `Overpaid ${over.amountSen} sen after ${stop.date}: recovery recorded (PAY-OVP-001).`,
          { amountSen: over.amountSen, adjustmentId: over.adjustmentId ?? null },
          true
        );
      }
    }
    if (state.paidToDate === undefined || state.paidToDate > stop.date) state.paidToDate = stop.date;
    ctx.setStatus('stopped', stop.reason);
    await ctx.emit('award-stopped', `Award stopped after ${stop.date} (${stop.reason}).`, {
      lastPaidDay: stop.date,
      debtSen: state.debtSen,
    });
    if (stop.reason === 'death') {
      await ctx.emit(
        'funeral-benefit-triggered',
        'Death of the recipient: funeral benefit to be claimed by the payer of the funeral (EI-FUN).',
        { dateOfDeath: stop.date },
        true
      );
      if (input.benefitType === 'invalidity-pension') {
        await ctx.emit(
          'survivors-pension-triggered',
          "Death of an invalidity pensioner: survivors' pension to the dependants (INV-SUR).",
          { dateOfDeath: stop.date },
          true
        );
      }
    }
    if (input.shareGroup && stop.reason !== 'operator') {
      await pacts.recomputeSiblingShares({
        awardId: input.awardId,
        group: input.shareGroup,
        stoppedBeneficiaryIds: [...new Set([...state.stoppedSiblings, input.beneficiaryId])],
        lastPaidDay: stop.date,
        reason: `Share of ${input.beneficiaryId} stopped after ${stop.date} (${stop.reason}); shares recomputed (EI-DEP-004).`,
      });
    }
    if (input.shareGroup && stop.reason === 'operator' && patched(OPERATOR_STOP_MARKS_SIBLINGS_PATCH)) {
      await pacts.markSiblingStopped({
        awardId: input.awardId,
        group: input.shareGroup,
        stoppedBeneficiaryId: input.beneficiaryId,
        lastPaidDay: stop.date,
        reason: `Share of ${input.beneficiaryId} stopped by an operator after ${stop.date}.`,
      });
    }
  }

  /** PAY-SUSP-001: an operator's suspension not extended or resumed by `month` lifts itself; held months follow. */
  async function checkSuspensionLimit(month: string): Promise<void> {
    const until = state.suspendedUntilMonth;
    if (state.status !== 'suspended' || state.holdReason !== 'operator' || until === undefined || month < until) return;
    if (!patched(SUSPENSION_LIMIT_PATCH)) return;
    delete state.suspendedUntilMonth;
    const reason = `Suspension limit of ${cfg.suspensionMonths} months reached without an extension (PAY-SUSP-001).`;
    await ctx.audit('resume', 'system.periodic', reason, { suspensionMonths: cfg.suspensionMonths });
    ctx.setStatus('active');
    if (state.held.length > 0) state.resendNow = true;
    await ctx.emit('award-resumed', reason, { unpaidMonths: state.unpaidMonths.length }, true);
  }

  /** PAY-DECL-001 on the cycle's business date: reminder before the due date, suspension after the grace period. */
  async function checkDeclaration(today: string): Promise<void> {
    const due = state.declarationDue;
    if (due === undefined) return;
    if (today < due && today >= addDays(due, -cfg.declarationReminderDays) && state.reminderSentFor !== due) {
      state.reminderSentFor = due;
      await ctx.emit('declaration-reminder', `Regulation 117 declaration due on ${due}.`, { due });
    }
    if (today > addDays(due, cfg.declarationGraceDays) && state.status === 'active') {
      ctx.setStatus('suspended', 'declaration-missing');
      await ctx.emit('award-suspended', `No declaration ${cfg.declarationGraceDays} days after ${due}.`, { due }, true);
    }
  }

  while (state.status !== 'stopped') {
    if (cyclesThisRun >= cfg.cyclesPerRun || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (pendingStop === undefined && !state.resendNow) {
        const next = patched(PRUNE_RESULTS_PATCH) ? withoutSettledResults(state) : state;
        return await continueAsNew<typeof periodicAwardWorkflow>(raw, { ...next, runs: state.runs + 1 });
      }
    }
    const month = state.nextMonth;
    const { dueMs, today, valueDate } = await dueOf(month);
    cycleValueDate = valueDate;
    ctx.nextDueAt = new Date(dueMs).toISOString();
    ctx.publishVisibility();
    // Sleep until due, waking for a stop or a re-send.
    for (;;) {
      const wait = dueMs - Date.now();
      const woke = await condition(() => pendingStop !== undefined || state.resendNow, wait > 0 ? wait : 1);
      if (!woke) break;
      if (pendingStop !== undefined) break;
      await resendHeld();
    }
    if (pendingStop !== undefined) {
      const stop = pendingStop;
      // A stop in the past ends the award now; one ahead (a child's marriage next month) ends it after paying to it.
      if (stop.reason === 'death' || stop.date < `${month}-01`) {
        pendingStop = undefined;
        await finishStop(stop);
        break;
      }
      state.stopDate = stop.date;
      state.stopReason = stop.reason;
      pendingStop = undefined;
      if (Date.now() < dueMs) continue; // woke early: wait for the due time again
    }
    if (state.reassessFrom !== undefined && patched(REASSESS_PAID_PATCH)) await reassess();
    const limit = ctx.childLimit();
    // v4: a study or incapacity declaration received after the age limit was first set extends the share.
    const fromLimit = state.stopReason === 'age-limit' || state.stopReason === 'end-of-study';
    if (fromLimit && state.stopDate !== limit && patched(CHILD_LIMIT_PATCH)) {
      delete state.stopDate;
      delete state.stopReason;
    }
    if (limit !== undefined && (state.stopDate === undefined || limit < state.stopDate)) {
      state.stopDate = limit;
      state.stopReason = state.studyUntil === limit ? 'end-of-study' : 'age-limit';
    }
    if (state.stopDate !== undefined && state.stopDate < `${month}-01`) {
      await finishStop({ date: state.stopDate, reason: state.stopReason ?? 'operator' });
      break;
    }
    await checkSuspensionLimit(month);
    await checkDeclaration(today);
    if (state.status === 'active') await pay([...state.unpaidMonths, month]);
    else state.unpaidMonths.push(month);
    state.nextMonth = addMonths(month, 1);
    state.cyclesCompleted += 1;
    cyclesThisRun += 1;
    if (state.stopDate !== undefined && state.stopDate <= lastDayOf(month)) {
      await finishStop({ date: state.stopDate, reason: state.stopReason ?? 'operator' });
      break;
    }
  }
  await condition(allHandlersFinished);
  log.info('periodic award stopped', { awardId: input.awardId, cycles: state.cyclesCompleted });
  return state;
}
