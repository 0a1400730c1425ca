import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { DeadLetterWriter } from './kafka-messages';

/** One message and where it came from, as handed to a handler. */
export interface SourcedMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

export interface HandlerConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  dlqTopic: string;
  /** Handles one message to its outcome (possibly via the DLQ writer); throws to have it redelivered. */
  handle?(source: SourcedMessage, dlq: DeadLetterWriter): Promise<unknown>;
  /**
   * Handles a whole fetched batch of one partition to its outcomes (for high-volume topics written in bulk);
   * throws to have the whole batch redelivered. Used instead of `handle` when given.
   */
  handleBatch?(sources: SourcedMessage[], dlq: DeadLetterWriter): Promise<unknown>;
  /** Called after each batch, e.g. to log counters. */
  onBatch?: () => void;
  partitionsConsumedConcurrently?: number;
}

/** A running consumer built by {@link createHandlerConsumer}. */
export interface HandlerConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The one way this platform consumes Kafka (STYLE H16): each message goes through a total handler that ends it as
 * an outcome or a dead-letter record, in partition order, and its offset is resolved only after the handler
 * resolved. Batches are never auto-resolved, so a batch interrupted by a stop or rebalance commits only what was
 * handled; the rest is redelivered. The DLQ producer is idempotent and waits for all in-sync replicas.
 */
export function createHandlerConsumer(options: HandlerConsumerOptions): HandlerConsumer {
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  return {
    async start() {
      producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const p = producer;
      const dlq: DeadLetterWriter = {
        async write(record) {
          await p.send({ topic: options.dlqTopic, acks: -1, messages: [record] });
        },
      };
      consumer = options.kafka.consumer({ groupId: options.groupId, retry: { retries: 10 } });
      await consumer.connect();
      await consumer.subscribe({ topics: options.topics, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          if (options.handleBatch) {
            if (!isRunning() || isStale() || batch.messages.length === 0) return;
            await options.handleBatch(
              batch.messages.map((message) => ({ topic: batch.topic, partition: batch.partition, message })),
              dlq
            );
            resolveOffset(batch.lastOffset());
            await heartbeat();
            options.onBatch?.();
            return;
          }
          const handle = options.handle;
          if (!handle) throw new Error('createHandlerConsumer: handle or handleBatch is required');
          for (const message of batch.messages) {
            if (!isRunning() || isStale()) break;
            await handle({ topic: batch.topic, partition: batch.partition, message }, dlq);
            resolveOffset(message.offset);
            await heartbeat();
          }
          options.onBatch?.();
        },
      });
    },
    async stop() {
      await consumer?.disconnect();
      await producer?.disconnect();
    },
  };
}
