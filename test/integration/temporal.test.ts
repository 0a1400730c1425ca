import { quietBundlerLogger } from '../support/quiet-temporal';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ClaimIdKey, ClaimStageKey } from '../../workflows/search-attributes';
import { stackSmokeWorkflow } from './fixtures/workflows';
import { connectDevServerEnv } from '../support/temporal-env';
import { eventually, taskQueueFor, uniqueSuffix } from '../support/unique';

describe('Temporal dev server (real connection)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    env = await connectDevServerEnv();
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/workflows'),
      logger: quietBundlerLogger,
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('when a workflow runs, then it completes and a List Filter on a custom search attribute finds it', async () => {
    const taskQueue = taskQueueFor('stack smoke');
    const claimId = `C-IT-${uniqueSuffix()}`;
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
    });
    const result = await worker.runUntil(
      env.client.workflow.execute(stackSmokeWorkflow, {
        taskQueue,
        workflowId: `stack-smoke-${claimId}`,
        args: ['awaiting-medical-assessment'],
        typedSearchAttributes: [{ key: ClaimIdKey, value: claimId }],
      })
    );
    expect(result).toBe(`stack-smoke-${claimId}`);

    // Visibility is eventually consistent: poll until the filter sees the run.
    const query = `ClaimId = "${claimId}" AND ClaimStage = "awaiting-medical-assessment" AND ExecutionStatus = "Completed"`;
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const wf of env.client.workflow.list({ query })) ids.push(wf.workflowId);
      return ids.length === 1 ? ids : undefined;
    }, 15_000);
    expect(found).toEqual([`stack-smoke-${claimId}`]);

    const described = await env.client.workflow.getHandle(`stack-smoke-${claimId}`).describe();
    expect(described.typedSearchAttributes.get(ClaimStageKey)).toBe('awaiting-medical-assessment');
  });
});
