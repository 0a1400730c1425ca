import type { Consumer, Kafka, Producer } from 'kafkajs';
import { Topics } from '../../schemas/topics';
import {
  handleClaimSubmitted,
  newIntakeCounters,
  type ClaimStarter,
  type DeadLetterWriter,
  type IntakeCounters,
} from './handle-claim-submitted';

/** Options of an intake consumer; tests override topics and group to isolate by name. */
export interface IntakeConsumerOptions {
  kafka: Kafka;
  starter: ClaimStarter;
  groupId?: string;
  sourceTopic?: string;
  dlqTopic?: string;
  /** Called with the counters after each batch (for logs); never receives message contents. */
  onBatch?: (counters: Readonly<IntakeCounters>) => void;
}

/** A running intake consumer. */
export interface IntakeConsumer {
  readonly counters: Readonly<IntakeCounters>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Wires kafkajs to {@link handleClaimSubmitted}. Offsets are committed by kafkajs only for messages whose handler
 * resolved (autoCommit commits resolved offsets), so a message whose workflow start or DLQ write failed is
 * redelivered. The DLQ producer is idempotent with acks from all in-sync replicas.
 */
export function createIntakeConsumer(options: IntakeConsumerOptions): IntakeConsumer {
  const sourceTopic = options.sourceTopic ?? Topics.ClaimsSubmitted;
  const dlqTopic = options.dlqTopic ?? Topics.ClaimsSubmittedDlq;
  const counters = newIntakeCounters();
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;

  return {
    counters,
    async start() {
      producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const dlqProducer = producer;
      const dlq: DeadLetterWriter = {
        async write(record) {
          await dlqProducer.send({ topic: dlqTopic, acks: -1, messages: [record] });
        },
      };
      consumer = options.kafka.consumer({ groupId: options.groupId ?? 'claims-intake', retry: { retries: 10 } });
      await consumer.connect();
      await consumer.subscribe({ topic: sourceTopic, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: 3,
        // Never auto-resolve: a batch interrupted by a stop or rebalance would otherwise commit the offsets of
        // messages that were never handled, and they would be lost. Each offset is resolved after its outcome.
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          for (const message of batch.messages) {
            if (!isRunning() || isStale()) break;
            await handleClaimSubmitted(
              { topic: batch.topic, partition: batch.partition, message },
              { starter: options.starter, dlq, counters }
            );
            resolveOffset(message.offset);
            await heartbeat();
          }
          options.onBatch?.(counters);
        },
      });
    },
    async stop() {
      await consumer?.disconnect();
      await producer?.disconnect();
    },
  };
}
