import type { LogLevel } from '@temporalio/common';
import { DefaultLogger, Runtime, type RuntimeOptions } from '@temporalio/worker';
import type { Config } from '../config';

/**
 * The worker process's Temporal runtime: its logger (the workflows' `log` and the SDK's own lines) at `LOG_LEVEL`.
 * Without it the SDK logs at INFO whatever the configuration says, e.g. every claim event of every workflow.
 */
export function runtimeOptions(config: Pick<Config, 'LOG_LEVEL'>): RuntimeOptions {
  return { logger: new DefaultLogger(config.LOG_LEVEL.toUpperCase() as LogLevel) };
}

/** Installs the runtime once, before the process opens its first Temporal connection. */
export function installRuntime(config: Pick<Config, 'LOG_LEVEL'>): void {
  Runtime.install(runtimeOptions(config));
}
