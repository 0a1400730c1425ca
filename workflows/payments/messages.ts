import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { LumpSumPaymentStatus } from '../../schemas/payments/lump-sum';
import type { ChangeBankAccountInput, ResumeAwardInput } from '../../schemas/periodic/operator-inputs';

export { paymentResultSignal } from '../periodic/signals';

/** Where the lump sum stands and what the bank said (no personal data). */
export const getPaymentStatusQuery = defineQuery<LumpSumPaymentStatus>('getPaymentStatus');

/**
 * New bank details for a held lump sum (BKA-1, PAY-BANK-001): audited, and the payment is re-sent to them. Same
 * update name as the periodic award's, so an officer's action has one name wherever the payment lives.
 */
export const changePaymentBankAccountUpdate = defineUpdate<LumpSumPaymentStatus, [ChangeBankAccountInput]>(
  'changeBankAccount'
);

/** An officer re-sends a lump sum held after failing on every attempt (the cause was fixed): audited. */
export const retryPaymentUpdate = defineUpdate<LumpSumPaymentStatus, [ResumeAwardInput]>('retryPayment');
