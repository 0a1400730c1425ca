import type { KafkaMessage } from 'kafkajs';
import { PaymentResult, type PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import type { PaymentResultStore, ResultDelivery } from '../../infra/mongo/payment-results';
import { deadLetterRecord, decodeJson, type DeadLetterWriter } from '../kafka-messages';

/** What became of one `payments.results` message: each ends as exactly one of these. */
export type PaymentResultOutcome = ResultDelivery | 'duplicate' | 'dead-lettered';

/**
 * Delivers a result to the workflow settling its payment (the `paymentResult` signal): a periodic award's, or a lump
 * sum's `payment-<paymentId>`. Resolves `no-workflow` when there is none (a lump sum whose workflow reads the stored
 * result when it starts, or a finished award); throws on infrastructure errors so the message is redelivered.
 */
export interface PaymentResultSignaller {
  signal(result: PaymentResultV1): Promise<ResultDelivery>;
}

/** Running totals of the results consumer; never message contents. */
export interface PaymentResultCounters {
  /** Messages that reached an outcome: signalled + noWorkflow + duplicate + deadLettered. */
  received: number;
  signalled: number;
  noWorkflow: number;
  duplicate: number;
  deadLettered: number;
}

/** Fresh counters, all zero. */
export const newPaymentResultCounters = (): PaymentResultCounters => ({
  received: 0,
  signalled: 0,
  noWorkflow: 0,
  duplicate: 0,
  deadLettered: 0,
});

/** What the results handler needs. */
export interface PaymentResultPorts {
  store: PaymentResultStore;
  signaller: PaymentResultSignaller;
  dlq: DeadLetterWriter;
  counters: PaymentResultCounters;
  now?: () => Date;
}

/**
 * One `payments.results` message (STYLE H16): validate (invalid, or a key other than the paymentId → DLQ with the
 * reason and original bytes), store it idempotently by (paymentId, eventId), signal the periodic workflow, then
 * record the delivery. A redelivery of a delivered result is a `duplicate` and signals nothing; a redelivery after
 * a crash between storing and signalling signals again (the workflow ignores a repeated eventId). Resolves only
 * after all that, so the offset is committed only then.
 */
export async function handlePaymentResult(
  source: { topic: string; partition: number; message: KafkaMessage },
  ports: PaymentResultPorts
): Promise<PaymentResultOutcome> {
  const decoded = decodeJson(PaymentResult, source.message.value);
  const key = source.message.key?.toString('utf8');
  const reason = !decoded.ok
    ? decoded.reason
    : key !== undefined && key !== decoded.data.paymentId
      ? 'key: the message key must equal paymentId'
      : undefined;
  if (!decoded.ok || reason !== undefined) {
    await ports.dlq.write(deadLetterRecord(source, reason ?? 'invalid'));
    ports.counters.received += 1;
    ports.counters.deadLettered += 1;
    return 'dead-lettered';
  }
  const result = decoded.data;
  const stored = await ports.store.record(result, (ports.now ?? (() => new Date()))());
  if (stored.delivery !== undefined) {
    ports.counters.received += 1;
    ports.counters.duplicate += 1;
    return 'duplicate';
  }
  const delivery = await ports.signaller.signal(result);
  await ports.store.markDelivered(result, delivery);
  ports.counters.received += 1;
  ports.counters[delivery === 'signalled' ? 'signalled' : 'noWorkflow'] += 1;
  return delivery;
}
