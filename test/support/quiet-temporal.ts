import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Workers log every state change at INFO; tests keep WARN and above. Installed once per Jest worker process. */
export function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this process by an earlier test file.
  }
}
