import { ConfigError, loadConfig } from '../../infra/config';

describe('configuration from the environment', () => {
  it('when nothing is set, then the local stack defaults apply', () => {
    const config = loadConfig({});
    expect(config.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.MONGODB_URI).toBe('mongodb://127.0.0.1:27017/claims');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when KAFKA_BROKERS lists several brokers, then each is parsed', () => {
    expect(loadConfig({ KAFKA_BROKERS: 'k1.prod:9092, k2.prod:9092' }).KAFKA_BROKERS).toEqual([
      'k1.prod:9092',
      'k2.prod:9092',
    ]);
  });

  it.each([['localhost'], ['127.0.0.1:9092;other:9092'], ['host:port'], ['']])(
    'when KAFKA_BROKERS is %p, then the error names KAFKA_BROKERS',
    (value) => {
      expect(() => loadConfig({ KAFKA_BROKERS: value })).toThrow(ConfigError);
      expect(() => loadConfig({ KAFKA_BROKERS: value })).toThrow(/KAFKA_BROKERS/);
    }
  );

  it.each([['soon'], ['1 day, later'], ['3 fortnights'], ['1 day,,2 days']])(
    'when PERIODIC_RETRY_SCHEDULE is %p, then the process stops at start naming it (not months later at sleep)',
    (value) => {
      expect(() => loadConfig({ PERIODIC_RETRY_SCHEDULE: value })).toThrow(/PERIODIC_RETRY_SCHEDULE/);
    }
  );

  it('when PERIODIC_RETRY_SCHEDULE lists durations, then it is accepted', () => {
    expect(loadConfig({ PERIODIC_RETRY_SCHEDULE: '1 day, 3 days,7 days' }).PERIODIC_RETRY_SCHEDULE).toBe(
      '1 day, 3 days,7 days'
    );
  });

  it('when KAFKA_DLQ_RETENTION is unset, then DLQ topics keep records for 30 days', () => {
    expect(loadConfig({}).KAFKA_DLQ_RETENTION).toBe(30 * 86_400_000);
  });

  it.each([
    ['7d', 7 * 86_400_000],
    ['12 hours', 12 * 3_600_000],
  ])('when KAFKA_DLQ_RETENTION is %p, then it is %p ms', (value, ms) => {
    expect(loadConfig({ KAFKA_DLQ_RETENTION: value }).KAFKA_DLQ_RETENTION).toBe(ms);
  });

  it.each([['30'], ['forever'], ['0d'], ['1 month']])(
    'when KAFKA_DLQ_RETENTION is %p, then the error names KAFKA_DLQ_RETENTION',
    (value) => {
      expect(() => loadConfig({ KAFKA_DLQ_RETENTION: value })).toThrow(
        /KAFKA_DLQ_RETENTION: expected a positive duration such as 30d/
      );
    }
  );

  it('when nothing is set, then producers wait out 10 minutes of Kafka outage and a stall is 2 minutes', () => {
    const config = loadConfig({});
    expect(config.KAFKA_PRODUCER_OUTAGE_MAX).toBe(10 * 60_000);
    expect(config.STALL_AFTER).toBe(2 * 60_000);
  });

  it.each([
    ['KAFKA_PRODUCER_OUTAGE_MAX', '30m', 30 * 60_000],
    ['KAFKA_PRODUCER_OUTAGE_MAX', '90s', 90_000],
    ['STALL_AFTER', '5 minutes', 5 * 60_000],
    ['STALL_AFTER', '10s', 10_000],
  ])('when %s is %p, then it is %p ms', (variable, value, ms) => {
    expect(loadConfig({ [variable]: value })[variable as 'STALL_AFTER']).toBe(ms);
  });

  it.each([
    ['KAFKA_PRODUCER_OUTAGE_MAX', '500ms', /KAFKA_PRODUCER_OUTAGE_MAX: expected a duration of at least 1s/],
    ['KAFKA_PRODUCER_OUTAGE_MAX', 'forever', /KAFKA_PRODUCER_OUTAGE_MAX: expected a duration/],
    ['STALL_AFTER', '5s', /STALL_AFTER: expected a duration of at least 10s/],
    ['STALL_AFTER', '2', /STALL_AFTER: expected a duration/],
  ])('when %s is %p, then the error names it', (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });

  it('when several variables are bad, then every one is named', () => {
    try {
      loadConfig({ TEMPORAL_ADDRESS: 'nope', MONGODB_URI: 'postgres://x', KAFKA_SSL: 'maybe' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/TEMPORAL_ADDRESS/);
      expect(problems).toMatch(/MONGODB_URI/);
      expect(problems).toMatch(/KAFKA_SSL/);
    }
  });

  it('when SASL is configured without credentials, then the missing variable is named', () => {
    expect(() => loadConfig({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(/KAFKA_SASL_USERNAME/);
  });

  it('when a secret is malformed, then its value is not echoed', () => {
    expect(() => loadConfig({ CODEC_SERVER_TOKEN: 'short' })).toThrow(/CODEC_SERVER_TOKEN/);
    expect(() => loadConfig({ CODEC_SERVER_TOKEN: 'short' })).not.toThrow(/"short"/);
  });
});
