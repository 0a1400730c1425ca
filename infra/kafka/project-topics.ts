import { Topics } from '../../schemas/topics';
import type { Kafka } from 'kafkajs';
import type { Config } from '../config';
import { alignTopicConfigs, ensureTopics, type TopicSpec } from './topics';

const compacted = { 'cleanup.policy': 'compact' };
const keepForever = { 'retention.ms': '-1' };

/**
 * The dead-letter topics this platform owns (one partition each: they are read by operators, not at volume). They
 * keep the original bytes for `KAFKA_DLQ_RETENTION` (default 30 days), long enough to be worked with `npx claims
 * dlq`, not forever, because dead letters can hold personal data.
 */
export const DLQ_TOPICS: readonly string[] = [
  Topics.ClaimsSubmittedDlq,
  'payments.instructions.dlq',
  'payments.results.dlq',
  'registry.dlq',
  'medical.assessments.dlq',
];

/**
 * The topics this platform owns apart from the DLQs, created through the admin API at stack start (`npm start`,
 * `npm run stack:up`, the integration tests' global setup) and by the demo (auto-create is off). Registry topics are compacted (latest record per key); event logs are kept
 * forever because downstream systems and audits replay them.
 */
export const PROJECT_TOPICS: readonly TopicSpec[] = [
  { name: Topics.ClaimsSubmitted, configEntries: keepForever },
  { name: Topics.ClaimsEvents, configEntries: keepForever },
  { name: Topics.AwardsEvents, configEntries: keepForever },
  { name: Topics.BenefitsAwarded, configEntries: keepForever },
  { name: Topics.MedicalAssessmentRequested },
  { name: Topics.MedicalAssessments },
  { name: Topics.PaymentsInstructions, configEntries: keepForever },
  { name: Topics.PaymentsResults, configEntries: keepForever },
  { name: Topics.RegistryInsuredPersons, configEntries: compacted },
  { name: Topics.RegistryEmployers, configEntries: compacted },
  { name: Topics.RegistryContributions, configEntries: keepForever },
];

/** The configured name of a project topic: its base name plus `KAFKA_TOPIC_SUFFIX` (empty by default). */
export function topicName(config: { KAFKA_TOPIC_SUFFIX: string }, base: string): string {
  return `${base}${config.KAFKA_TOPIC_SUFFIX}`;
}

/** The topic-level configs of every DLQ topic under this configuration: `retention.ms` from `KAFKA_DLQ_RETENTION`. */
export function dlqTopicConfig(config: Pick<Config, 'KAFKA_DLQ_RETENTION'>): Record<string, string> {
  return { 'retention.ms': String(config.KAFKA_DLQ_RETENTION) };
}

/**
 * Creates every project topic under this configuration's names (`KAFKA_TOPIC_SUFFIX`) when missing, with its
 * partitions and replication factor, and brings the existing DLQ topics' retention in line with
 * `KAFKA_DLQ_RETENTION` (so a changed value takes effect at the next start); returns the names created. The stack,
 * the demo and tests with topics of their own all call this one.
 */
export async function ensureProjectTopics(
  kafka: Kafka,
  config: Pick<Config, 'KAFKA_TOPIC_SUFFIX' | 'KAFKA_PARTITIONS' | 'KAFKA_REPLICATION_FACTOR' | 'KAFKA_DLQ_RETENTION'>
): Promise<string[]> {
  const dlqConfig = dlqTopicConfig(config);
  const dlqNames = DLQ_TOPICS.map((t) => topicName(config, t));
  const admin = kafka.admin();
  await admin.connect();
  try {
    const created = await ensureTopics(
      admin,
      [
        ...PROJECT_TOPICS.map((t) => ({ ...t, name: topicName(config, t.name) })),
        ...dlqNames.map((name) => ({ name, partitions: 1, configEntries: dlqConfig })),
      ],
      { partitions: config.KAFKA_PARTITIONS, replicationFactor: config.KAFKA_REPLICATION_FACTOR }
    );
    await alignTopicConfigs(
      admin,
      dlqNames.filter((name) => !created.includes(name)),
      dlqConfig
    );
    return created;
  } finally {
    await admin.disconnect();
  }
}
