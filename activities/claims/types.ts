import type { AwardLine, ClaimClass, EligibilityDecision } from '../../schemas/benefits/award';
import type { AttachmentKind } from '../../schemas/claim/attachment';
import type { EventDetails } from '../../schemas/claim/event-details';
import type { ClaimEventType, ClaimStage } from '../../schemas/claim/stage';
import type { ClaimSubmittedV1 } from '../../schemas/events/claim-submitted.v1';
import type { AssessmentPurpose } from '../../schemas/events/medical-assessment-requested.v1';
import type { MedicalBoard, MedicalBoardDecision } from '../../schemas/medical/board-decision';
import type { MedicalCertificatePeriod } from '../../schemas/medical/medical-certificate';
import type { Payee } from '../../schemas/payments/payment-parts';
import type { StoredAward } from './ports';

/*
 * Inputs and results of the claim activities. Workflows import these as types only (STYLE H3/H4). Results carry
 * ids, codes, amounts and readable reasons, never personal data, so they are safe in workflow logs.
 */

/** What verification decided: go on, refuse, ask for documents, or link to the claim that already pays. */
export type VerificationOutcome = 'continue' | 'reject' | 'request-information' | 'duplicate';

/** The result of {@link VerifyClaimInput}: the outcome, a reason a person can read, flags and every check made. */
export interface VerificationResult {
  outcome: VerificationOutcome;
  /** A stable code for the outcome, e.g. `NOT_REGISTERED`, `NEI_OUTSIDE_MALAYSIA`, `DOCUMENTS_MISSING`, `VERIFIED`. */
  code: string;
  reason: string;
  /** Review flags such as `LATE_EMPLOYER_NOTICE` or `EMPLOYER_DEFAULT`; they do not stop the claim. */
  flags: string[];
  /** Documents asked for when the outcome is `request-information`. */
  missing: AttachmentKind[];
  duplicateOfClaimId?: string;
  claimClass: ClaimClass;
  neiPhase?: number;
  checks: EligibilityDecision[];
}

/** Input of `verifyClaim`: the claim with every attachment received so far. */
export interface VerifyClaimInput {
  claim: ClaimSubmittedV1;
}

/** Input of `publishLifecycleEvent`: one step of the claim; the workflow owns the per-claim sequence. */
export interface LifecycleEventInput {
  claimId: string;
  sequence: number;
  type: ClaimEventType;
  stage: ClaimStage;
  reason: string;
  details: EventDetails;
  occurredAt: string;
}

/** Input of `requestMedicalAssessment`; `reminder` is 0 for the request and counts the reminders after it. */
export interface MedicalAssessmentRequestInput {
  claimId: string;
  insuredPersonId: string;
  assessmentId: string;
  purpose: AssessmentPurpose;
  board: MedicalBoard;
  reason: string;
  requestedAt: string;
  lastTemporaryDisablementDay?: string;
  reminder: number;
}

/** Input of `computeAward`. `alreadyAwardedTdbSen` is the TDB paid per MC period so far, which is not paid twice. */
export interface ComputeAwardInput {
  claim: ClaimSubmittedV1;
  awardId: string;
  scope: StoredAward['scope'];
  certificates: MedicalCertificatePeriod[];
  decision?: MedicalBoardDecision;
  asOf: string;
  alreadyAwardedTdbSen: number;
  createdAt: string;
}

/** Input of `recordAwardApproval` (maker-checker: both officers are recorded). */
export interface AwardApprovalInput {
  awardId: string;
  makerId: string;
  approverId: string;
  reason: string;
  approvedAt: string;
  /** Amounts officers decided for lines the rules referred to them, stored with the approval. */
  lineDecisions?: { lineId: string; amountSen: number; actorId: string; reason: string }[];
}

/** Input of `publishBenefitAwarded`: one `benefits.awarded` event per line. */
export interface BenefitAwardedInput {
  claimId: string;
  awardId: string;
  asOf: string;
  lines: AwardLine[];
  approvedBy?: string;
  awardedAt: string;
}

/** Input of `issuePayment`: one lump sum (or closed TDB period) for one beneficiary, paid in `month`. */
export interface IssuePaymentInput {
  claimId: string;
  awardId: string;
  /** The payments beneficiary id: the insuredPersonId, or `<claimId>-<dependantId>` for a dependant. */
  beneficiaryId: string;
  month: string;
  line: AwardLine;
  /**
   * Set (to the line's id) for claims from patch `claim-payment-id-per-line` on: the payment id is then
   * `<awardId>.<lineId>:<beneficiaryId>:<month>`, one per line. Unset: `<awardId>:<beneficiaryId>:<month>`.
   */
  lineId?: string;
  payee: Payee;
  issuedAt: string;
}

/** Result of `issuePayment`: `already-issued` when the ledger held the paymentId (the first instruction stands). */
export interface IssuePaymentResult {
  paymentId: string;
  amountSen: number;
  status: 'issued' | 'already-issued';
}
