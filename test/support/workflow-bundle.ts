import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../infra/temporal/bundler-options';
import { quietBundlerLogger } from './quiet-temporal';

/**
 * The project's workflows (`workflows/index.ts`) bundled as the worker bundles them (WORKFLOW_BUNDLER_OPTIONS, which
 * the sandbox needs), with webpack's report kept quiet. For workflow, replay and in-process worker tests.
 */
export function bundleProjectWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: quietBundlerLogger,
    ...WORKFLOW_BUNDLER_OPTIONS,
  });
}
