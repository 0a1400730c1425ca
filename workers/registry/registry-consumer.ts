import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { RegistryRepository } from '../../infra/mongo/registry-repository';
import type { DeadLetterWriter } from '../intake/handle-claim-submitted';
import {
  handleRegistryMessage,
  newRegistryCounters,
  REGISTRY_TOPICS,
  type RegistryCounters,
  type RegistryKind,
} from './handle-registry-message';

/** Dead-letter topic for registry messages that cannot be applied. */
export const REGISTRY_DLQ_TOPIC = 'registry.dlq';

export interface RegistryConsumerOptions {
  kafka: Kafka;
  registry: RegistryRepository;
  groupId?: string;
  /** Topic per registry kind; defaults to the production names. Tests pass suffixed copies. */
  topics?: Record<RegistryKind, string>;
  dlqTopic?: string;
}

export interface RegistryConsumer {
  readonly counters: Readonly<RegistryCounters>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keeps the registry read model in MongoDB current from the upstream contribution system's topics. Messages of
 * one key (person or employer) are applied in partition order; offsets commit only after the upsert succeeded.
 */
export function createRegistryConsumer(options: RegistryConsumerOptions): RegistryConsumer {
  const topics = options.topics ?? REGISTRY_TOPICS;
  const kindOf = new Map(Object.entries(topics).map(([kind, topic]) => [topic, kind as RegistryKind]));
  const counters = newRegistryCounters();
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  return {
    counters,
    async start() {
      producer = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      const p = producer;
      const dlq: DeadLetterWriter = {
        async write(record) {
          await p.send({ topic: options.dlqTopic ?? REGISTRY_DLQ_TOPIC, acks: -1, messages: [record] });
        },
      };
      consumer = options.kafka.consumer({ groupId: options.groupId ?? 'claims-registry', retry: { retries: 10 } });
      await consumer.connect();
      await consumer.subscribe({ topics: Object.values(topics), fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: 3,
        eachMessage: async ({ topic, partition, message }) => {
          const kind = kindOf.get(topic);
          if (!kind) throw new Error(`registry consumer: unexpected topic ${topic}`);
          await handleRegistryMessage(
            kind,
            { topic, partition, message },
            { registry: options.registry, dlq, counters }
          );
        },
      });
    },
    async stop() {
      await consumer?.disconnect();
      await producer?.disconnect();
    },
  };
}
