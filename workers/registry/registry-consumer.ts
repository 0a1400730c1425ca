import type { Kafka } from 'kafkajs';
import type { RegistryRepository } from '../../infra/mongo/registry-repository';
import { createHandlerConsumer, type ConsumerPolicy } from '../kafka-handler-consumer';
import {
  handleRegistryBatch,
  newRegistryCounters,
  REGISTRY_TOPICS,
  type RegistryCounters,
  type RegistryKind,
} from './handle-registry-message';

/** Dead-letter topic for registry messages that cannot be applied. */
export const REGISTRY_DLQ_TOPIC = 'registry.dlq';

export interface RegistryConsumerOptions {
  /** The poison-message policy and crash handling (KAFKA_MAX_ATTEMPTS; the entry point exits on a crash). */
  policy?: ConsumerPolicy;
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
 * one key (person or employer) are applied in partition order; a batch's offsets commit only after its valid
 * records were applied and then its invalid ones dead-lettered ({@link handleRegistryBatch}).
 */
export function createRegistryConsumer(options: RegistryConsumerOptions): RegistryConsumer {
  const topics = options.topics ?? REGISTRY_TOPICS;
  const kindOf = new Map(Object.entries(topics).map(([kind, topic]) => [topic, kind as RegistryKind]));
  const counters = newRegistryCounters();
  const consumer = createHandlerConsumer({
    ...options.policy,
    kafka: options.kafka,
    groupId: options.groupId ?? 'claims-registry',
    topics: Object.values(topics),
    dlqTopic: options.dlqTopic ?? REGISTRY_DLQ_TOPIC,
    // Registry topics carry tens of thousands of records: each fetched batch is applied in one bulk write.
    handleBatch: async (sources, dlq, { heartbeat }) => {
      const topic = sources[0]?.topic ?? '';
      const kind = kindOf.get(topic);
      if (!kind) throw new Error(`registry consumer: unexpected topic ${topic}`);
      await handleRegistryBatch(kind, sources, { registry: options.registry, dlq, counters, heartbeat });
    },
  });
  return { counters, start: consumer.start, stop: consumer.stop };
}
