import type { KafkaMessage } from 'kafkajs';
import { PaymentInstruction } from '../../schemas/events/payment-instruction.v1';
import type { PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import { deadLetterRecord, decodeJson, type DeadLetterWriter } from '../kafka-messages';
import { bankReferenceFor, decideOutcome, deterministicUuid, type BankRates } from './outcome';
import type { BankTransferStore } from './transfer-store';

/** What became of one instruction message: each ends as exactly one of these. */
export type BankOutcome = 'paid' | 'failed' | 'returned' | 'resent' | 'dead-lettered';

/** Publishes one answer on `payments.results` (key paymentId); throws if the write failed. */
export interface ResultPublisher {
  publish(result: PaymentResultV1): Promise<void>;
}

/** Running totals of the simulated bank; never message contents. */
export interface BankCounters {
  /** Messages that reached an outcome: paid + failed + returned + resent + deadLettered. */
  received: number;
  paid: number;
  failed: number;
  returned: number;
  /** A stored answer sent again: a repeated eventId, or a payment paid before. */
  resent: number;
  deadLettered: number;
}

/** Fresh counters, all zero. */
export const newBankCounters = (): BankCounters => ({
  received: 0,
  paid: 0,
  failed: 0,
  returned: 0,
  resent: 0,
  deadLettered: 0,
});

/** What the bank handler needs. `delayMs` makes a new attempt take that long, like a real bank. */
export interface BankPorts {
  store: BankTransferStore;
  publisher: ResultPublisher;
  dlq: DeadLetterWriter;
  counters: BankCounters;
  rates: BankRates;
  delayMs?: number;
  now?: () => Date;
}

const header = (message: KafkaMessage, name: string): string | undefined => {
  const v = message.headers?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.toString();
};

/**
 * The simulated bank for one `payments.instructions` message: validate (invalid → DLQ with the reason and the
 * original bytes), answer from the bank's memory or decide a new attempt ({@link decideOutcome}), store it, then
 * publish the answer. Storing before publishing makes a crash in between harmless: the redelivered instruction
 * re-sends the stored answer with the same eventId, which the results consumer drops as a duplicate. A payment
 * already paid is never paid again; its `paid` answer is re-sent instead.
 */
export async function handlePaymentInstruction(
  source: { topic: string; partition: number; message: KafkaMessage },
  ports: BankPorts
): Promise<BankOutcome> {
  const { message } = source;
  const decoded = decodeJson(PaymentInstruction, message.value);
  let reason: string | undefined;
  if (!decoded.ok) reason = decoded.reason;
  else if (message.key !== null && message.key.toString('utf8') !== decoded.data.claimId) {
    reason = 'key: the message key must equal claimId';
  } else if ((header(message, 'payment-id') ?? decoded.data.paymentId) !== decoded.data.paymentId) {
    reason = 'header payment-id: must equal paymentId';
  }
  if (!decoded.ok || reason !== undefined) {
    await ports.dlq.write(deadLetterRecord(source, reason ?? 'invalid'));
    ports.counters.received += 1;
    ports.counters.deadLettered += 1;
    return 'dead-lettered';
  }
  const instruction = decoded.data;
  const now = ports.now ?? (() => new Date());
  const answer = await ports.store.answer({
    paymentId: instruction.paymentId,
    instructionEventId: instruction.eventId,
    month: instruction.month,
    amountSen: instruction.amountSen,
    decide: async () => {
      if (ports.delayMs) await new Promise((r) => setTimeout(r, ports.delayMs));
      const decision = decideOutcome(
        {
          paymentId: instruction.paymentId,
          instructionEventId: instruction.eventId,
          bankAccount: instruction.payee.bankAccount,
        },
        ports.rates
      );
      const base = {
        schemaVersion: 1 as const,
        eventId: deterministicUuid(`bank-result:${instruction.paymentId}:${instruction.eventId}`),
        paymentId: instruction.paymentId,
        settledAt: now().toISOString(),
        amountSen: instruction.amountSen,
      };
      return decision.status === 'paid'
        ? { ...base, status: 'paid', bankReference: bankReferenceFor(instruction.paymentId) }
        : { ...base, ...decision };
    },
  });
  await ports.publisher.publish(answer.result);
  const outcome = answer.kind === 'new' ? answer.result.status : 'resent';
  ports.counters.received += 1;
  ports.counters[outcome] += 1;
  return outcome;
}
