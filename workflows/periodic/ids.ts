/*
 * The identity of a periodic-award workflow: one per (award, beneficiary), derived from them so that starting it
 * twice (a retried claim activity, a redelivered event) finds the same workflow (STYLE H15). The payment results
 * consumer derives the same id from a payment id `<awardId>:<beneficiaryId>:<YYYY-MM>`.
 */

/** The workflow id of the periodic-award workflow paying `beneficiaryId` under `awardId`. */
export const periodicWorkflowId = (awardId: string, beneficiaryId: string): string =>
  `award-${awardId}-${beneficiaryId}`;

/** The periodic-award workflow id a payment id belongs to (award and beneficiary ids contain no colon). */
export function periodicWorkflowIdOfPayment(paymentId: string): string {
  const [awardId, beneficiaryId] = paymentId.split(':');
  if (awardId === undefined || beneficiaryId === undefined) throw new Error(`not a payment id: ${paymentId}`);
  return periodicWorkflowId(awardId, beneficiaryId);
}
