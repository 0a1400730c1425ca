import type { Kafka } from 'kafkajs';
import type { PaymentResultStore } from '../../infra/mongo/payment-results';
import { Topics } from '../../schemas/topics';
import { createHandlerConsumer, type ConsumerPolicy } from '../kafka-handler-consumer';
import {
  handlePaymentResult,
  newPaymentResultCounters,
  type PaymentResultCounters,
  type PaymentResultSignaller,
} from './handle-payment-result';

/** Dead-letter topic for `payments.results` messages that cannot be read. */
export const PAYMENTS_RESULTS_DLQ_TOPIC = 'payments.results.dlq';

/** Options of the results consumer; tests override topics and group to isolate by name. */
export interface PaymentResultsConsumerOptions {
  /** The poison-message policy and crash handling (KAFKA_MAX_ATTEMPTS; the entry point exits on a crash). */
  policy?: ConsumerPolicy;
  kafka: Kafka;
  store: PaymentResultStore;
  signaller: PaymentResultSignaller;
  groupId?: string;
  sourceTopic?: string;
  dlqTopic?: string;
  /** Called with the counters after each batch (for logs); never receives message contents. */
  onBatch?: (counters: Readonly<PaymentResultCounters>) => void;
}

/** A running results consumer. */
export interface PaymentResultsConsumer {
  readonly counters: Readonly<PaymentResultCounters>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Consumes `payments.results`: each result is stored and signalled to its periodic workflow ({@link handlePaymentResult}). */
export function createPaymentResultsConsumer(options: PaymentResultsConsumerOptions): PaymentResultsConsumer {
  const counters = newPaymentResultCounters();
  const consumer = createHandlerConsumer({
    ...options.policy,
    kafka: options.kafka,
    groupId: options.groupId ?? 'payment-results',
    topics: [options.sourceTopic ?? Topics.PaymentsResults],
    dlqTopic: options.dlqTopic ?? PAYMENTS_RESULTS_DLQ_TOPIC,
    handle: (source, dlq) =>
      handlePaymentResult(source, { store: options.store, signaller: options.signaller, dlq, counters }),
    onBatch: () => options.onBatch?.(counters),
  });
  return { counters, start: consumer.start, stop: consumer.stop };
}

/** The counters as one log line. */
export const paymentResultsLogLine = (c: Readonly<PaymentResultCounters>): string =>
  `payment-results received=${c.received} signalled=${c.signalled} no-workflow=${c.noWorkflow} ` +
  `duplicate=${c.duplicate} dead-lettered=${c.deadLettered}`;
