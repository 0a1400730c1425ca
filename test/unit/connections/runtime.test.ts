import { DefaultLogger } from '@temporalio/worker';
import { loadConfig } from '../../../infra/config';
import { runtimeOptions } from '../../../infra/temporal/runtime';

describe('the worker runtime (infra/temporal/runtime.ts)', () => {
  it('when LOG_LEVEL is unset, then the worker logs at INFO', () => {
    const { logger } = runtimeOptions(loadConfig({}));
    expect(logger).toBeInstanceOf(DefaultLogger);
    expect((logger as DefaultLogger).level).toBe('INFO');
  });

  it('when LOG_LEVEL is warn, then the workflows’ info lines (a claim event each) are not written', () => {
    const lines: string[] = [];
    const logger = runtimeOptions(loadConfig({ LOG_LEVEL: 'warn' })).logger as DefaultLogger;
    // The same logger, writing to a list instead of stderr, shows what passes the level.
    const probe = new DefaultLogger(logger.level, (entry) => lines.push(`${entry.level} ${entry.message}`));
    probe.info('claim event', { claimId: 'C-2026-000123' });
    probe.warn('activity timed out');
    expect(lines).toEqual(['WARN activity timed out']);
  });
});
