import type { PaymentLedger, LedgerEntry } from '../claims/ports';
import type { PaymentInstructionV1 } from '../../schemas/events/payment-instruction.v1';
import type { BreakdownLine } from '../../schemas/payments/payment-parts';

/**
 * A negative adjustment on a recipient's account (PAY-OVP-001): an overpayment to recover from later payments of
 * the same recipient. Keyed by `adjustmentId` (`<awardId>:<beneficiaryId>:recovery:<stopDate>`), so recording it
 * twice keeps one.
 */
export interface LedgerAdjustment {
  adjustmentId: string;
  claimId: string;
  awardId: string;
  beneficiaryId: string;
  /** Negative: money owed back by the recipient; positive: money owed to them (e.g. to a deceased's estate). */
  amountSen: number;
  lines: BreakdownLine[];
  reason: string;
  recordedAt: string;
}

/** The ledger the periodic workflow pays through: the claim ledger plus re-send attempts and adjustments. */
export interface PeriodicLedger extends PaymentLedger {
  /** The entry of a payment, or null. */
  find(paymentId: string): Promise<LedgerEntry | null>;
  /**
   * Replaces the instruction of an existing payment for a new attempt (a new eventId, possibly a new payee) and marks
   * it unpublished; the amount, period and breakdown never change. Idempotent: the same attempt twice is one.
   */
  recordAttempt(instruction: PaymentInstructionV1): Promise<LedgerEntry>;
  /** Records an adjustment once (first write wins). */
  recordAdjustment(adjustment: LedgerAdjustment): Promise<LedgerAdjustment>;
}

/** One audit record of an operator action on a periodic award. */
export interface AuditEntry {
  /** Deterministic: `<workflowId>:<updateId>`, so a retried write keeps one. */
  auditId: string;
  workflowId: string;
  action: string;
  actorId: string;
  reason: string;
  /** Non-personal details of the action (dates, outcomes, codes). */
  details: Record<string, string | number | boolean | null>;
  at: string;
}

/** The audit collection (infra/mongo/audit-log.ts). */
export interface AuditLog {
  write(entry: AuditEntry): Promise<void>;
  listFor(workflowId: string): Promise<AuditEntry[]>;
}

/**
 * What became of a rate change sent to a sibling: applied; refused by the sibling (its validator: it was stopped
 * or has already settled that change); or the sibling's workflow has closed.
 */
export type SiblingChangeOutcome = 'applied' | 'refused' | 'closed';

/** Sends a rate change to a sibling periodic workflow (the worker's Temporal client). */
export interface SiblingNotifier {
  changeRate(workflowId: string, input: unknown): Promise<SiblingChangeOutcome>;
  /** Tells a sibling that a member's share was stopped by an operator (its `recordSiblingStopped` update). */
  siblingStopped(workflowId: string, input: unknown): Promise<SiblingChangeOutcome>;
}
