/**
 * The single `workflowsPath` of every worker: each workflow the platform runs is exported from here
 * (STYLE H1, H9). Workflow type names are the exported function names, so they never change once deployed.
 */
export { claimProcessingWorkflow } from './claim/claim-processing';
export { periodicAwardWorkflow } from './periodic/periodic-award';
export { lumpSumPaymentWorkflow } from './payments/lump-sum-payment';
