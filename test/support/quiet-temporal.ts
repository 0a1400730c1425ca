import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Workers log every state change at INFO; tests keep WARN and above. Installed once per Jest worker process. */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process by an earlier test file.
  }
}

/** A logger for `bundleWorkflowCode` that keeps only errors (webpack's build report is noise in tests). */
export const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
};
