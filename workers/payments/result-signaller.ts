import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { periodicWorkflowIdOfPayment } from '../../workflows/periodic/ids';
import { paymentResultSignal } from '../../workflows/periodic/signals';
import type { PaymentResultSignaller } from './handle-payment-result';

/**
 * Signals `paymentResult` to the periodic-award workflow of the result's payment id. A payment without a running
 * periodic workflow (a lump sum issued by the claim workflow, or an award that has ended) is `no-workflow`: the
 * result is kept and counted, never dead-lettered.
 */
export function createResultSignaller(client: Client): PaymentResultSignaller {
  return {
    async signal(result) {
      try {
        await client.workflow
          .getHandle(periodicWorkflowIdOfPayment(result.paymentId))
          .signal(paymentResultSignal, result);
        return 'signalled';
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) return 'no-workflow';
        if (/already completed/i.test((err as Error).message)) return 'no-workflow';
        throw err;
      }
    },
  };
}
