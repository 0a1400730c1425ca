import type { Connection } from 'mongoose';
import { z } from 'zod';
import { PAYMENT_RESULTS_COLLECTION, type StoredPaymentResult } from './payment-results';

/*
 * Read-only queries for reconciliation (`npx claims reconcile <yyyy-mm>`): what the ledger instructed and what the
 * bank answered, with the amount each answer names, for one payment month. Only the bank's own results are used, so
 * the same check holds against any bank (the simulated bank's internal transfer record is not read). Each is one
 * find on a `month` field. Only ids, amounts, statuses and reason codes are read: never the payee.
 */

/** The payments ledger (infra/mongo/payment-ledger.ts): one document per paymentId holding the instruction. */
const LEDGER_COLLECTION = 'payments';

/** What reconciliation needs of a ledger instruction. */
export const LedgerLine = z.object({ paymentId: z.string(), month: z.string(), amountSen: z.number().int() });
export type LedgerLine = z.infer<typeof LedgerLine>;

/** What reconciliation needs of a received result: its status, when, and the amount and reason the bank gave. */
export type ResultLine = Pick<StoredPaymentResult, 'paymentId' | 'eventId' | 'status' | 'receivedAt'> & {
  amountSen?: number;
  reasonCode?: string;
};

/** One month's reconciliation inputs. */
export interface ReconciliationInputs {
  instructions: LedgerLine[];
  results: ResultLine[];
}

/** Reads the ledger instructions and the received results of payment month `month` (`YYYY-MM`). */
export async function loadReconciliationInputs(conn: Connection, month: string): Promise<ReconciliationInputs> {
  const [ledger, results] = await Promise.all([
    conn.collection(LEDGER_COLLECTION).find({ 'instruction.month': month }).toArray(),
    conn.collection<StoredPaymentResult>(PAYMENT_RESULTS_COLLECTION).find({ month }).toArray(),
  ]);
  return {
    instructions: ledger.map((doc) => LedgerLine.parse((doc as { instruction?: unknown }).instruction)),
    results: results.map((r) => ({
      paymentId: r.paymentId,
      eventId: r.eventId,
      status: r.status,
      receivedAt: r.receivedAt,
      ...(r.result.amountSen !== undefined ? { amountSen: r.result.amountSen } : {}),
      ...(r.result.status !== 'paid' ? { reasonCode: r.result.reasonCode } : {}),
    })),
  };
}
