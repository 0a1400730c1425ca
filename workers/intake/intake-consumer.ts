import type { Kafka } from 'kafkajs';
import { Topics } from '../../schemas/topics';
import { createHandlerConsumer, type ConsumerPolicy } from '../kafka-handler-consumer';
import {
  handleClaimSubmitted,
  newIntakeCounters,
  type ClaimStarter,
  type IntakeCounters,
} from './handle-claim-submitted';

/**
 * The intake's consumer group: every intake process of a deployment joins it, so they share the partitions of
 * `claims.submitted` (plus `KAFKA_GROUP_SUFFIX` in the consumer process).
 */
export const INTAKE_GROUP_ID = 'claims-intake';

/** Options of an intake consumer; tests override topics and group to isolate by name. */
export interface IntakeConsumerOptions {
  /** The poison-message policy and crash handling (KAFKA_MAX_ATTEMPTS; the entry point exits on a crash). */
  policy?: ConsumerPolicy;
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

/** Consumes `claims.submitted`: every message becomes a claim workflow or a DLQ record ({@link handleClaimSubmitted}). */
export function createIntakeConsumer(options: IntakeConsumerOptions): IntakeConsumer {
  const counters = newIntakeCounters();
  const consumer = createHandlerConsumer({
    ...options.policy,
    kafka: options.kafka,
    groupId: options.groupId ?? INTAKE_GROUP_ID,
    topics: [options.sourceTopic ?? Topics.ClaimsSubmitted],
    dlqTopic: options.dlqTopic ?? Topics.ClaimsSubmittedDlq,
    handle: (source, dlq) => handleClaimSubmitted(source, { starter: options.starter, dlq, counters }),
    onBatch: () => options.onBatch?.(counters),
  });
  return { counters, start: consumer.start, stop: consumer.stop };
}
