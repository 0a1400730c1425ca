import { quietBundlerLogger } from '../support/quiet-temporal';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../infra/temporal/bundler-options';

// STYLE H3: the bundler is the real guard of the sandbox boundary; a stray Node import in workflows/ fails here.
it('when the workflows are bundled with the real bundler, then no forbidden module is pulled in', async () => {
  const bundle = await bundleWorkflowCode({
    ...WORKFLOW_BUNDLER_OPTIONS,
    workflowsPath: require.resolve('../../workflows'),
    logger: quietBundlerLogger,
  });
  expect(bundle.code.length).toBeGreaterThan(0);
});
