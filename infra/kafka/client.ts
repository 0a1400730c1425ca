import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { Config } from '../config';

/** The Kafka settings of {@link Config}, for processes that only need Kafka. */
export type KafkaSettings = Pick<
  Config,
  | 'KAFKA_BROKERS'
  | 'KAFKA_CLIENT_ID'
  | 'KAFKA_SSL'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
>;

/**
 * Builds the kafkajs client for the configured cluster: plain TCP locally; TLS and SASL (PLAIN or SCRAM) in
 * production by configuration alone. kafkajs' own logger is quiet below errors so personal data in message
 * bodies never reaches logs through it.
 */
export function createKafka(config: KafkaSettings, overrides: Partial<KafkaConfig> = {}): Kafka {
  let sasl: SASLOptions | undefined;
  if (config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD) {
    sasl = {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME,
      password: config.KAFKA_SASL_PASSWORD,
    } as SASLOptions;
  }
  return new Kafka({
    clientId: config.KAFKA_CLIENT_ID,
    brokers: [...config.KAFKA_BROKERS],
    ssl: config.KAFKA_SSL,
    sasl,
    logLevel: logLevel.ERROR,
    connectionTimeout: 3_000,
    retry: { retries: 8, initialRetryTime: 200 },
    ...overrides,
  });
}
