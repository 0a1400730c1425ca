import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { DataConverter } from '@temporalio/common';
import { TEMPORAL_TEST_SERVER_BIN } from '../../infra/servers/paths';

/**
 * The only place tests learn where the Temporal test binaries live. `@temporalio/testing` cannot download its
 * servers here, so it gets the executable installed by infra/servers/install.sh (`existing-path`).
 */
export async function startTimeSkippingEnv(dataConverter?: DataConverter): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEMPORAL_TEST_SERVER_BIN } },
    client: dataConverter ? { dataConverter } : undefined,
  });
}

/** The dev server started by the stack (integration tests): search attributes, visibility, UI and codec are real. */
export async function connectDevServerEnv(dataConverter?: DataConverter): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createFromExistingServer({
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    namespace: process.env.TEMPORAL_NAMESPACE ?? 'default',
    client: dataConverter ? { dataConverter } : undefined,
  });
}
