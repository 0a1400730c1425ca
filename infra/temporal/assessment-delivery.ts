import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { submitMedicalAssessmentUpdate } from '../../workflows/claim/messages';
import type { AssessmentDelivery } from '../../workers/medical/handle-medical-assessment';
import { claimWorkflowId } from './claim-starter';

/**
 * Delivers Medical Board decisions to claim workflows as the `submitMedicalAssessment` update. An update, not a
 * signal, so a decision the claim refuses (closed claim, wrong stage, invalid for the claim) is known at once and
 * dead-lettered with the reason instead of vanishing inside the workflow.
 */
export function createAssessmentDelivery(client: Client): AssessmentDelivery {
  return {
    async deliver(decision) {
      try {
        await client.workflow
          .getHandle(claimWorkflowId(decision.claimId))
          .executeUpdate(submitMedicalAssessmentUpdate, { args: [decision] });
        return 'delivered';
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return { refused: `no open claim ${decision.claimId}` };
        if (err instanceof WorkflowUpdateFailedError) return { refused: err.cause?.message ?? err.message };
        // "workflow execution already completed" comes back as a gRPC NOT_FOUND-like error on closed runs.
        if (/already completed/i.test((err as Error).message))
          return { refused: `claim ${decision.claimId} is closed` };
        throw err;
      }
    },
  };
}
