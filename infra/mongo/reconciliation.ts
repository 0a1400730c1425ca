import type { Connection } from 'mongoose';
import { z } from 'zod';
import { PAYMENT_RESULTS_COLLECTION, type StoredPaymentResult } from './payment-results';

/*
 * Read-only queries for reconciliation (`npx claims reconcile <yyyy-mm>`): what the ledger instructed, what the bank
 * answered and what the bank's transfer record says it was asked to pay, for one payment month. Each is one find
 * on a `month` field (a collection scan on FerretDB, whose backends use no index for it: reconciliation is a rare
 * operator run, not a hot path). Only ids, amounts and statuses are read: never the payee.
 */

/** The payments ledger (infra/mongo/payment-ledger.ts): one document per paymentId holding the instruction. */
const LEDGER_COLLECTION = 'payments';
/** The simulated bank's transfers (workers/bank/transfer-store.ts): `_id` = paymentId. */
const BANK_TRANSFERS_COLLECTION = 'bank_transfers';

/** What reconciliation needs of a ledger instruction. */
export const LedgerLine = z.object({ paymentId: z.string(), month: z.string(), amountSen: z.number().int() });
export type LedgerLine = z.infer<typeof LedgerLine>;

/** What reconciliation needs of a received result. */
export type ResultLine = Pick<StoredPaymentResult, 'paymentId' | 'eventId' | 'status' | 'receivedAt'>;

/** The amount the bank was instructed to pay (the paid amount once paid). */
export interface BankAmountLine {
  paymentId: string;
  amountSen: number;
}

/** One month's reconciliation inputs. */
export interface ReconciliationInputs {
  instructions: LedgerLine[];
  results: ResultLine[];
  bankAmounts: BankAmountLine[];
}

/** Reads the ledger instructions, received results and bank amounts of payment month `month` (`YYYY-MM`). */
export async function loadReconciliationInputs(conn: Connection, month: string): Promise<ReconciliationInputs> {
  const [ledger, results, transfers] = await Promise.all([
    conn.collection(LEDGER_COLLECTION).find({ 'instruction.month': month }).toArray(),
    conn.collection<StoredPaymentResult>(PAYMENT_RESULTS_COLLECTION).find({ month }).toArray(),
    conn.collection(BANK_TRANSFERS_COLLECTION).find({ month }).toArray(),
  ]);
  return {
    instructions: ledger.map((doc) => LedgerLine.parse((doc as { instruction?: unknown }).instruction)),
    results: results.map((r) => ({
      paymentId: r.paymentId,
      eventId: r.eventId,
      status: r.status,
      receivedAt: r.receivedAt,
    })),
    bankAmounts: transfers.map((t) => {
      const doc = t as unknown as { _id: string; amountSen: number; paidAmountSen?: number };
      return { paymentId: doc._id, amountSen: doc.paidAmountSen ?? doc.amountSen };
    }),
  };
}
