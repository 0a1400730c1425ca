import type { Kafka, Producer } from 'kafkajs';
import { waitingProducer } from '../../infra/kafka/producer-outage';
import { Topics } from '../../schemas/topics';
import { createHandlerConsumer, type ConsumerPolicy } from '../kafka-handler-consumer';
import {
  handlePaymentInstruction,
  newBankCounters,
  type BankCounters,
  type ResultPublisher,
} from './handle-instruction';
import type { BankRates } from './outcome';
import type { BankTransferStore } from './transfer-store';

/** The simulated bank's consumer group (the process appends `KAFKA_GROUP_SUFFIX`). */
export const BANK_GROUP_ID = 'simulated-bank';

/** Dead-letter topic for payment instructions the simulated bank cannot read. */
export const PAYMENTS_INSTRUCTIONS_DLQ_TOPIC = 'payments.instructions.dlq';

/** Options of the simulated bank; tests override topics and group to isolate by name. */
export interface BankConsumerOptions {
  /** The poison-message policy and crash handling (KAFKA_MAX_ATTEMPTS; the entry point exits on a crash). */
  policy?: ConsumerPolicy;
  kafka: Kafka;
  store: BankTransferStore;
  rates: BankRates;
  delayMs?: number;
  groupId?: string;
  sourceTopic?: string;
  resultsTopic?: string;
  dlqTopic?: string;
  onBatch?: (counters: Readonly<BankCounters>) => void;
}

/** A running simulated bank. */
export interface BankConsumer {
  readonly counters: Readonly<BankCounters>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The simulated bank as a Kafka process: consumes `payments.instructions` and answers each on `payments.results`
 * (key paymentId) through an idempotent producer waiting for all in-sync replicas ({@link handlePaymentInstruction}).
 * With the policy's `producerOutage`, an answer waits out a Kafka outage (KAFKA_PRODUCER_OUTAGE_MAX) before its
 * instruction counts a failed attempt.
 */
export function createBankConsumer(options: BankConsumerOptions): BankConsumer {
  const counters = newBankCounters();
  let producer: Producer | undefined;
  const resultsTopic = options.resultsTopic ?? Topics.PaymentsResults;
  const publisher: ResultPublisher = {
    async publish(result) {
      if (!producer) throw new Error('bank: results producer not connected');
      await producer.send({
        topic: resultsTopic,
        acks: -1,
        messages: [{ key: result.paymentId, value: JSON.stringify(result) }],
      });
    },
  };
  const consumer = createHandlerConsumer({
    ...options.policy,
    kafka: options.kafka,
    groupId: options.groupId ?? BANK_GROUP_ID,
    topics: [options.sourceTopic ?? Topics.PaymentsInstructions],
    dlqTopic: options.dlqTopic ?? PAYMENTS_INSTRUCTIONS_DLQ_TOPIC,
    handle: (source, dlq) =>
      handlePaymentInstruction(source, {
        store: options.store,
        publisher,
        dlq,
        counters,
        rates: options.rates,
        delayMs: options.delayMs,
      }),
    onBatch: () => options.onBatch?.(counters),
  });
  return {
    counters,
    async start() {
      const raw = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      const outage = options.policy?.producerOutage;
      producer = outage ? waitingProducer(raw, outage) : raw;
      await producer.connect();
      await consumer.start();
    },
    async stop() {
      await consumer.stop();
      await producer?.disconnect();
    },
  };
}
