import { logLevel } from 'kafkajs';
import { loadConfig } from '../../../infra/config';
import { createKafka, kafkaClientConfig } from '../../../infra/kafka/client';
import { CA_PEM, pemFiles } from './pem-files';

describe('Kafka client options (infra/kafka/client.ts)', () => {
  const files = pemFiles({ ca: CA_PEM });

  it('when nothing is set, then the client speaks plain TCP to the local broker without SASL', () => {
    const options = kafkaClientConfig(loadConfig({}));
    expect(options).toMatchObject({
      clientId: 'socso-claims',
      brokers: ['127.0.0.1:9092'],
      ssl: false,
      logLevel: logLevel.ERROR,
    });
    expect(options.sasl).toBeUndefined();
  });

  it('when KAFKA_SSL is true, then TLS is on with the system CAs', () => {
    const options = kafkaClientConfig(loadConfig({ KAFKA_BROKERS: 'k1.prod:9093,k2.prod:9093', KAFKA_SSL: 'true' }));
    expect(options).toMatchObject({ brokers: ['k1.prod:9093', 'k2.prod:9093'], ssl: true });
  });

  it('when KAFKA_SSL_CA_FILE is set, then TLS is on and trusts that CA (KAFKA_SSL may be left unset)', () => {
    expect(kafkaClientConfig(loadConfig({ KAFKA_SSL_CA_FILE: files.ca })).ssl).toEqual({ ca: [CA_PEM] });
    expect(kafkaClientConfig(loadConfig({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: files.ca })).ssl).toEqual({
      ca: [CA_PEM],
    });
  });

  it.each([['plain'], ['scram-sha-256'], ['scram-sha-512']] as const)(
    'when SASL %s is configured, then the client authenticates with that mechanism',
    (mechanism) => {
      const options = kafkaClientConfig(
        loadConfig({
          KAFKA_SSL: 'true',
          KAFKA_SASL_MECHANISM: mechanism,
          KAFKA_SASL_USERNAME: 'claims-app',
          KAFKA_SASL_PASSWORD: 's3cret',
        })
      );
      expect(options.sasl).toEqual({ mechanism, username: 'claims-app', password: 's3cret' });
      expect(options.ssl).toBe(true);
    }
  );

  it('when a caller overrides an option, then the override wins (the stack probe, the outage tests)', () => {
    expect(kafkaClientConfig(loadConfig({}), { connectionTimeout: 2_000 }).connectionTimeout).toBe(2_000);
  });

  it('when settings are built by hand without the CA file, then the client is still built (the stack probe)', () => {
    const kafka = createKafka({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_CLIENT_ID: 'probe',
      KAFKA_SSL: false,
      KAFKA_SASL_MECHANISM: undefined,
      KAFKA_SASL_USERNAME: undefined,
      KAFKA_SASL_PASSWORD: undefined,
    });
    expect(typeof kafka.admin).toBe('function');
  });

  it.each([
    [{ KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' }, /KAFKA_SSL_CA_FILE: expected the path of a readable file/],
    [{ KAFKA_SASL_MECHANISM: 'scram-sha-256' }, /KAFKA_SASL_USERNAME/],
    [{ KAFKA_SASL_MECHANISM: 'gssapi' }, /KAFKA_SASL_MECHANISM/],
  ])('when %p, then the error names the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
