/**
 * The business failure types of the platform (STYLE H14). They are the `type` of an `ApplicationFailure`, so
 * workflows branch on them, retry policies list them in `nonRetryableErrorTypes`, and tests assert on them rather
 * than on message text. Renaming one breaks running workflows: add new ones instead.
 */
export const FailureType = {
  /** The input does not match its contract; the message lists each bad field. Never retried. */
  InvalidInput: 'InvalidInput',
  /** The claim is valid but the rules give no benefit (e.g. MC under 4 days, NEI-CLS-001 exclusions). */
  NotEligible: 'NotEligible',
  /** The same claim (same person and incident, FRD-009) is already being handled. */
  DuplicateClaim: 'DuplicateClaim',
  /** A payment with this `paymentId` was already issued (STYLE H15); the first result stands. */
  DuplicatePayment: 'DuplicatePayment',
  /** A required document or fact is missing; the claim waits for it (`awaiting-information`). */
  MissingInformation: 'MissingInformation',
  /** A time limit has passed (e.g. the 12-month PDB window, CLM-DL-003; EIS 60 days, CLM-DL-004). */
  DeadlineExpired: 'DeadlineExpired',
  /** An award needs an approving officer before it can be paid. */
  ApprovalRequired: 'ApprovalRequired',
  /** A referenced record (claim, insured person, employer, award) does not exist. */
  NotFound: 'NotFound',
  /** The operation is not allowed in the claim's current stage (e.g. approving a withdrawn claim). */
  InvalidState: 'InvalidState',
  /** A rate table or parameter needed for the governing date is missing (GEN-DATE-001); needs configuration. */
  RateTableMissing: 'RateTableMissing',
} as const;

/** One of the {@link FailureType} names. */
export type FailureType = (typeof FailureType)[keyof typeof FailureType];
