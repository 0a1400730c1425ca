import type { BreakdownLine, Payee, PaymentPeriod } from '../../schemas/payments/payment-parts';
import type { PeriodicRateChange } from '../../schemas/periodic/start-input';
import type { AwardHoldReason, AwardStatus, PeriodicPaymentSummary } from '../../schemas/periodic/status';

/** Result eventIds remembered for de-duplication (older ones are from payments long settled). */
export const SEEN_RESULT_IDS = 200;
/** Paid periods kept for an overpayment check (a death is reported within months, not years). */
export const PAID_PERIODS_KEPT = 24;

/** A payment the bank answered `failed` or `returned`, waiting to be re-sent. */
export interface HeldPayment {
  paymentId: string;
  attempts: number;
  reason: 'failed' | 'returned';
}

/**
 * Everything the periodic-award workflow carries across `continueAsNew`: bounded (last 12 payments, last
 * {@link PAID_PERIODS_KEPT} periods, last {@link SEEN_RESULT_IDS} result ids), so history stays bounded for decades.
 */
export interface PeriodicState {
  status: AwardStatus;
  holdReason?: AwardHoldReason;
  /** The month of the next instalment. */
  nextMonth: string;
  /** Epoch ms the first run started (the origin of a `{ seconds }` cycle). */
  originMs: number;
  unpaidMonths: string[];
  paidToDate?: string;
  paidPeriods: { paymentId: string; period: PaymentPeriod; amountSen: number }[];
  debtSen: number;
  payee: Payee;
  rateChanges: PeriodicRateChange[];
  stoppedSiblings: string[];
  /** The earliest effective date of rate changes that reach back into paid periods, not yet reassessed. */
  reassessFrom?: string;
  /** Arrears for periods already paid (after such a change), to go out with the next instalment (PAY-ARR-001). */
  topUpLines?: BreakdownLine[];
  declarationDue?: string;
  reminderSentFor?: string;
  studyUntil?: string;
  incapacitated: boolean;
  stopDate?: string;
  /** The month whose cycle lifts an operator's suspension (PAY-SUSP-001), unless extended or resumed first. */
  suspendedUntilMonth?: string;
  /** Who receives the deceased recipient's last entitled days for the estate (given with the death). */
  estatePayee?: Payee;
  /** Why the award stops once the current cycle ends (the stop date lies ahead). */
  stopReason?: AwardHoldReason;
  lastPayments: PeriodicPaymentSummary[];
  seenResultIds: string[];
  /** The latest bank answer per payment id, cleared when an attempt is sent. */
  results: Record<string, 'paid' | 'failed' | 'returned'>;
  held: HeldPayment[];
  /** The payment whose result the workflow body is waiting for. */
  awaiting?: string;
  /** Held payments to re-send now (after new bank details or a resume). */
  resendNow: boolean;
  sequence: number;
  auditSeq: number;
  /**
   * How many times the award went from active to suspended, and from suspended back to active (any reason). An
   * officer's suspend, resume and new bank details are keyed on them (workers/cli), so the same command repeated on
   * one suspension acts once while the same command on a later one acts again. Absent in runs carried from before.
   */
  suspensions?: number;
  resumptions?: number;
  cyclesCompleted: number;
  runs: number;
}

/** Keeps the last `n` items. */
export const lastN = <T>(xs: T[], n: number): T[] => (xs.length > n ? xs.slice(xs.length - n) : xs);

/**
 * The state to carry into the next run without the bank answers of settled payments: only a payment still held
 * (or awaited) needs its latest answer; a late duplicate of an old answer is still recognised by `seenResultIds`.
 */
export function withoutSettledResults(state: PeriodicState): PeriodicState {
  const open = new Set([...state.held.map((h) => h.paymentId), ...(state.awaiting ? [state.awaiting] : [])]);
  const results = Object.fromEntries(Object.entries(state.results).filter(([paymentId]) => open.has(paymentId)));
  return { ...state, results };
}
