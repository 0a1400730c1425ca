import { loadConfig, type Config } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { consumerGroupId, topicName } from '../../infra/kafka/project-topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { Topics } from '../../schemas/topics';
import { kafkaOutageWait } from '../../infra/kafka/producer-outage';
import { consumerWatchdog } from '../consumer-watchdog';
import { processConsumerPolicy } from '../kafka-handler-consumer';
import { BANK_GROUP_ID, createBankConsumer, PAYMENTS_INSTRUCTIONS_DLQ_TOPIC } from './bank-consumer';
import { createBankTransferStore } from './transfer-store';

/**
 * The simulated bank process (`npm run bank`; `npm start` runs it too): pays most payment instructions, fails some
 * attempts and returns those to closed accounts, at the rates BANK_FAIL_RATE and BANK_RETURN_RATE, after
 * BANK_DELAY_MS. Logs carry counts only (instructions hold the payee's name and bank account). Its answers wait out
 * a Kafka outage of up to KAFKA_PRODUCER_OUTAGE_MAX; a stalled consumer is named and the process exits EXIT_STALLED
 * for its supervisor to restart (workers/stall-watchdog.ts).
 */
export async function runSimulatedBank(config: Config): Promise<void> {
  const kafka = createKafka(config);
  const mongo = await createMongoConnection(config);
  let lastLogged = '';
  const watchdog = await consumerWatchdog(kafka, config, 'bank', () => stop());
  const bank = createBankConsumer({
    kafka,
    // Runs sharing a cluster under different KAFKA_TOPIC_SUFFIXes keep their own offsets with KAFKA_GROUP_SUFFIX.
    groupId: consumerGroupId(config, BANK_GROUP_ID),
    policy: processConsumerPolicy(config.KAFKA_MAX_ATTEMPTS, 'bank', {
      watch: watchdog.watch,
      producerOutage: kafkaOutageWait('bank', config.KAFKA_PRODUCER_OUTAGE_MAX, (line) =>
        process.stderr.write(`${line}\n`)
      ),
    }),
    store: createBankTransferStore(mongo),
    rates: { failRate: config.BANK_FAIL_RATE, returnRate: config.BANK_RETURN_RATE },
    delayMs: config.BANK_DELAY_MS,
    sourceTopic: topicName(config, Topics.PaymentsInstructions),
    resultsTopic: topicName(config, Topics.PaymentsResults),
    dlqTopic: topicName(config, PAYMENTS_INSTRUCTIONS_DLQ_TOPIC),
    onBatch: (c) => {
      const line =
        `bank received=${c.received} paid=${c.paid} failed=${c.failed} returned=${c.returned} ` +
        `resent=${c.resent} dead-lettered=${c.deadLettered}`;
      if (line !== lastLogged) process.stdout.write(`${line}\n`);
      lastLogged = line;
    },
  });
  await bank.start();
  process.stdout.write(
    `simulated bank consuming payments.instructions (fail ${config.BANK_FAIL_RATE}, return ${config.BANK_RETURN_RATE}, delay ${config.BANK_DELAY_MS} ms)\n`
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await stop();

  async function stop(): Promise<void> {
    watchdog.stop();
    await bank.stop();
    await watchdog.close();
    await mongo.close();
  }
}

if (require.main === module) {
  runSimulatedBank(loadConfig()).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`simulated bank failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
