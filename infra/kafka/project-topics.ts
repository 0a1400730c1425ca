import { Topics } from '../../schemas/topics';
import type { TopicSpec } from './topics';

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
