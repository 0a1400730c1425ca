import { Schema, type Connection } from 'mongoose';
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
 * The collection's indexes, declared on a schema although the store writes through the driver's collection: a
 * payment's results by `paymentId` ({@link PaymentResultStore.ofPayment}) and a month's by `month` (reconciliation,
 * infra/mongo/reconciliation.ts). Plain indexes only (FerretDB, INFRA.md (f)).
 */
const paymentResultIndexes = new Schema(
  {
    _id: { type: String, required: true },
    paymentId: { type: String, required: true },
    month: { type: String, required: true },
  },
  { collection: PAYMENT_RESULTS_COLLECTION, versionKey: false, strict: false, _id: false }
);
paymentResultIndexes.index({ paymentId: 1 });
paymentResultIndexes.index({ month: 1 });

/**
 * Builds the results collection's indexes (`paymentId`, `month`), failing loudly if one cannot be built. Each process
 * that writes or reads results awaits it once at start, before {@link createPaymentResultStore}.
 */
export async function ensurePaymentResultIndexes(conn: Connection): Promise<void> {
  await conn.model('PaymentResult', paymentResultIndexes).init();
}

/**
 * The Mongo-backed {@link PaymentResultStore}: one insert per new result (a duplicate key means it was received
 * before), keyed by `_id`; reads by `paymentId` use the index {@link ensurePaymentResultIndexes} builds. No
 * personal data: results carry none.
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
