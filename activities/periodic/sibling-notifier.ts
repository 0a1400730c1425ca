import type { Client } from '@temporalio/client';
import type { SiblingNotifier } from './ports';

/**
 * Sends a recomputed share to a sibling periodic workflow as its `changeRate` update (EI-DEP-004), through the
 * worker's Temporal client. The update id is derived from the change, so a retried activity applies it once.
 */
export function temporalSiblingNotifier(client: Client): SiblingNotifier {
  return {
    async changeRate(workflowId, input) {
      const { change, stoppedBeneficiaryIds } = input as {
        change?: { effectiveDate?: string };
        stoppedBeneficiaryIds?: string[];
      };
      await client.workflow.getHandle(workflowId).executeUpdate('changeRate', {
        args: [input],
        updateId: `change-rate-${change?.effectiveDate ?? 'undated'}-${(stoppedBeneficiaryIds ?? []).join('+')}`,
      });
    },
  };
}
