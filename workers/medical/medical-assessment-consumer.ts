import type { Kafka } from 'kafkajs';
import { Topics } from '../../schemas/topics';
import { createHandlerConsumer, type ConsumerPolicy } from '../kafka-handler-consumer';
import {
  handleMedicalAssessment,
  newAssessmentCounters,
  type AssessmentCounters,
  type AssessmentDelivery,
} from './handle-medical-assessment';

/** Dead-letter topic for Medical Board decisions that no claim accepted. */
export const MEDICAL_ASSESSMENTS_DLQ_TOPIC = 'medical.assessments.dlq';

export interface MedicalAssessmentConsumerOptions {
  /** The poison-message policy and crash handling (KAFKA_MAX_ATTEMPTS; the entry point exits on a crash). */
  policy?: ConsumerPolicy;
  kafka: Kafka;
  delivery: AssessmentDelivery;
  groupId?: string;
  sourceTopic?: string;
  dlqTopic?: string;
}

/** Consumes `medical.assessments` and turns each decision into the claim's `submitMedicalAssessment` update. */
export function createMedicalAssessmentConsumer(options: MedicalAssessmentConsumerOptions): {
  readonly counters: Readonly<AssessmentCounters>;
  start(): Promise<void>;
  stop(): Promise<void>;
} {
  const counters = newAssessmentCounters();
  const consumer = createHandlerConsumer({
    ...options.policy,
    kafka: options.kafka,
    groupId: options.groupId ?? 'claims-medical-assessments',
    topics: [options.sourceTopic ?? Topics.MedicalAssessments],
    dlqTopic: options.dlqTopic ?? MEDICAL_ASSESSMENTS_DLQ_TOPIC,
    handle: (source, dlq) => handleMedicalAssessment(source, { delivery: options.delivery, dlq, counters }),
  });
  return { counters, start: consumer.start, stop: consumer.stop };
}
