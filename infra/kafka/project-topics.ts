import { Topics } from '../../schemas/topics';
import type { Kafka } from 'kafkajs';
import type { Config } from '../config';
import { ensureTopics, type TopicSpec } from './topics';

const compacted = { 'cleanup.policy': 'compact' };
const keepForever = { 'retention.ms': '-1' };

/**
 * The topics this platform owns, created through the admin API at stack start and at every process start
 * (auto-create is off). Registry topics are compacted (latest record per key); event logs are kept forever
 * because downstream systems and audits replay them; the DLQ keeps the original bytes forever too.
 */
export const PROJECT_TOPICS: readonly TopicSpec[] = [
  { name: Topics.ClaimsSubmitted, configEntries: keepForever },
  { name: Topics.ClaimsSubmittedDlq, partitions: 1, configEntries: keepForever },
  { name: Topics.ClaimsEvents, configEntries: keepForever },
  { name: Topics.AwardsEvents, configEntries: keepForever },
  { name: Topics.BenefitsAwarded, configEntries: keepForever },
  { name: Topics.MedicalAssessmentRequested },
  { name: Topics.MedicalAssessments },
  { name: Topics.PaymentsInstructions, configEntries: keepForever },
  { name: Topics.PaymentsResults, configEntries: keepForever },
  { name: 'payments.instructions.dlq', partitions: 1, configEntries: keepForever },
  { name: 'payments.results.dlq', partitions: 1, configEntries: keepForever },
  { name: Topics.RegistryInsuredPersons, configEntries: compacted },
  { name: Topics.RegistryEmployers, configEntries: compacted },
  { name: Topics.RegistryContributions, configEntries: keepForever },
  { name: 'registry.dlq', partitions: 1, configEntries: keepForever },
  { name: 'medical.assessments.dlq', partitions: 1, configEntries: keepForever },
];

/** The configured name of a project topic: its base name plus `KAFKA_TOPIC_SUFFIX` (empty by default). */
export function topicName(config: { KAFKA_TOPIC_SUFFIX: string }, base: string): string {
  return `${base}${config.KAFKA_TOPIC_SUFFIX}`;
}

/**
 * Creates every project topic under this configuration's names (`KAFKA_TOPIC_SUFFIX`) when missing, with its
 * partitions and replication factor; returns the names created. The stack, the demo and tests with topics of their
 * own all call this one.
 */
export async function ensureProjectTopics(
  kafka: Kafka,
  config: Pick<Config, 'KAFKA_TOPIC_SUFFIX' | 'KAFKA_PARTITIONS' | 'KAFKA_REPLICATION_FACTOR'>
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await ensureTopics(
      admin,
      PROJECT_TOPICS.map((t) => ({ ...t, name: topicName(config, t.name) })),
      { partitions: config.KAFKA_PARTITIONS, replicationFactor: config.KAFKA_REPLICATION_FACTOR }
    );
  } finally {
    await admin.disconnect();
  }
}
