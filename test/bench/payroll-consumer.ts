import { loadConfig, type Config } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { kafkaOutageWait } from '../../infra/kafka/producer-outage';
import { topicName } from '../../infra/kafka/project-topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createPaymentResultStore } from '../../infra/mongo/payment-results';
import { createTemporalClient, createTemporalConnection } from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { Topics } from '../../schemas/topics';
import { createBankConsumer, PAYMENTS_INSTRUCTIONS_DLQ_TOPIC } from '../../workers/bank/bank-consumer';
import { createBankTransferStore } from '../../workers/bank/transfer-store';
import { consumerWatchdog } from '../../workers/consumer-watchdog';
import { processConsumerPolicy } from '../../workers/kafka-handler-consumer';
import {
  createPaymentResultsConsumer,
  PAYMENTS_RESULTS_DLQ_TOPIC,
} from '../../workers/payments/payment-results-consumer';
import { createResultSignaller } from '../../workers/payments/result-signaller';

/** Printed once the consumer runs; the bench waits for it. */
export const CONSUMER_READY = 'payroll-consumer ready';
/** Prefix of the last line: the consumer's counters as JSON, printed after it stopped. */
export const CONSUMER_COUNTERS = 'payroll-consumer counters ';

/**
 * The simulated bank (`bank`) or the payment-results consumer (`results`) as its own process, built exactly as
 * workers/bank/simulated-bank.ts and workers/kafka-consumers.ts build them (same factories, poison-message policy,
 * outage wait and stall watchdog) but in a consumer group of the bench's own, `BENCH_GROUP_ID`. The production
 * entry points use fixed group ids (`simulated-bank`, `payment-results`) whatever KAFKA_TOPIC_SUFFIX says, and a
 * kafkajs group leader spreads only ITS topics' partitions over every member (node_modules/kafkajs/src/consumer/
 * consumerGroup.js SYNC): sharing a group with another suffixed run on the same broker leaves partitions unread.
 */
async function run(role: 'bank' | 'results', config: Config, groupId: string): Promise<void> {
  const kafka = createKafka(config);
  const mongo = await createMongoConnection(config.MONGODB_URI);
  const temporal = role === 'results' ? await createTemporalConnection(config) : undefined;
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const watchdog = await consumerWatchdog(kafka, config, role, () => stop());
  const policy = processConsumerPolicy(config.KAFKA_MAX_ATTEMPTS, role, {
    watch: watchdog.watch,
    producerOutage: kafkaOutageWait(role, config.KAFKA_PRODUCER_OUTAGE_MAX, log),
  });
  const consumer =
    role === 'bank'
      ? createBankConsumer({
          kafka,
          policy,
          groupId,
          store: createBankTransferStore(mongo),
          rates: { failRate: config.BANK_FAIL_RATE, returnRate: config.BANK_RETURN_RATE },
          delayMs: config.BANK_DELAY_MS,
          sourceTopic: topicName(config, Topics.PaymentsInstructions),
          resultsTopic: topicName(config, Topics.PaymentsResults),
          dlqTopic: topicName(config, PAYMENTS_INSTRUCTIONS_DLQ_TOPIC),
        })
      : createPaymentResultsConsumer({
          kafka,
          policy,
          groupId,
          store: createPaymentResultStore(mongo),
          signaller: createResultSignaller(
            createTemporalClient(temporal as NonNullable<typeof temporal>, config, getClientDataConverter(config))
          ),
          sourceTopic: topicName(config, Topics.PaymentsResults),
          dlqTopic: topicName(config, PAYMENTS_RESULTS_DLQ_TOPIC),
        });
  await consumer.start();
  process.stdout.write(`${CONSUMER_READY} (${role}, group ${groupId})\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stop();
  process.stdout.write(`${CONSUMER_COUNTERS}${JSON.stringify(consumer.counters)}\n`);

  async function stop(): Promise<void> {
    watchdog.stop();
    await consumer.stop();
    await watchdog.close();
    await temporal?.close();
    await mongo.close();
  }
}

if (require.main === module) {
  const role = process.argv[2];
  const groupId = process.env.BENCH_GROUP_ID;
  if ((role !== 'bank' && role !== 'results') || !groupId) {
    process.stderr.write('usage: BENCH_GROUP_ID=<group> payroll-consumer.ts bank|results\n');
    process.exit(2);
  }
  run(role, loadConfig(), groupId).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`payroll-consumer ${role} failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
