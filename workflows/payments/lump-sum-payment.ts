import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { z } from 'zod';
import { formatZodIssues } from '../../schemas/common/errors';
import { PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import { FailureType } from '../../schemas/failures';
import {
  LumpSumPaymentInput,
  type LumpSumPaymentInputIn,
  type LumpSumPaymentStatus,
} from '../../schemas/payments/lump-sum';
import type { PeriodicAwardEventType } from '../../schemas/periodic/award-event.v1';
import { ChangeBankAccountInput, ResumeAwardInput } from '../../schemas/periodic/operator-inputs';
import type { Payee } from '../../schemas/payments/payment-parts';
import type { AwardStatus } from '../../schemas/periodic/status';
import { AwardStatusKey, BenefitTypeKey } from '../search-attributes';
import { paySteps } from './proxies';
import {
  changePaymentBankAccountUpdate,
  getPaymentStatusQuery,
  paymentResultSignal,
  retryPaymentUpdate,
} from './messages';
import { settlePayment, type AttemptSummary, type BankAnswer, type SettlementConfig } from './settlement';

const nowIso = (): string => new Date().toISOString();

function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw ApplicationFailure.nonRetryable(formatZodIssues(result.error).join('; '), FailureType.InvalidInput);
  }
  return result.data;
}

/**
 * One lump sum's payment, after the claim workflow issued it (workflow id `payment-<paymentId>`, started as an
 * abandoned child, so it outlives the claim). It gives a lump sum the same life as a periodic instalment
 * (workflows/payments/settlement.ts): wait for the bank; paid ends it; failed is re-sent on the retry schedule and
 * then held; returned is held until new bank details; a hold and an overdue answer raise operator events on
 * `awards.events` (kind `lump-sum-payment`), and the search attribute `AwardStatus` shows `suspended` while held, so
 * the Temporal UI lists every held payment. An officer releases a hold with `changeBankAccount` (re-sent to the new
 * payee) or `retryPayment`; both are audited. The bank may answer before this workflow exists, so it first reads the
 * answers already stored.
 */
export async function lumpSumPaymentWorkflow(raw: LumpSumPaymentInputIn): Promise<LumpSumPaymentStatus> {
  const input = parse(LumpSumPaymentInput, raw);
  const { paymentId } = input;
  const workflowId = workflowInfo().workflowId;
  const summary: AttemptSummary = { paymentId, attempts: 1, result: 'pending' };
  const results: LumpSumPaymentStatus['results'] = [];
  let answer: BankAnswer | undefined;
  let state: LumpSumPaymentStatus['state'] = 'sent';
  let holdReason: LumpSumPaymentStatus['holdReason'];
  let overdue = false;
  let holds = 0;
  let release: { payee?: Payee } | undefined;
  let sequence = 0;
  let auditSeq = 0;

  const snapshot = (): LumpSumPaymentStatus => ({
    paymentId,
    claimId: input.claimId,
    awardId: input.awardId,
    beneficiaryId: input.beneficiaryId,
    benefitType: input.benefitType,
    amountSen: input.amountSen,
    state,
    ...(holdReason !== undefined ? { holdReason } : {}),
    overdue,
    attempts: summary.attempts,
    holds,
    results: results.map((r) => ({ ...r })),
  });

  const awardStatus = (): AwardStatus => (state === 'paid' ? 'stopped' : state === 'held' ? 'suspended' : 'active');

  function publishVisibility(): void {
    upsertSearchAttributes([
      { key: AwardStatusKey, value: awardStatus() },
      { key: BenefitTypeKey, value: input.benefitType },
    ]);
    upsertMemo({ summary: { paymentId, state, holdReason: holdReason ?? null, attempts: summary.attempts } });
  }

  async function emit(
    type: PeriodicAwardEventType,
    reason: string,
    details: Record<string, string | number | boolean | null> = {},
    operator = false
  ): Promise<void> {
    sequence += 1;
    await paySteps().publishAwardEvent({
      kind: 'lump-sum-payment',
      workflowId,
      sequence,
      claimId: input.claimId,
      awardId: input.awardId,
      beneficiaryId: input.beneficiaryId,
      benefitType: input.benefitType,
      type,
      status: awardStatus(),
      operator,
      reason,
      details: { paymentId, amountSen: input.amountSen, attempt: summary.attempts, ...details },
      occurredAt: nowIso(),
    });
  }

  async function audit(action: string, actorId: string, reason: string): Promise<void> {
    auditSeq += 1;
    await paySteps().writeAudit({
      auditId: `${workflowId}:${auditSeq}`,
      workflowId,
      action,
      actorId,
      reason,
      details: { paymentId, attempt: summary.attempts },
      at: nowIso(),
    });
  }

  /** A bank answer, from the signal or from the store at start: a repeat is ignored, and paid stays paid. */
  function receive(r: PaymentResultV1): void {
    if (results.some((x) => x.eventId === r.eventId)) return;
    results.push({ eventId: r.eventId, status: r.status, settledAt: r.settledAt });
    if (answer === 'paid') return;
    answer = r.status;
  }

  setHandler(getPaymentStatusQuery, snapshot);
  setHandler(paymentResultSignal, (rawResult) => {
    const parsed = PaymentResultV1.safeParse(rawResult);
    if (parsed.success && parsed.data.paymentId === paymentId) receive(parsed.data);
  });
  /** Validator: an officer acts on a held payment only, so a refused update never reaches history. */
  const whileHeld = <S extends z.ZodType>(schema: S) => ({
    validator: (arg: z.infer<S>) => {
      parse(schema, arg);
      if (state !== 'held') {
        throw ApplicationFailure.nonRetryable(`the payment is ${state}, not held`, FailureType.InvalidState);
      }
    },
  });
  setHandler(
    changePaymentBankAccountUpdate,
    async (arg) => {
      const i = parse(ChangeBankAccountInput, arg);
      await audit('change-bank-account', i.actorId, i.reason);
      // Released after the event: the main loop's `payment-retried` then follows it on `awards.events`.
      await emit('bank-account-changed', i.reason);
      release = { payee: i.payee };
      return snapshot();
    },
    whileHeld(ChangeBankAccountInput)
  );
  setHandler(
    retryPaymentUpdate,
    async (arg) => {
      const i = parse(ResumeAwardInput, arg);
      await audit('retry-payment', i.actorId, i.reason);
      release = {};
      return snapshot();
    },
    whileHeld(ResumeAwardInput)
  );

  publishVisibility();
  for (const r of await paySteps().paymentResultsOf(paymentId)) receive(r);
  await emit('payment-issued', `Lump sum ${input.benefitType} sent to the bank.`);

  const hold = async (reason: 'payment-returned' | 'payment-failed', event: PeriodicAwardEventType, text: string) => {
    state = 'held';
    holdReason = reason;
    holds += 1;
    publishVisibility();
    await emit(event, text, {}, true);
  };

  for (;;) {
    const outcome = await settlePayment(summary, input.config as SettlementConfig, {
      answer: () => {
        if (answer !== undefined) overdue = false;
        return answer;
      },
      clearAnswer: () => {
        answer = undefined;
      },
      resend: async (attempt) => {
        await paySteps().resendPayment({ paymentId, attempt, issuedAt: nowIso() });
        await emit('payment-retried', `Failed payment re-sent (attempt ${attempt}).`);
      },
      onOverdue: async () => {
        overdue = true;
        await emit('payment-result-overdue', `No bank result for ${paymentId} yet.`, {}, true);
      },
      onReturned: () => hold('payment-returned', 'payment-returned', 'Payment returned: held until new bank details.'),
      onHold: (attempts) => hold('payment-failed', 'payment-on-hold', `Payment failed ${attempts} times: on hold.`),
    });
    if (outcome === 'paid') break;
    // Overdue: the operator was told; the wait goes on, with another event after each further timeout.
    if (outcome === 'overdue') continue;
    await condition(() => release !== undefined || answer === 'paid');
    if (answer === 'paid') break;
    const payee = release?.payee;
    release = undefined;
    answer = undefined;
    summary.attempts += 1;
    summary.result = 'pending';
    state = 'sent';
    holdReason = undefined;
    publishVisibility();
    await paySteps().resendPayment({
      paymentId,
      attempt: summary.attempts,
      ...(payee !== undefined ? { payee } : {}),
      issuedAt: nowIso(),
    });
    await emit('payment-retried', `Held payment re-sent (attempt ${summary.attempts}).`);
  }

  state = 'paid';
  holdReason = undefined;
  publishVisibility();
  await emit('payment-paid', 'Paid by the bank.');
  await condition(allHandlersFinished);
  return snapshot();
}
