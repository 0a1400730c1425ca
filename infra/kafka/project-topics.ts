import { Topics } from '../../schemas/topics';
import type { Kafka } from 'kafkajs';
import type { Config } from '../config';
import { alignTopicConfigs, ensureTopics, growTopics, type GrownTopic, type TopicSpec } from './topics';

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
 * `npm run stack:up`, the integration tests' global setup) and by the demo (auto-create is off), each with
 * `KAFKA_PARTITIONS` partitions (default 6). Registry topics are compacted (latest record per key); event logs are
 * kept forever because downstream systems and audits replay them.
 *
 * `grow` marks the high-volume topics, grown to `KAFKA_PARTITIONS` on a cluster where they have fewer, so that
 * several consumer processes in one group share their load: `claims.submitted` (one message per claim),
 * `claims.events` (several lifecycle events per claim), and `awards.events`, `payments.instructions` and
 * `payments.results` (every instalment of every periodic award: the national payroll is about 465,000 a month).
 * Each is keyed by a business id (claimId, the periodic workflow id, paymentId: schemas/topics.ts), so one claim's,
 * award's or payment's records stay in order on one partition, and every consumer of ours reads a new partition
 * from the beginning. A growth moves some keys to new partitions: their order holds for records produced from then
 * on, not across the change. The others are not grown: `benefits.awarded` and the Medical Board topics carry a few records
 * per claim, and a compacted registry topic must keep each key on one partition.
 */
export const PROJECT_TOPICS: readonly TopicSpec[] = [
  { name: Topics.ClaimsSubmitted, grow: true, configEntries: keepForever },
  { name: Topics.ClaimsEvents, grow: true, configEntries: keepForever },
  { name: Topics.AwardsEvents, grow: true, configEntries: keepForever },
  { name: Topics.BenefitsAwarded, configEntries: keepForever },
  { name: Topics.MedicalAssessmentRequested },
  { name: Topics.MedicalAssessments },
  { name: Topics.PaymentsInstructions, grow: true, configEntries: keepForever },
  { name: Topics.PaymentsResults, grow: true, configEntries: keepForever },
  { name: Topics.RegistryInsuredPersons, configEntries: compacted },
  { name: Topics.RegistryEmployers, configEntries: compacted },
  { name: Topics.RegistryContributions, configEntries: keepForever },
];

/** The base names of the high-volume topics (marked `grow` in {@link PROJECT_TOPICS}). */
export const HIGH_VOLUME_TOPICS: readonly string[] = PROJECT_TOPICS.filter((t) => t.grow === true).map((t) => t.name);

/** The configured name of a project topic: its base name plus `KAFKA_TOPIC_SUFFIX` (empty by default). */
export function topicName(config: { KAFKA_TOPIC_SUFFIX: string }, base: string): string {
  return `${base}${config.KAFKA_TOPIC_SUFFIX}`;
}

/**
 * The configured id of a consumer group: its base id plus `KAFKA_GROUP_SUFFIX` (empty by default). Processes that
 * consume topics of their own (a test's `KAFKA_TOPIC_SUFFIX`) next to other processes on the same cluster need
 * groups of their own as well: kafkajs's assigner deals every partition subscribed by any member of a group round
 * the members, so a member that does not subscribe to a topic is given some of its partitions and never reads them.
 */
export function consumerGroupId(config: { KAFKA_GROUP_SUFFIX: string }, base: string): string {
  return `${base}${config.KAFKA_GROUP_SUFFIX}`;
}

/** The topic-level configs of every DLQ topic under this configuration: `retention.ms` from `KAFKA_DLQ_RETENTION`. */
export function dlqTopicConfig(config: Pick<Config, 'KAFKA_DLQ_RETENTION'>): Record<string, string> {
  return { 'retention.ms': String(config.KAFKA_DLQ_RETENTION) };
}

/**
 * Every topic this platform owns under this configuration's names (`KAFKA_TOPIC_SUFFIX`): the project topics
 * (`KAFKA_PARTITIONS` each, the high-volume ones marked to grow) and the DLQs (one partition each).
 */
export function projectTopicSpecs(config: Pick<Config, 'KAFKA_TOPIC_SUFFIX' | 'KAFKA_DLQ_RETENTION'>): TopicSpec[] {
  const dlqConfig = dlqTopicConfig(config);
  return [
    ...PROJECT_TOPICS.map((t) => ({ ...t, name: topicName(config, t.name) })),
    ...DLQ_TOPICS.map((t) => ({ name: topicName(config, t), partitions: 1, configEntries: dlqConfig })),
  ];
}

/**
 * Creates every project topic under this configuration's names (`KAFKA_TOPIC_SUFFIX`) when missing, with its
 * partitions and replication factor; grows the existing {@link HIGH_VOLUME_TOPICS} with fewer than
 * `KAFKA_PARTITIONS` partitions to that count (reported to `onGrown`); and brings the existing DLQ topics' retention
 * in line with `KAFKA_DLQ_RETENTION` (so a changed value takes effect at the next start). Returns the names created.
 * The stack, the demo and tests with topics of their own all call this one.
 */
export async function ensureProjectTopics(
  kafka: Kafka,
  config: Pick<Config, 'KAFKA_TOPIC_SUFFIX' | 'KAFKA_PARTITIONS' | 'KAFKA_REPLICATION_FACTOR' | 'KAFKA_DLQ_RETENTION'>,
  options: { onGrown?: (grown: GrownTopic[]) => void } = {}
): Promise<string[]> {
  const dlqConfig = dlqTopicConfig(config);
  const dlqNames = DLQ_TOPICS.map((t) => topicName(config, t));
  const specs = projectTopicSpecs(config);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const created = await ensureTopics(admin, specs, {
      partitions: config.KAFKA_PARTITIONS,
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    });
    const grown = await growTopics(
      admin,
      specs.filter((t) => !created.includes(t.name)),
      { partitions: config.KAFKA_PARTITIONS }
    );
    if (grown.length > 0) options.onGrown?.(grown);
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
