import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { SiblingNotifier } from './ports';

/**
 * Sends a recomputed share to a sibling periodic workflow as its `changeRate` update (EI-DEP-004), through the
 * worker's Temporal client. The update id is derived from the change, so a retried activity applies it once. A
 * sibling that refuses the update (stopped by an operator, or past the change) or whose workflow has closed is an
 * answer, not an error: the outcome is returned for the caller to record, and the stopping award goes on to finish
 * (before, the refusal was retried without end and the stopping award never finished).
 */
export function temporalSiblingNotifier(client: Client): SiblingNotifier {
  /** One update to a sibling: applied, refused by its validator, or its workflow has closed. */
  async function send(workflowId: string, name: string, input: unknown, updateId: string) {
    try {
      await client.workflow.getHandle(workflowId).executeUpdate(name, { args: [input], updateId });
      return 'applied' as const;
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) return 'refused' as const;
      if (err instanceof WorkflowNotFoundError) return 'closed' as const;
      throw err;
    }
  }
  return {
    async siblingStopped(workflowId, input) {
      const { beneficiaryId } = input as { beneficiaryId?: string };
      return send(workflowId, 'recordSiblingStopped', input, `sibling-stopped-${beneficiaryId ?? 'unknown'}`);
    },
    async changeRate(workflowId, input) {
      const { change, stoppedBeneficiaryIds } = input as {
        change?: { effectiveDate?: string };
        stoppedBeneficiaryIds?: string[];
      };
      const updateId = `change-rate-${change?.effectiveDate ?? 'undated'}-${(stoppedBeneficiaryIds ?? []).join('+')}`;
      return send(workflowId, 'changeRate', input, updateId);
    },
  };
}
