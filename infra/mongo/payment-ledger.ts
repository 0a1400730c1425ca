import { Schema, type Connection } from 'mongoose';
import type { AuditLog, LedgerAdjustment, PeriodicLedger } from '../../activities/periodic/ports';
import { PaymentInstructionV1 } from '../../schemas/events/payment-instruction.v1';

/**
 * The payments ledger: one document per paymentId, `_id` = paymentId (chosen when the local FerretDB ran on SQLite,
 * whose backend pushes down only `_id` filters, INFRA.md), written before the instruction goes to Kafka (STYLE H15).
 * `$setOnInsert` keeps the first instruction whatever a retry sends; `published` records that it reached
 * `payments.instructions`, so a retry after a crash between the two steps publishes it once more (the same eventId
 * and payment-id header, which downstream de-duplicates) and a later re-issue publishes nothing. A re-send attempt
 * (a failed or returned payment) replaces the instruction's eventId and payee only, never its amount or periods.
 * `paymentId` stays as a field (unique index) for readers that filter on it.
 */
const paymentSchema = new Schema(
  {
    _id: { type: String, required: true },
    paymentId: { type: String, required: true },
    claimId: { type: String, required: true },
    awardId: { type: String, required: true },
    instruction: { type: Schema.Types.Mixed, required: true },
    published: { type: Boolean, required: true },
    attempts: { type: [String], default: undefined },
  },
  { collection: 'payments', versionKey: false, minimize: false, _id: false }
);
paymentSchema.index({ paymentId: 1 }, { unique: true });
paymentSchema.index({ claimId: 1 });
// Reconciliation reads one payment month's instructions (infra/mongo/reconciliation.ts).
paymentSchema.index({ 'instruction.month': 1 });

/**
 * Negative adjustments (PAY-OVP-001): one document per adjustment, `_id` = `<awardId>:<beneficiaryId>:recovery:<date>`.
 */
const adjustmentSchema = new Schema(
  {
    _id: { type: String, required: true },
    record: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'payment_adjustments', versionKey: false, minimize: false, _id: false }
);

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

/** Builds the ledger on an injected connection and ensures its indexes. */
export async function createPaymentLedger(conn: Connection): Promise<PeriodicLedger> {
  const Payments = conn.model('Payment', paymentSchema);
  const Adjustments = conn.model('PaymentAdjustment', adjustmentSchema);
  await Payments.init();
  await Adjustments.init();

  const find = async (paymentId: string) => {
    const doc = await Payments.findOne({ _id: paymentId }).lean<{ instruction: unknown; published: boolean }>();
    return doc ? { instruction: PaymentInstructionV1.parse(doc.instruction), published: doc.published } : null;
  };

  return {
    async record(instruction) {
      const checked = PaymentInstructionV1.parse(instruction);
      const { paymentId, claimId, awardId } = checked;
      try {
        await Payments.updateOne(
          { _id: paymentId },
          { $setOnInsert: { paymentId, claimId, awardId, instruction: checked, published: false } },
          { upsert: true }
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const entry = await find(paymentId);
      if (!entry) throw new Error(`payment ${paymentId} not found after upsert`);
      return entry;
    },
    async markPublished(paymentId) {
      await Payments.updateOne({ _id: paymentId }, { $set: { published: true } });
    },
    find,
    async recordAttempt(instruction) {
      const checked = PaymentInstructionV1.parse(instruction);
      const current = await find(checked.paymentId);
      if (!current) throw new Error(`payment ${checked.paymentId} is not in the ledger`);
      if (current.instruction.eventId === checked.eventId) return current; // this attempt is recorded already
      const kept = {
        ...current.instruction,
        eventId: checked.eventId,
        payee: checked.payee,
        issuedAt: checked.issuedAt,
      };
      await Payments.updateOne(
        { _id: checked.paymentId },
        {
          $set: { instruction: PaymentInstructionV1.parse(kept), published: false },
          $push: { attempts: checked.eventId },
        }
      );
      return { instruction: PaymentInstructionV1.parse(kept), published: false };
    },
    async recordAdjustment(adjustment: LedgerAdjustment) {
      try {
        await Adjustments.updateOne(
          { _id: adjustment.adjustmentId },
          { $setOnInsert: { record: adjustment } },
          { upsert: true }
        );
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const doc = await Adjustments.findOne({ _id: adjustment.adjustmentId }).lean<{ record: LedgerAdjustment }>();
      return doc?.record ?? adjustment;
    },
  };
}

export type { AuditLog };
