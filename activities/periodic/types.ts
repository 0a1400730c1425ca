import type { BenefitType } from '../../schemas/benefits/award';
import type { BreakdownLine, Payee, PaymentPeriod } from '../../schemas/payments/payment-parts';
import type { AwardEventKind, PeriodicAwardEventType } from '../../schemas/periodic/award-event.v1';
import type { PeriodicRateChange, PeriodicTermsInput, ShareGroupInput } from '../../schemas/periodic/start-input';
import type { AwardStatus } from '../../schemas/periodic/status';

/*
 * Inputs and results of the periodic activities. The workflow imports these as types only. Results carry ids,
 * months and amounts, never personal data.
 */

/** The award line an activity pays: enough to compute and address the payment. */
export interface PeriodicLineRef {
  claimId: string;
  awardId: string;
  beneficiaryId: string;
  benefitType: BenefitType;
  terms: PeriodicTermsInput;
}

/** Input of `issuePeriodicPayment`: pay `months` (oldest first; the last is the instalment, the rest arrears). */
export interface IssuePeriodicPaymentInput {
  line: PeriodicLineRef;
  payee: Payee;
  months: string[];
  /** The last entitled day (PAY-STOP-001), if the award stops. */
  stopDate?: string;
  /** Overpayment still owed by this recipient, offset against this payment (PAY-OVP-001). */
  debtSen: number;
  /** Arrears owed for periods already paid (a rate change reaching back into them, PAY-ARR-001), paid with this one. */
  topUpLines?: BreakdownLine[];
  /**
   * The periods paid before (gross amounts), checked against the current rate tables: a cost-of-living round or
   * minimum loaded after its effective date is paid back to that date with this instalment (PAY-ARR-001, PAY-COLA-001).
   */
  paid?: { period: PaymentPeriod; amountSen: number }[];
  /** The payment date the instruction is due on (`valueDate`); absent: pay on receipt. */
  valueDate?: string;
  issuedAt: string;
}

/** What `issuePeriodicPayment` did. */
export interface IssuePeriodicPaymentResult {
  /** Absent when nothing was due (every month outside the entitled span, or the whole amount offset). */
  paymentId?: string;
  month: string;
  /** The months the instruction pays (entitled ones only). */
  months: string[];
  /** The paid periods, for a later overpayment check. */
  periods: { period: PaymentPeriod; amountSen: number }[];
  amountSen: number;
  recoveredSen: number;
  debtSen: number;
  /** Earlier paid periods whose amount the current tables change (the workflow keeps `dueSen` from now on). */
  revised?: { period: PaymentPeriod; paidSen: number; dueSen: number }[];
  status: 'issued' | 'already-issued' | 'nothing-due';
}

/** Input of `resendPayment`: attempt `attempt` (2, 3, ...) of a failed or returned payment, maybe to a new payee. */
export interface ResendPaymentInput {
  paymentId: string;
  attempt: number;
  payee?: Payee;
  issuedAt: string;
}

/** Input of `recordOverpayment`: the periods paid and the last entitled day. */
export interface RecordOverpaymentInput {
  line: PeriodicLineRef;
  paid: { period: PaymentPeriod; amountSen: number }[];
  stopDate: string;
  reason: string;
  recordedAt: string;
}

/** Input of `publishAwardEvent`; the workflow owns the per-workflow sequence. */
export interface AwardEventInput {
  /** Default `periodic-award`; a lump sum's payment workflow sends `lump-sum-payment`. */
  kind?: AwardEventKind;
  workflowId: string;
  sequence: number;
  claimId: string;
  awardId: string;
  beneficiaryId: string;
  benefitType: BenefitType;
  type: PeriodicAwardEventType;
  status: AwardStatus;
  operator: boolean;
  reason: string;
  details: Record<string, string | number | boolean | null>;
  occurredAt: string;
}

/** Input of `recomputeSiblingShares`: a member's share stopped after `lastPaidDay`. */
export interface RecomputeSharesInput {
  awardId: string;
  group: ShareGroupInput;
  stoppedBeneficiaryIds: string[];
  lastPaidDay: string;
  reason: string;
}

/** Input of `markSiblingStopped`: an operator stopped `stoppedBeneficiaryId`'s share after `lastPaidDay`. */
export interface MarkSiblingStoppedInput {
  awardId: string;
  group: ShareGroupInput;
  stoppedBeneficiaryId: string;
  lastPaidDay: string;
  reason: string;
}

/** The rate change each remaining sibling received. */
export interface SiblingRateChange {
  beneficiaryId: string;
  workflowId: string;
  change: PeriodicRateChange;
  /** What the sibling did with it (absent when no notifier is configured). */
  outcome?: 'applied' | 'refused' | 'closed';
}

/** Input of `recordEstateArrears`: months not yet paid to a recipient who died on `dateOfDeath`. */
export interface EstateArrearsInput {
  line: PeriodicLineRef;
  months: string[];
  dateOfDeath: string;
  reason: string;
  recordedAt: string;
}

/** Input of `reassessPaidPeriods`: the periods paid and the first day a change reaches back to. */
export interface ReassessPaidInput {
  line: PeriodicLineRef;
  paid: { period: PaymentPeriod; amountSen: number }[];
  from: string;
  reason: string;
  recordedAt: string;
}

/** What `reassessPaidPeriods` found: the net difference, each period's new amount and the lines to pay or recover. */
export interface ReassessPaidResult {
  deltaSen: number;
  periods: { period: PaymentPeriod; paidSen: number; dueSen: number }[];
  /** Arrears lines to pay with the next instalment (when `deltaSen` > 0). */
  topUpLines: BreakdownLine[];
  /** The ledger adjustment recording an overpayment (when `deltaSen` < 0). */
  adjustmentId?: string;
}
