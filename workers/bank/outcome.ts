import { createHash } from 'node:crypto';
import type { BankAccount } from '../../schemas/registry/personal';

/*
 * The simulated bank's decisions, as pure functions of what it is told (STYLE H15: deterministic, so a redelivered
 * instruction gets the same answer and a test can predict every outcome). No personal data leaves this file: bank
 * accounts are only hashed.
 */

/** How often the simulated bank does not pay: each a fraction in [0, 1]. */
export interface BankRates {
  /** Fraction of bank accounts that are closed: every instruction to them is `returned` (ACCOUNT_CLOSED). */
  returnRate: number;
  /** Fraction of attempts (instruction eventIds) that fail transiently (`failed`, BANK_TIMEOUT). */
  failRate: number;
}

/** The default rates: most paid, about 5 % of attempts failed, about 2 % of accounts closed. */
export const DEFAULT_BANK_RATES: BankRates = { returnRate: 0.02, failRate: 0.05 };

/** What the bank does with one attempt. */
export type BankDecision =
  | { status: 'paid' }
  | { status: 'failed'; reasonCode: 'BANK_TIMEOUT'; reasonText: string }
  | { status: 'returned'; reasonCode: 'ACCOUNT_CLOSED'; reasonText: string };

/** A number in [0, 1) from the SHA-256 of `text` (its first 48 bits). */
export function unitHash(text: string): number {
  return parseInt(createHash('sha256').update(text).digest('hex').slice(0, 12), 16) / 2 ** 48;
}

/** Whether the simulated bank treats this account as closed: a property of the account, not of the attempt. */
export function isClosedAccount(account: BankAccount, rates: BankRates): boolean {
  return unitHash(`account:${account.bankCode}:${account.accountNumber}`) < rates.returnRate;
}

/**
 * The outcome of one attempt: `returned` when the account is closed (every attempt to it, until the beneficiary's
 * bank account changes), else `failed` for a deterministic fraction of attempts (keyed by the instruction's
 * eventId, so a retry with a new eventId is a new draw), else `paid`.
 */
export function decideOutcome(
  attempt: { paymentId: string; instructionEventId: string; bankAccount: BankAccount },
  rates: BankRates
): BankDecision {
  if (isClosedAccount(attempt.bankAccount, rates)) {
    return { status: 'returned', reasonCode: 'ACCOUNT_CLOSED', reasonText: 'Beneficiary account is closed' };
  }
  if (unitHash(`attempt:${attempt.paymentId}:${attempt.instructionEventId}`) < rates.failRate) {
    return { status: 'failed', reasonCode: 'BANK_TIMEOUT', reasonText: 'Interbank transfer timed out; not paid' };
  }
  return { status: 'paid' };
}

/** A UUID (version 4 layout) derived from `seed`: the same seed gives the same id, so answers can be re-sent. */
export function deterministicUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The bank's reference of a paid transfer, derived from the payment id (one payment, one reference). */
export function bankReferenceFor(paymentId: string): string {
  return `SIMBANK-${createHash('sha256').update(`ref:${paymentId}`).digest('hex').slice(0, 16).toUpperCase()}`;
}
