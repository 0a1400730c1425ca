import { z } from 'zod';
import { Sen } from '../common/money';
import { IsoDateTime } from '../common/dates';
import { EventId } from '../claim/ids';
import { PaymentId } from '../payments/ids';

/**
 * Why the bank did not pay or sent the money back, as an upper-case code, e.g. `ACCOUNT_CLOSED`,
 * `INVALID_ACCOUNT`, `NAME_MISMATCH`, `ACCOUNT_DORMANT`, `BENEFICIARY_DECEASED`.
 */
export const PaymentReasonCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'expected an upper-case reason code');
export type PaymentReasonCode = z.infer<typeof PaymentReasonCode>;

const header = {
  schemaVersion: z.literal(1),
  eventId: EventId,
  paymentId: PaymentId,
  settledAt: IsoDateTime,
  /**
   * The amount the bank acted on: paid, or asked to pay for a failed or returned transfer. Optional in v1 (banks that
   * sent none stay valid), but reconciliation cannot confirm a payment without it and lists it as a discrepancy.
   */
  amountSen: Sen.optional(),
};

const unpaid = {
  ...header,
  reasonCode: PaymentReasonCode,
  reasonText: z.string().trim().min(1).max(500),
  bankReference: z.string().min(1).max(60).optional(),
};

/**
 * Version 1 of the `payments.results` event (key: paymentId): what the bank did with an instruction. `paid` carries
 * the bank's reference; `failed` (never paid) and `returned` (paid, then sent back) carry a reason code and text, and
 * lead the claim to ask for new bank details (BKA-1).
 */
export const PaymentResultV1 = z.discriminatedUnion('status', [
  z.object({ ...header, status: z.literal('paid'), bankReference: z.string().min(1).max(60) }).strict(),
  z.object({ ...unpaid, status: z.literal('failed') }).strict(),
  z.object({ ...unpaid, status: z.literal('returned') }).strict(),
]);
export type PaymentResultV1 = z.infer<typeof PaymentResultV1>;

/** Any supported version of the `payments.results` event. */
export const PaymentResult = z.discriminatedUnion('schemaVersion', [PaymentResultV1]);
export type PaymentResult = z.infer<typeof PaymentResult>;
