import { ApplicationFailure, patched, setHandler } from '@temporalio/workflow';
import type { z } from 'zod';
import { formatZodIssues } from '../../schemas/common/errors';
import { FailureType } from '../../schemas/failures';
import { PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import {
  ChangeBankAccountInput,
  ChangeRateInput,
  RecordCaaReviewInput,
  RecordDeathInput,
  RecordDeclarationInput,
  RecordMarriageInput,
  RecordSiblingStoppedInput,
  ResumeAwardInput,
  StopAwardInput,
  SuspendAwardInput,
} from '../../schemas/periodic/operator-inputs';
import type { AwardHoldReason } from '../../schemas/periodic/status';
import type { AwardContext } from './context';
import { addDays, addMonths, addMonthsToDate } from '../../schemas/common/calendar';
import { SUSPENSION_LIMIT_PATCH } from './patches';
import {
  changeBankAccountUpdate,
  changeRateUpdate,
  getAwardStatusQuery,
  paymentResultSignal,
  recordCaaReviewUpdate,
  recordDeathUpdate,
  recordDeclarationUpdate,
  recordMarriageUpdate,
  recordSiblingStoppedUpdate,
  resumeAwardUpdate,
  stopAwardUpdate,
  suspendAwardUpdate,
} from './messages';
import { lastN, SEEN_RESULT_IDS } from './state';

/** Validates an update argument with its zod contract; the failure names each bad field, never its value. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw ApplicationFailure.nonRetryable(formatZodIssues(result.error).join('; '), FailureType.InvalidInput);
  }
  return result.data;
}

function refuse(message: string): never {
  throw ApplicationFailure.nonRetryable(message, FailureType.InvalidState);
}

/** A stop the workflow body carries out: the last entitled day and why. */
export interface PendingStop {
  date: string;
  reason: AwardHoldReason;
}

/**
 * Registers the query, the payment-result signal and the operator updates. Validators reuse the zod contracts and
 * refuse updates on a stopped award, so a refused update never reaches history; each accepted update is audited
 * (actor, reason, action) by an activity before the state changes. Stops are carried out by the workflow body.
 */
export function registerHandlers(ctx: AwardContext, requestStop: (stop: PendingStop) => void): void {
  const s = ctx.state;
  const notStopped = () => {
    if (s.status === 'stopped') refuse('the award is stopped');
  };
  const validated = <S extends z.ZodType>(schema: S) => ({
    validator: (input: unknown) => {
      parse(schema, input);
      notStopped();
    },
  });

  setHandler(getAwardStatusQuery, () => ctx.snapshot());

  setHandler(paymentResultSignal, (raw) => {
    const parsed = PaymentResultV1.safeParse(raw);
    if (!parsed.success) return; // a malformed result changes nothing (the consumer dead-letters those)
    const r = parsed.data;
    if (s.seenResultIds.includes(r.eventId)) return;
    s.seenResultIds = lastN([...s.seenResultIds, r.eventId], SEEN_RESULT_IDS);
    const summary = s.lastPayments.find((p) => p.paymentId === r.paymentId);
    if (summary?.result === 'paid') return; // paid stays paid (the bank never pays twice)
    s.results[r.paymentId] = r.status;
    if (summary) summary.result = r.status;
    if (r.status === 'paid') ctx.markPaid(r.paymentId);
    // A result arriving when nobody waits for it (after the result timeout) puts the payment on hold.
    if (s.awaiting !== r.paymentId && r.status !== 'paid' && !s.held.some((h) => h.paymentId === r.paymentId)) {
      s.held.push({ paymentId: r.paymentId, attempts: summary?.attempts ?? 1, reason: r.status });
      if (s.status === 'active')
        ctx.setStatus('suspended', r.status === 'returned' ? 'payment-returned' : 'payment-failed');
    }
  });

  setHandler(
    suspendAwardUpdate,
    async (input) => {
      const i = parse(SuspendAwardInput, input);
      await ctx.audit('suspend', i.actorId, i.reason);
      const limit = ctx.input.config.suspensionMonths;
      if (s.status === 'active') {
        s.suspendedUntilMonth = addMonths(s.nextMonth, limit);
        ctx.setStatus('suspended', 'operator');
        await ctx.emit('award-suspended', i.reason, { by: 'operator' });
      } else if (s.status === 'suspended' && s.holdReason === 'operator' && patched(SUSPENSION_LIMIT_PATCH)) {
        // PAY-SUSP-001: fresh evidence extends the investigation by the limit from the current cycle.
        s.suspendedUntilMonth = addMonths(s.nextMonth, limit);
        await ctx.emit('award-suspended', i.reason, { by: 'operator', extendedUntil: s.suspendedUntilMonth });
      }
      return ctx.snapshot();
    },
    validated(SuspendAwardInput)
  );

  setHandler(
    resumeAwardUpdate,
    async (input) => {
      const i = parse(ResumeAwardInput, input);
      await ctx.audit('resume', i.actorId, i.reason);
      if (s.status === 'suspended') {
        delete s.suspendedUntilMonth;
        ctx.setStatus('active');
        if (s.held.length > 0) s.resendNow = true;
        await ctx.emit('award-resumed', i.reason, { unpaidMonths: s.unpaidMonths.length });
      }
      return ctx.snapshot();
    },
    validated(ResumeAwardInput)
  );

  setHandler(
    stopAwardUpdate,
    async (input) => {
      const i = parse(StopAwardInput, input);
      await ctx.audit('stop', i.actorId, i.reason, { lastPaidDay: i.lastPaidDay ?? null });
      requestStop({
        date: i.lastPaidDay ?? s.paidToDate ?? addDays(ctx.input.terms.benefitStartDate, -1),
        reason: 'operator',
      });
      return ctx.snapshot();
    },
    validated(StopAwardInput)
  );

  setHandler(
    changeBankAccountUpdate,
    async (input) => {
      const i = parse(ChangeBankAccountInput, input);
      await ctx.audit('change-bank-account', i.actorId, i.reason, { paidToGuardian: i.payee.paidToGuardian });
      s.payee = i.payee;
      if (s.held.length > 0) s.resendNow = true;
      if (s.status === 'suspended' && (s.holdReason === 'payment-returned' || s.holdReason === 'payment-failed')) {
        ctx.setStatus('active');
      }
      await ctx.emit('bank-account-changed', i.reason, { heldPayments: s.held.length });
      return ctx.snapshot();
    },
    validated(ChangeBankAccountInput)
  );

  setHandler(
    recordDeclarationUpdate,
    async (input) => {
      const i = parse(RecordDeclarationInput, input);
      await ctx.audit('record-declaration', i.actorId, i.reason, {
        kind: i.kind,
        receivedOn: i.receivedOn,
        validUntil: i.validUntil ?? null,
      });
      if (i.kind === 'life') {
        // A declaration from the reminder window on satisfies the due one; a late one also every year it missed.
        const due = s.declarationDue;
        if (due !== undefined && i.receivedOn >= addDays(due, -ctx.input.config.declarationReminderDays)) {
          let next = addMonthsToDate(due, 12);
          while (next <= i.receivedOn) next = addMonthsToDate(next, 12);
          s.declarationDue = next;
        }
      } else if (i.kind === 'study') s.studyUntil = i.validUntil;
      else s.incapacitated = true;
      await ctx.emit('declaration-recorded', i.reason, { kind: i.kind, nextDue: s.declarationDue ?? null });
      if (i.kind === 'life' && s.status === 'suspended' && s.holdReason === 'declaration-missing') {
        ctx.setStatus('active');
        await ctx.emit('award-resumed', 'Late declaration received: months missed are paid as arrears.', {
          unpaidMonths: s.unpaidMonths.length,
        });
      }
      return ctx.snapshot();
    },
    validated(RecordDeclarationInput)
  );

  setHandler(
    recordDeathUpdate,
    async (input) => {
      const i = parse(RecordDeathInput, input);
      await ctx.audit('record-death', i.actorId, i.reason, {
        dateOfDeath: i.dateOfDeath,
        estatePayee: i.estatePayee !== undefined,
      });
      if (i.estatePayee !== undefined) s.estatePayee = i.estatePayee;
      requestStop({ date: i.dateOfDeath, reason: 'death' });
      return ctx.snapshot();
    },
    validated(RecordDeathInput)
  );

  setHandler(
    recordMarriageUpdate,
    async (input) => {
      const i = parse(RecordMarriageInput, input);
      await ctx.audit('record-marriage', i.actorId, i.reason, { marriageDate: i.marriageDate });
      requestStop({ date: addDays(i.marriageDate, -1), reason: 'marriage' });
      return ctx.snapshot();
    },
    {
      validator: (input: unknown) => {
        parse(RecordMarriageInput, input);
        notStopped();
        // EI-DEP-005: a child's or sibling's share stops on marriage; a widow(er)'s remarriage has been ignored since
        // 1 May 2005, and a parent's or grandparent's share stops only on death.
        const r = ctx.input.relationship;
        if (r !== 'child' && r !== 'sibling') refuse(`the share of a ${r} does not stop on marriage (EI-DEP-005)`);
      },
    }
  );

  setHandler(
    recordCaaReviewUpdate,
    async (input) => {
      const i = parse(RecordCaaReviewInput, input);
      await ctx.audit('record-caa-review', i.actorId, i.reason, {
        outcome: i.outcome,
        effectiveDate: i.effectiveDate,
        nextReviewDate: i.nextReviewDate ?? null,
      });
      await ctx.emit('caa-review-recorded', i.reason, { outcome: i.outcome, effectiveDate: i.effectiveDate });
      if (i.outcome === 'stop') requestStop({ date: addDays(i.effectiveDate, -1), reason: 'caa-review' });
      return ctx.snapshot();
    },
    {
      validator: (input: unknown) => {
        parse(RecordCaaReviewInput, input);
        notStopped();
        if (ctx.input.benefitType !== 'constant-attendance') refuse('only a constant-attendance allowance is reviewed');
      },
    }
  );

  setHandler(
    changeRateUpdate,
    async (input) => {
      const i = parse(ChangeRateInput, input);
      await ctx.audit('change-rate', i.actorId, i.reason, {
        effectiveDate: i.change.effectiveDate,
        monthlyAmountSen: i.change.rate.monthlyAmountSen,
      });
      s.rateChanges = [...s.rateChanges.filter((c) => c.effectiveDate !== i.change.effectiveDate), i.change].sort(
        (a, b) => a.effectiveDate.localeCompare(b.effectiveDate)
      );
      s.stoppedSiblings = [...new Set([...s.stoppedSiblings, ...i.stoppedBeneficiaryIds])];
      // Effective inside a period already paid: the workflow body pays the difference or recovers it (PAY-ARR-001).
      const from = i.change.effectiveDate;
      if (s.paidPeriods.some((p) => p.period.to >= from) && (s.reassessFrom === undefined || from < s.reassessFrom))
        s.reassessFrom = from;
      await ctx.emit('rate-changed', i.reason, {
        effectiveDate: i.change.effectiveDate,
        monthlyAmountSen: i.change.rate.monthlyAmountSen,
      });
      return ctx.snapshot();
    },
    validated(ChangeRateInput)
  );

  setHandler(
    recordSiblingStoppedUpdate,
    async (input) => {
      const i = parse(RecordSiblingStoppedInput, input);
      await ctx.audit('sibling-stopped', i.actorId, i.reason, {
        siblingBeneficiaryId: i.beneficiaryId,
        lastPaidDay: i.lastPaidDay,
      });
      s.stoppedSiblings = [...new Set([...s.stoppedSiblings, i.beneficiaryId])];
      return ctx.snapshot();
    },
    validated(RecordSiblingStoppedInput)
  );
}
