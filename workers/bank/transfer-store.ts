import type { Connection } from 'mongoose';
import { PaymentResultV1 } from '../../schemas/events/payment-result.v1';

/** The simulated bank's own collection: one document per paymentId (`_id`), FerretDB-friendly (no scans). */
export const BANK_TRANSFERS_COLLECTION = 'bank_transfers';

/**
 * One payment as the bank saw it: every attempt's answer keyed by the instruction eventId, the amount last
 * instructed and, once paid, the paid answer and amount (a payment is paid at most once).
 */
export interface BankTransferDoc {
  _id: string;
  month: string;
  amountSen: number;
  attempts: Record<string, PaymentResultV1>;
  paid?: PaymentResultV1;
  paidAmountSen?: number;
}

/** What the bank answers for one instruction and why. */
export interface TransferAnswer {
  result: PaymentResultV1;
  /** `new`: a new attempt decided now; `repeat`: this eventId was answered before; `already-paid`: paid earlier. */
  kind: 'new' | 'repeat' | 'already-paid';
}

/** The bank's memory of transfers (idempotency by paymentId and instruction eventId). */
export interface BankTransferStore {
  /**
   * The answer to an instruction attempt: the stored `paid` answer when the payment was paid (by any attempt), the
   * stored answer when this eventId was answered before, else `decide()` recorded as a new attempt. Concurrent
   * callers agree: the first write wins and the others re-read it.
   */
  answer(attempt: {
    paymentId: string;
    instructionEventId: string;
    month: string;
    amountSen: number;
    decide: () => Promise<PaymentResultV1>;
  }): Promise<TransferAnswer>;
  /** The stored transfer of a payment, if any. */
  get(paymentId: string): Promise<BankTransferDoc | null>;
}

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

/** The Mongo-backed {@link BankTransferStore} on an injected connection. */
export function createBankTransferStore(conn: Connection): BankTransferStore {
  const transfers = conn.collection<BankTransferDoc>(BANK_TRANSFERS_COLLECTION);
  const get = (paymentId: string): Promise<BankTransferDoc | null> =>
    transfers.findOne({ _id: paymentId }) as Promise<BankTransferDoc | null>;

  return {
    get,
    async answer({ paymentId, instructionEventId, month, amountSen, decide }) {
      // A lost race (another writer got there first) re-reads and answers from what was stored.
      for (let round = 0; round < 5; round += 1) {
        const doc = await get(paymentId);
        if (doc?.paid) {
          const kind = doc.paid.eventId === doc.attempts[instructionEventId]?.eventId ? 'repeat' : 'already-paid';
          return { result: PaymentResultV1.parse(doc.paid), kind };
        }
        const before = doc?.attempts[instructionEventId];
        if (before) return { result: PaymentResultV1.parse(before), kind: 'repeat' };

        const result = PaymentResultV1.parse(await decide());
        const paid = result.status === 'paid' ? { paid: result, paidAmountSen: amountSen } : {};
        if (!doc) {
          try {
            await transfers.insertOne({
              _id: paymentId,
              month,
              amountSen,
              attempts: { [instructionEventId]: result },
              ...paid,
            });
            return { result, kind: 'new' };
          } catch (err) {
            if (!isDuplicateKey(err)) throw err;
            continue;
          }
        }
        const updated = await transfers.updateOne(
          { _id: paymentId, paid: { $exists: false }, [`attempts.${instructionEventId}`]: { $exists: false } },
          { $set: { [`attempts.${instructionEventId}`]: result, amountSen, ...paid } }
        );
        if (updated.matchedCount === 1) return { result, kind: 'new' };
      }
      throw new Error(`bank transfer ${paymentId}: too many concurrent writers`);
    },
  };
}
