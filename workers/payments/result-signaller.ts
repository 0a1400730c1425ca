import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { lumpSumWorkflowId } from '../../workflows/payments/ids';
import { periodicWorkflowIdOfPayment } from '../../workflows/periodic/ids';
import { paymentResultSignal } from '../../workflows/periodic/signals';
import type { PaymentResultSignaller } from './handle-payment-result';

/** Not found, or found closed: the server answers a signal to a closed workflow as not found. */
const isGone = (err: unknown): boolean =>
  err instanceof WorkflowNotFoundError || /already completed/i.test((err as Error).message);

/**
 * Signals `paymentResult` to the workflow that settles the result's payment: the periodic-award workflow of its
 * award line, or else the lump sum's payment workflow `payment-<paymentId>`. A payment with neither running (a lump
 * sum whose workflow has not started yet, which then reads the stored result itself; a lump sum from before payment
 * workflows; an award that has ended) is `no-workflow`: the result is kept and counted, never dead-lettered.
 */
export function createResultSignaller(client: Client): PaymentResultSignaller {
  return {
    async signal(result) {
      for (const workflowId of [periodicWorkflowIdOfPayment(result.paymentId), lumpSumWorkflowId(result.paymentId)]) {
        try {
          await client.workflow.getHandle(workflowId).signal(paymentResultSignal, result);
          return 'signalled';
        } catch (err) {
          if (!isGone(err)) throw err;
        }
      }
      return 'no-workflow';
    },
  };
}
