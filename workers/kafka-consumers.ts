import { processConsumerPolicy } from './kafka-handler-consumer';
import { consumerWatchdog } from './consumer-watchdog';
import { kafkaOutageWait } from '../infra/kafka/producer-outage';
import { loadConfig, type Config } from '../infra/config';
import { createKafka } from '../infra/kafka/client';
import { consumerGroupId, topicName } from '../infra/kafka/project-topics';
import { Topics } from '../schemas/topics';
import { MEDICAL_ASSESSMENTS_DLQ_TOPIC } from './medical/medical-assessment-consumer';
import { REGISTRY_DLQ_TOPIC } from './registry/registry-consumer';
import { createMongoConnection } from '../infra/mongo/connection';
import { createRegistryRepository } from '../infra/mongo/registry-repository';
import { claimWorkflowConfigFrom, createClaimStarter } from '../infra/temporal/claim-starter';
import { createTemporalClient, createTemporalConnection } from '../infra/temporal/connection';
import { getClientDataConverter } from '../infra/temporal/data-converter';
import { createIntakeConsumer, INTAKE_GROUP_ID } from './intake/intake-consumer';
import { createAssessmentDelivery } from '../infra/temporal/assessment-delivery';
import { createMedicalAssessmentConsumer } from './medical/medical-assessment-consumer';
import { createRegistryConsumer } from './registry/registry-consumer';
import { createPaymentResultStore, ensurePaymentResultIndexes } from '../infra/mongo/payment-results';
import {
  createPaymentResultsConsumer,
  paymentResultsLogLine,
  PAYMENTS_RESULTS_DLQ_TOPIC,
} from './payments/payment-results-consumer';
import { createResultSignaller } from './payments/result-signaller';

const logLine = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * The consumer groups of this process, by their base ids (each consumer factory's default, so committed offsets
 * carry over); `KAFKA_GROUP_SUFFIX` is appended. Every copy of this process joins the same groups and Kafka shares
 * each topic's partitions among them.
 */
export const CONSUMER_GROUPS = {
  intake: INTAKE_GROUP_ID,
  registry: 'claims-registry',
  assessments: 'claims-medical-assessments',
  paymentResults: 'payment-results',
} as const;

/**
 * The Kafka consumer process (composition root, STYLE H6): claim intake (claims.submitted → one workflow per
 * claim, or the DLQ), Medical Board decisions (medical.assessments → the claim's update, or the DLQ) and the
 * registry read model (registry.* → MongoDB) and bank results (payments.results → stored, then signalled to the
 * periodic-award workflow, or the DLQ). Logs carry counts only. A consumer that stalls is named and the process
 * exits EXIT_STALLED for its supervisor to restart (workers/stall-watchdog.ts); DLQ sends wait out a Kafka outage
 * of up to KAFKA_PRODUCER_OUTAGE_MAX. SIGINT/SIGTERM disconnect the consumers (committing resolved offsets) and
 * then close the connections in reverse order. Any number of copies may run (`npm start -- --consumers N`, or one per
 * machine): they join the same {@link CONSUMER_GROUPS} and share the topics' partitions; when one dies, its
 * partitions move to the others after the group's session timeout, and its uncommitted messages are read again.
 */
export async function runConsumers(config: Config): Promise<void> {
  const kafka = createKafka(config);
  const mongo = await createMongoConnection(config);
  const temporalConnection = await createTemporalConnection(config);
  const client = createTemporalClient(temporalConnection, config, getClientDataConverter(config));
  const registry = await createRegistryRepository(mongo);
  await ensurePaymentResultIndexes(mongo);

  // A consumer that stops completing work while messages wait is named and the process exits to be restarted.
  const watchdog = await consumerWatchdog(kafka, config, 'consumers', () => stopAll());
  const policy = processConsumerPolicy(config.KAFKA_MAX_ATTEMPTS, 'consumers', {
    watch: watchdog.watch,
    producerOutage: kafkaOutageWait('consumers', config.KAFKA_PRODUCER_OUTAGE_MAX, logLine),
  });
  let lastLogged = '';
  const group = (base: string): string => consumerGroupId(config, base);
  const intake = createIntakeConsumer({
    kafka,
    policy,
    groupId: group(CONSUMER_GROUPS.intake),
    starter: createClaimStarter(client, config.TEMPORAL_TASK_QUEUE, claimWorkflowConfigFrom(config)),
    sourceTopic: topicName(config, Topics.ClaimsSubmitted),
    dlqTopic: topicName(config, Topics.ClaimsSubmittedDlq),
    onBatch: (c) => {
      const line = `intake received=${c.received} started=${c.started} duplicate=${c.duplicate} dead-lettered=${c.deadLettered}`;
      if (line !== lastLogged) process.stdout.write(`${line}\n`);
      lastLogged = line;
    },
  });
  const registryConsumer = createRegistryConsumer({
    kafka,
    policy,
    groupId: group(CONSUMER_GROUPS.registry),
    registry,
    topics: {
      'insured-persons': topicName(config, Topics.RegistryInsuredPersons),
      employers: topicName(config, Topics.RegistryEmployers),
      contributions: topicName(config, Topics.RegistryContributions),
    },
    dlqTopic: topicName(config, REGISTRY_DLQ_TOPIC),
  });
  const assessments = createMedicalAssessmentConsumer({
    kafka,
    policy,
    groupId: group(CONSUMER_GROUPS.assessments),
    delivery: createAssessmentDelivery(client),
    sourceTopic: topicName(config, Topics.MedicalAssessments),
    dlqTopic: topicName(config, MEDICAL_ASSESSMENTS_DLQ_TOPIC),
  });
  let lastResultsLogged = '';
  const paymentResults = createPaymentResultsConsumer({
    kafka,
    policy,
    groupId: group(CONSUMER_GROUPS.paymentResults),
    store: createPaymentResultStore(mongo),
    signaller: createResultSignaller(client),
    sourceTopic: topicName(config, Topics.PaymentsResults),
    dlqTopic: topicName(config, PAYMENTS_RESULTS_DLQ_TOPIC),
    onBatch: (c) => {
      const line = paymentResultsLogLine(c);
      if (line !== lastResultsLogged) process.stdout.write(`${line}\n`);
      lastResultsLogged = line;
    },
  });

  await registryConsumer.start();
  await intake.start();
  await assessments.start();
  await paymentResults.start();
  process.stdout.write('consuming claims.submitted, medical.assessments, payments.results and registry.* topics\n');

  const timer = setInterval(() => {
    const r = registryConsumer.counters;
    const m = assessments.counters;
    process.stdout.write(
      `registry received=${r.received} applied=${r.applied} stale=${r.stale} dead-lettered=${r.deadLettered}; ` +
        `assessments received=${m.received} delivered=${m.delivered} dead-lettered=${m.deadLettered}; ` +
        `${paymentResultsLogLine(paymentResults.counters)}\n`
    );
  }, 30_000);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(timer);
  await stopAll();

  async function stopAll(): Promise<void> {
    watchdog.stop();
    await intake.stop();
    await assessments.stop();
    await paymentResults.stop();
    await registryConsumer.stop();
    await watchdog.close();
    await temporalConnection.close();
    await mongo.close();
  }
}

if (require.main === module) {
  runConsumers(loadConfig()).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`consumers failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
