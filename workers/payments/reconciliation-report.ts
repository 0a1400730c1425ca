import type { ReconciliationInputs } from '../../infra/mongo/reconciliation';
import type { PaymentResultV1 } from '../../schemas/events/payment-result.v1';

type Status = PaymentResultV1['status'];

/** One payment whose ledger amount differs from the amount the bank's result names. */
export interface AmountMismatch {
  paymentId: string;
  ledgerSen: number;
  bankSen: number;
}

/** A payment whose latest result is not `paid`: failed (never paid) or returned (paid, then sent back). */
export interface UnsettledPayment {
  paymentId: string;
  status: Exclude<Status, 'paid'>;
  amountSen: number;
  reasonCode?: string;
}

/**
 * The comparison of one payment month's ledger with the bank's results. The JSON form (`claims reconcile --json`)
 * is a contract for downstream teams: `schemaVersion` changes when a field changes meaning or goes away; fields are
 * only ever added within a version, and every list is sorted by payment id.
 */
export interface ReconciliationReport {
  schemaVersion: 1;
  month: string;
  /** Ledger instructions of the month. */
  instructions: number;
  /** Results received for the month (every answer, so a retried payment counts each attempt). */
  results: number;
  /** Results received, by status. */
  resultsByStatus: Record<Status, number>;
  /** Payments of the month by their latest result; `none` = no result yet. */
  paymentsByLatestStatus: Record<Status | 'none', number>;
  /** Ledger instructions with no result at all: unsettled, the bank has not answered. */
  instructionsWithoutResult: string[];
  /** Payments whose latest result is failed or returned: the money has not reached the beneficiary. */
  unsettled: UnsettledPayment[];
  /** Payment ids with results but no ledger instruction. */
  resultsWithoutInstruction: string[];
  /** Payments whose ledger amount differs from the amount in the bank's latest result that names one. */
  amountMismatches: AmountMismatch[];
  /** Paid payments whose results name no amount: the payment cannot be confirmed. */
  amountsNotConfirmed: string[];
  /** The sum of every list above: 0 means the month reconciles. */
  discrepancies: number;
}

const statuses = (): Record<Status, number> => ({ paid: 0, failed: 0, returned: 0 });

/**
 * Compares the ledger with the bank's results for one month, using only what the results say (status, amount,
 * reason), so the check is the same whichever bank answered. A payment reconciles when its latest result is `paid`
 * at the ledger amount. Everything else is listed: no result, failed or returned (including payments held for an
 * officer or waiting for new bank details), a result for a payment the ledger does not know, an amount that differs,
 * and a paid result without an amount.
 */
export function reconcile(month: string, inputs: ReconciliationInputs): ReconciliationReport {
  const ledger = new Map(inputs.instructions.map((i) => [i.paymentId, i]));
  type Latest = { status: Status; at: string; reasonCode?: string };
  const latest = new Map<string, Latest>();
  const amountOf = new Map<string, { at: string; sen: number }>();
  const resultsByStatus = statuses();
  for (const r of inputs.results) {
    resultsByStatus[r.status] += 1;
    const before = latest.get(r.paymentId);
    if (!before || before.at <= r.receivedAt) {
      latest.set(r.paymentId, {
        status: r.status,
        at: r.receivedAt,
        ...(r.reasonCode !== undefined ? { reasonCode: r.reasonCode } : {}),
      });
    }
    const amount = amountOf.get(r.paymentId);
    if (r.amountSen !== undefined && (!amount || amount.at <= r.receivedAt)) {
      amountOf.set(r.paymentId, { at: r.receivedAt, sen: r.amountSen });
    }
  }
  const paymentsByLatestStatus = { ...statuses(), none: 0 };
  const instructionsWithoutResult: string[] = [];
  const unsettled: UnsettledPayment[] = [];
  const amountMismatches: AmountMismatch[] = [];
  const amountsNotConfirmed: string[] = [];
  for (const instruction of inputs.instructions) {
    const l = latest.get(instruction.paymentId);
    paymentsByLatestStatus[l?.status ?? 'none'] += 1;
    if (!l) {
      instructionsWithoutResult.push(instruction.paymentId);
      continue;
    }
    if (l.status !== 'paid') {
      unsettled.push({
        paymentId: instruction.paymentId,
        status: l.status,
        amountSen: instruction.amountSen,
        ...(l.reasonCode !== undefined ? { reasonCode: l.reasonCode } : {}),
      });
    }
    const bankSen = amountOf.get(instruction.paymentId)?.sen;
    if (bankSen === undefined) {
      if (l.status === 'paid') amountsNotConfirmed.push(instruction.paymentId);
    } else if (bankSen !== instruction.amountSen) {
      amountMismatches.push({ paymentId: instruction.paymentId, ledgerSen: instruction.amountSen, bankSen });
    }
  }
  const resultsWithoutInstruction = [...latest.keys()].filter((id) => !ledger.has(id));
  const byId = (a: { paymentId: string }, b: { paymentId: string }) => a.paymentId.localeCompare(b.paymentId);
  instructionsWithoutResult.sort();
  resultsWithoutInstruction.sort();
  amountsNotConfirmed.sort();
  unsettled.sort(byId);
  amountMismatches.sort(byId);
  return {
    schemaVersion: 1,
    month,
    instructions: inputs.instructions.length,
    results: inputs.results.length,
    resultsByStatus,
    paymentsByLatestStatus,
    instructionsWithoutResult,
    unsettled,
    resultsWithoutInstruction,
    amountMismatches,
    amountsNotConfirmed,
    discrepancies:
      instructionsWithoutResult.length +
      unsettled.length +
      resultsWithoutInstruction.length +
      amountMismatches.length +
      amountsNotConfirmed.length,
  };
}
