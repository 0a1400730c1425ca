/*
 * The identity of a lump sum's payment workflow: derived from its payment id, so starting it twice (a replayed claim
 * step) finds the same workflow, and the results consumer finds it from a result's payment id alone.
 */

/** The workflow id of the payment workflow of the lump sum `paymentId`. */
export const lumpSumWorkflowId = (paymentId: string): string => `payment-${paymentId}`;
