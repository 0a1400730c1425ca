import type { ReconciliationInputs } from '../../infra/mongo/reconciliation';
import type { PaymentResultV1 } from '../../schemas/events/payment-result.v1';

type Status = PaymentResultV1['status'];

/** One payment whose ledger amount differs from the amount the bank was asked to pay. */
export interface AmountMismatch {
  paymentId: string;
  ledgerSen: number;
  bankSen: number;
}

/** The comparison of one payment month's ledger with the bank's results. */
export interface ReconciliationReport {
  month: string;
  /** Ledger instructions of the month. */
  instructions: number;
  /** Results received for the month (every answer, so a retried payment counts each attempt). */
  results: number;
  /** Results received, by status. */
  resultsByStatus: Record<Status, number>;
  /** Payments of the month by their latest result; `none` = no result yet. */
  paymentsByLatestStatus: Record<Status | 'none', number>;
  /** Ledger instructions with no result at all (sorted payment ids). */
  instructionsWithoutResult: string[];
  /** Payment ids with results but no ledger instruction. */
  resultsWithoutInstruction: string[];
  /** Payments whose ledger amount differs from the bank's transfer record. */
  amountMismatches: AmountMismatch[];
  /** Instructions the bank keeps no transfer record of (a real bank's results carry no amount): not compared. */
  amountsNotChecked: number;
  /** instructionsWithoutResult + resultsWithoutInstruction + amountMismatches. */
  discrepancies: number;
}

const statuses = (): Record<Status, number> => ({ paid: 0, failed: 0, returned: 0 });

/**
 * Compares the ledger with the results for one month. Results carry no amount (PaymentResultV1), so amounts are
 * compared with the bank's own transfer record (the amount of the instruction it acted on, or paid); a payment
 * without such a record is counted in `amountsNotChecked`, not reported as a mismatch.
 */
export function reconcile(month: string, inputs: ReconciliationInputs): ReconciliationReport {
  const ledger = new Map(inputs.instructions.map((i) => [i.paymentId, i]));
  const latest = new Map<string, { status: Status; at: string }>();
  const resultsByStatus = statuses();
  for (const r of inputs.results) {
    resultsByStatus[r.status] += 1;
    const before = latest.get(r.paymentId);
    if (!before || before.at <= r.receivedAt) latest.set(r.paymentId, { status: r.status, at: r.receivedAt });
  }
  const bank = new Map(inputs.bankAmounts.map((b) => [b.paymentId, b.amountSen]));
  const paymentsByLatestStatus = { ...statuses(), none: 0 };
  const instructionsWithoutResult: string[] = [];
  const amountMismatches: AmountMismatch[] = [];
  let amountsNotChecked = 0;
  for (const instruction of inputs.instructions) {
    const l = latest.get(instruction.paymentId);
    paymentsByLatestStatus[l?.status ?? 'none'] += 1;
    if (!l) instructionsWithoutResult.push(instruction.paymentId);
    const bankSen = bank.get(instruction.paymentId);
    if (bankSen === undefined) amountsNotChecked += 1;
    else if (bankSen !== instruction.amountSen) {
      amountMismatches.push({ paymentId: instruction.paymentId, ledgerSen: instruction.amountSen, bankSen });
    }
  }
  const resultsWithoutInstruction = [...latest.keys()].filter((id) => !ledger.has(id));
  instructionsWithoutResult.sort();
  resultsWithoutInstruction.sort();
  amountMismatches.sort((a, b) => a.paymentId.localeCompare(b.paymentId));
  return {
    month,
    instructions: inputs.instructions.length,
    results: inputs.results.length,
    resultsByStatus,
    paymentsByLatestStatus,
    instructionsWithoutResult,
    resultsWithoutInstruction,
    amountMismatches,
    amountsNotChecked,
    discrepancies: instructionsWithoutResult.length + resultsWithoutInstruction.length + amountMismatches.length,
  };
}
