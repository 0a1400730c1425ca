import { condition, sleep } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';

/** A bank answer to one payment instruction. */
export type BankAnswer = 'paid' | 'failed' | 'returned';

/** One payment being settled: how many attempts were sent and what the bank said about the latest. */
export interface AttemptSummary {
  readonly paymentId: string;
  attempts: number;
  result: 'pending' | BankAnswer | 'on-hold';
}

/** How a payment ended its settlement. `overdue`: no answer within the result timeout (the workflow goes on). */
export type SettlementOutcome = 'paid' | 'returned' | 'on-hold' | 'overdue';

/** The settings of a settlement: the same for a lump sum and a periodic instalment. */
export interface SettlementConfig {
  /** How long to wait for the bank's answer before raising an operator event. */
  resultTimeout: Duration;
  /** Waits before each re-send of a failed payment; after the last, the payment is put on hold. */
  failedRetrySchedule: readonly Duration[];
}

/** What a workflow supplies to settle one of its payments. */
export interface SettlementHooks {
  /** The bank's latest answer to the current attempt, once the signal handler has recorded it. */
  answer(): BankAnswer | undefined;
  /** Forgets the answer before a re-send (the next answer is for the next attempt). */
  clearAnswer(): void;
  /** Sends attempt `attempt` (2, 3, ...) of the same payment id. */
  resend(attempt: number): Promise<void>;
  /** No answer within the timeout: an operator event. */
  onOverdue(): Promise<void>;
  /** Returned: held until new bank details (operator event). */
  onReturned(attempts: number): Promise<void>;
  /** Failed on every attempt of the schedule: held for an officer (operator event). */
  onHold(attempts: number): Promise<void>;
}

/**
 * The one life of a payment after it is sent, for lump sums (workflows/payments/lump-sum-payment.ts) and periodic
 * instalments (workflows/periodic/periodic-award.ts) alike: wait for the bank; `paid` ends it; `returned` holds it
 * until new bank details; `failed` is re-sent after each wait of `failedRetrySchedule` and then held for an officer.
 * Each hold raises an operator event through the hooks. The same commands in the same order as the periodic
 * workflow issued before this was shared, so its histories replay unchanged.
 */
export async function settlePayment(
  summary: AttemptSummary,
  cfg: SettlementConfig,
  hooks: SettlementHooks
): Promise<SettlementOutcome> {
  for (;;) {
    const answered = await condition(() => hooks.answer() !== undefined, cfg.resultTimeout);
    if (!answered) {
      await hooks.onOverdue();
      return 'overdue';
    }
    const answer = hooks.answer() ?? 'failed';
    summary.result = answer;
    if (answer === 'paid') return 'paid';
    if (answer === 'returned') {
      await hooks.onReturned(summary.attempts);
      return 'returned';
    }
    const delay = cfg.failedRetrySchedule[summary.attempts - 1];
    if (delay === undefined) {
      summary.result = 'on-hold';
      await hooks.onHold(summary.attempts);
      return 'on-hold';
    }
    await sleep(delay);
    hooks.clearAnswer();
    summary.attempts += 1;
    summary.result = 'pending';
    await hooks.resend(summary.attempts);
  }
}
