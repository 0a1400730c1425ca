/**
 * The no-op baseline's workflowsPath: the no-op claim under the production type name `claimProcessingWorkflow`
 * (the type the intake starts) and its no-op child.
 */
export { benchNoopClaimWorkflow as claimProcessingWorkflow, benchNoopChildWorkflow } from './noop-workflows';
