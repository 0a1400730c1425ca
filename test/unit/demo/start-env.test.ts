import { loadConfig } from '../../../infra/config';
import { mongoConnectOptions } from '../../../infra/mongo/connection';
import { parseDemoSettings } from '../../../workers/demo/settings';
import { DEMO_START_ENV, startChildEnv } from '../../../workers/demo/start-env';

const DEFAULT_URI = 'mongodb://127.0.0.1:27017/claims';

describe('pool size in the URI', () => {
  it('when a process reads a URI with a pool size, then that size wins over MONGODB_MAX_POOL_SIZE', () => {
    const config = loadConfig({ MONGODB_URI: `${DEFAULT_URI}?maxPoolSize=5`, MONGODB_MAX_POOL_SIZE: '20' });
    expect(mongoConnectOptions(config)).not.toHaveProperty('maxPoolSize');
  });
});

describe('startChildEnv', () => {
  it('when nothing is set, then the processes get the demo settings and the default database as configured', () => {
    const env = startChildEnv({});
    expect(env).toMatchObject(DEMO_START_ENV);
    expect(env.MONGODB_URI).toBeUndefined();
  });

  it('when the caller sets a variable, then the caller wins and MONGODB_URI passes through unchanged', () => {
    const env = startChildEnv({
      BANK_FAIL_RATE: '0',
      DEMO_CHECKER_DELAY_MS: '0',
      MONGODB_URI: 'mongodb://db.internal/claims',
    });
    expect(env.BANK_FAIL_RATE).toBe('0');
    expect(env.DEMO_CHECKER_DELAY_MS).toBe('0');
    expect(env.MONGODB_URI).toBe('mongodb://db.internal/claims');
  });

  it('when a process npm start runs opens its store, then its pool is capped at 20 by the config, not by the URI', () => {
    const config = loadConfig(startChildEnv({}));
    expect(config.MONGODB_URI).toBe(DEFAULT_URI);
    expect(mongoConnectOptions(config)).toMatchObject({ maxPoolSize: 20 });
  });

  it('when the demo settings are read by the processes, then the platform config and the demo settings accept them', () => {
    const env = startChildEnv({});
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
