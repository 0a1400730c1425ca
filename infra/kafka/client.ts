import { readFileSync } from 'node:fs';
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { Config } from '../config';

/** The Kafka settings of {@link Config}, for processes that only need Kafka (the stack probe leaves the CA out). */
export type KafkaSettings = Pick<
  Config,
  | 'KAFKA_BROKERS'
  | 'KAFKA_CLIENT_ID'
  | 'KAFKA_SSL'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
> &
  Partial<Pick<Config, 'KAFKA_SSL_CA_FILE'>>;

/**
 * The kafkajs client options for the configured cluster: plain TCP locally; TLS (`KAFKA_SSL`, or a private CA in
 * `KAFKA_SSL_CA_FILE`, which implies it) and SASL (PLAIN or SCRAM) in production by configuration alone. kafkajs'
 * own logger is quiet below errors so personal data in message bodies never reaches logs through it.
 */
export function kafkaClientConfig(config: KafkaSettings, overrides: Partial<KafkaConfig> = {}): KafkaConfig {
  let sasl: SASLOptions | undefined;
  if (config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD) {
    sasl = {
      mechanism: config.KAFKA_SASL_MECHANISM,
      username: config.KAFKA_SASL_USERNAME,
      password: config.KAFKA_SASL_PASSWORD,
    } as SASLOptions;
  }
  const ssl = config.KAFKA_SSL_CA_FILE ? { ca: [readFileSync(config.KAFKA_SSL_CA_FILE, 'utf8')] } : config.KAFKA_SSL;
  return {
    clientId: config.KAFKA_CLIENT_ID,
    brokers: [...config.KAFKA_BROKERS],
    ssl,
    sasl,
    logLevel: logLevel.ERROR,
    connectionTimeout: 3_000,
    retry: { retries: 8, initialRetryTime: 200 },
    ...overrides,
  };
}

/** Builds the kafkajs client for the configured cluster ({@link kafkaClientConfig}). */
export function createKafka(config: KafkaSettings, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka(kafkaClientConfig(config, overrides));
}
