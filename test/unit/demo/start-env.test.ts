import { loadConfig } from '../../../infra/config';
import { parseDemoSettings } from '../../../workers/demo/settings';
import { DEMO_START_ENV, START_MONGO_POOL_SIZE, startChildEnv, withMaxPoolSize } from '../../../workers/demo/start-env';

const DEFAULT_URI = 'mongodb://127.0.0.1:27017/claims';

describe('withMaxPoolSize', () => {
  it('when the URI has no options, then the pool size is added', () => {
    expect(withMaxPoolSize(DEFAULT_URI, 20)).toBe('mongodb://127.0.0.1:27017/claims?maxPoolSize=20');
    expect(withMaxPoolSize('mongodb://127.0.0.1:27017', 20)).toBe('mongodb://127.0.0.1:27017/?maxPoolSize=20');
  });

  it('when the URI has other options, then the pool size is appended to them', () => {
    expect(withMaxPoolSize('mongodb://m1,m2,m3/claims?replicaSet=rs0', 20)).toBe(
      'mongodb://m1,m2,m3/claims?replicaSet=rs0&maxPoolSize=20'
    );
  });

  it('when the URI already sets a pool size, then it is kept', () => {
    const uri = 'mongodb://127.0.0.1:27017/claims?maxPoolSize=5';
    expect(withMaxPoolSize(uri, 20)).toBe(uri);
  });
});

describe('startChildEnv', () => {
  it('when nothing is set, then the processes get the demo settings and a capped pool on the default database', () => {
    const env = startChildEnv({}, DEFAULT_URI);
    expect(env).toMatchObject(DEMO_START_ENV);
    expect(env.MONGODB_URI).toBe(`${DEFAULT_URI}?maxPoolSize=${START_MONGO_POOL_SIZE}`);
  });

  it('when the caller sets a variable, then the caller wins (and a MONGODB_URI is still capped)', () => {
    const env = startChildEnv(
      { BANK_FAIL_RATE: '0', DEMO_CHECKER_DELAY_MS: '0', MONGODB_URI: 'mongodb://db.internal/claims' },
      DEFAULT_URI
    );
    expect(env.BANK_FAIL_RATE).toBe('0');
    expect(env.DEMO_CHECKER_DELAY_MS).toBe('0');
    expect(env.MONGODB_URI).toBe(`mongodb://db.internal/claims?maxPoolSize=${START_MONGO_POOL_SIZE}`);
  });

  it('when the demo settings are read by the processes, then the platform config and the demo settings accept them', () => {
    const env = startChildEnv({}, DEFAULT_URI);
    const config = loadConfig(env);
    expect(config).toMatchObject({ BANK_FAIL_RATE: 0.15, BANK_RETURN_RATE: 0.1, PERIODIC_CYCLE_SECONDS: 60 });
    expect(config.PERIODIC_RETRY_SCHEDULE).toBe('10 seconds, 20 seconds, 30 seconds');
    expect(parseDemoSettings([], env)).toMatchObject({
      DEMO_PERSONS: 300,
      DEMO_BOARD_DELAY_MS: 5_000,
      DEMO_CHECKER_DELAY_MS: 10_000,
      DEMO_CHECKER_ACTOR: 'demo.checker',
      checker: true,
    });
  });
});
