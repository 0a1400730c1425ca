import type { Connection } from 'mongoose';
import { PaymentResultV1 } from '../../schemas/events/payment-result.v1';

/** The collection of bank results received on `payments.results`. */
export const PAYMENT_RESULTS_COLLECTION = 'payment_results';

/** Where a stored result went: signalled to its periodic workflow, or no workflow (a lump sum, a closed award). */
export type ResultDelivery = 'signalled' | 'no-workflow';

/**
 * One received result: `_id` is `<paymentId>/<eventId>`, so a redelivered message finds its document and a payment's
 * history (failed, then paid, then returned) keeps one document per answer. `month` is the payment id's month, for
 * reconciliation. `delivery` is set once the result reached its outcome.
 */
export interface StoredPaymentResult {
  _id: string;
  paymentId: string;
  eventId: string;
  month: string;
  status: PaymentResultV1['status'];
  result: PaymentResultV1;
  receivedAt: string;
  delivery?: ResultDelivery;
}

/** The results store used by the `payments.results` consumer and by reconciliation. */
export interface PaymentResultStore {
  /** Stores the result unless its (paymentId, eventId) is stored already; returns the stored document. */
  record(result: PaymentResultV1, receivedAt: Date): Promise<StoredPaymentResult>;
  /** Records where the result went (after the signal succeeded or the workflow was found missing). */
  markDelivered(result: PaymentResultV1, delivery: ResultDelivery): Promise<void>;
  /** Every stored result of one payment, oldest first. */
  ofPayment(paymentId: string): Promise<StoredPaymentResult[]>;
}

/** The document id of a result: its payment id and event id. */
export const paymentResultDocId = (r: { paymentId: string; eventId: string }): string => `${r.paymentId}/${r.eventId}`;

/** The month (`YYYY-MM`) a payment id is for: its last `:` segment. */
export const monthOfPaymentId = (paymentId: string): string => paymentId.slice(paymentId.lastIndexOf(':') + 1);

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

/**
 * The Mongo-backed {@link PaymentResultStore}: one insert per new result (a duplicate key means it was received
 * before), keyed by `_id` so lookups never scan (FerretDB). No personal data: results carry none.
 */
export function createPaymentResultStore(conn: Connection): PaymentResultStore {
  const results = conn.collection<StoredPaymentResult>(PAYMENT_RESULTS_COLLECTION);
  return {
    async record(result, receivedAt) {
      const checked = PaymentResultV1.parse(result);
      const _id = paymentResultDocId(checked);
      const doc: StoredPaymentResult = {
        _id,
        paymentId: checked.paymentId,
        eventId: checked.eventId,
        month: monthOfPaymentId(checked.paymentId),
        status: checked.status,
        result: checked,
        receivedAt: receivedAt.toISOString(),
      };
      try {
        await results.insertOne(doc);
        return doc;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const existing = (await results.findOne({ _id })) as StoredPaymentResult | null;
      if (!existing) throw new Error(`payment result ${_id} not found after a duplicate key`);
      return existing;
    },
    async markDelivered(result, delivery) {
      await results.updateOne({ _id: paymentResultDocId(result) }, { $set: { delivery } });
    },
    async ofPayment(paymentId) {
      const docs = (await results.find({ paymentId }).toArray()) as StoredPaymentResult[];
      return docs.sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a._id.localeCompare(b._id));
    },
  };
}
