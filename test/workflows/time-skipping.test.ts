import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { sleepThirtyDaysWorkflow } from './fixtures/workflows';
import { startTimeSkippingEnv } from '../support/temporal-env';
import { taskQueueFor, uniqueSuffix } from '../support/unique';

describe('time-skipping test server (installed executable)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/workflows') });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('when a workflow sleeps 30 days, then it completes in seconds of wall time', async () => {
    const taskQueue = taskQueueFor('sleep 30 days');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle });
    const startedAt = Date.now();
    const handle = await env.client.workflow.start(sleepThirtyDaysWorkflow, {
      taskQueue,
      workflowId: `sleepy-${uniqueSuffix()}`,
    });
    const before = await env.currentTimeMs();
    const result = await worker.runUntil(handle.result());
    const after = await env.currentTimeMs();

    expect(result).toBe('woke');
    // Workflow time moved a month while wall time moved far less (not a timing assertion: a correctness one).
    expect(after - before).toBeGreaterThanOrEqual(30 * 24 * 3600 * 1000);
    expect(Date.now() - startedAt).toBeLessThan(30 * 24 * 3600 * 1000);
  });
});
