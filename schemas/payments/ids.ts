import { z } from 'zod';
import type { YearMonth } from '../common/dates';

/** An opaque token without colons, so ids can be joined with `:` into a payment id and split back. */
const token = (what: string) =>
  z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, `expected ${what}: letters, digits, . _ - and no colon`);

/** The id of one award (one benefit on one claim) made by the benefits engine. Contains no colon. */
export const AwardId = token('an award id');
export type AwardId = z.infer<typeof AwardId>;

/**
 * Who receives a payment: the insured person's `insuredPersonId` (e.g. `IP-0000012345`), or for a dependant
 * `<claimId>-<dependantId>` (e.g. `C-2026-000123-D1`). Not personal data; the payee's details travel in `payee`.
 */
export const BeneficiaryId = token('a beneficiary id');
export type BeneficiaryId = z.infer<typeof BeneficiaryId>;

/** The pattern of {@link PaymentId}: `<awardId>:<beneficiaryId>:<YYYY-MM>`. */
export const PAYMENT_ID_PATTERN =
  /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}:[A-Za-z0-9][A-Za-z0-9._-]{0,79}:\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The idempotency key of one payment (STYLE H15): `<awardId>:<beneficiaryId>:<YYYY-MM>`, where the month is the
 * payment month (the month a periodic instalment is for; the month of issue for a lump sum or arrears). It is
 * derived, never random, so a retried activity or a redelivered message can never pay twice: the payments store
 * has a unique index on it.
 */
export const PaymentId = z.string().regex(PAYMENT_ID_PATTERN, 'expected <awardId>:<beneficiaryId>:<YYYY-MM>');
export type PaymentId = z.infer<typeof PaymentId>;

/**
 * The id of one line of an award, `<awardId>.<lineId>` (e.g. `C-2026-000123-AWD-1.CAA-1`): the id of the periodic
 * award that pays the line, and the award part of a lump sum's payment id. Two lines of one award for one
 * beneficiary (PDB and CAA, or a TDB period and a PDB lump sum) then never share a payment id or a periodic workflow.
 * Claims started before `claim-payment-id-per-line` used the award id alone; their ids stay as they were.
 */
export function awardLineIdFor(awardId: AwardId, lineId: string): AwardId {
  return AwardId.parse(`${awardId}.${lineId}`);
}

/** Builds the {@link PaymentId} for an award (or award line), a beneficiary and a payment month. */
export function paymentIdFor(awardId: AwardId, beneficiaryId: BeneficiaryId, month: YearMonth): PaymentId {
  return PaymentId.parse(`${awardId}:${beneficiaryId}:${month}`);
}
