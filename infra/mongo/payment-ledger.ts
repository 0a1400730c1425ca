import { Schema, type Connection } from 'mongoose';
import type { PaymentLedger } from '../../activities/claims/ports';
import { PaymentInstructionV1 } from '../../schemas/events/payment-instruction.v1';

/**
 * The payments ledger: one document per paymentId (unique index), written before the instruction goes to Kafka
 * (STYLE H15). `$setOnInsert` keeps the first instruction whatever a retry sends; `published` records that it
 * reached `payments.instructions`, so a retry after a crash between the two steps publishes it once more (the
 * same eventId and payment-id header, which downstream de-duplicates) and a later re-issue publishes nothing.
 */
const paymentSchema = new Schema(
  {
    paymentId: { type: String, required: true },
    claimId: { type: String, required: true },
    awardId: { type: String, required: true },
    instruction: { type: Schema.Types.Mixed, required: true },
    published: { type: Boolean, required: true },
  },
  { collection: 'payments', versionKey: false, minimize: false }
);
paymentSchema.index({ paymentId: 1 }, { unique: true });
paymentSchema.index({ claimId: 1 });

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

/** Builds the ledger on an injected connection and ensures the unique paymentId index. */
export async function createPaymentLedger(conn: Connection): Promise<PaymentLedger> {
  const Payments = conn.model('Payment', paymentSchema);
  await Payments.init();
  return {
    async record(instruction) {
      const checked = PaymentInstructionV1.parse(instruction);
      const { paymentId, claimId, awardId } = checked;
      try {
        await Payments.updateOne(
          { paymentId },
          { $setOnInsert: { paymentId, claimId, awardId, instruction: checked, published: false } },
          { upsert: true }
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const doc = await Payments.findOne({ paymentId }).lean();
      if (!doc) throw new Error(`payment ${paymentId} not found after upsert`);
      return { instruction: PaymentInstructionV1.parse(doc.instruction), published: doc.published };
    },
    async markPublished(paymentId) {
      await Payments.updateOne({ paymentId }, { $set: { published: true } });
    },
  };
}
