/*
 * Change ids for `patched()` (STYLE H12): a behaviour change to this workflow is wrapped in
 * `if (patched(CLAIM_PATCHES.x))`, with its id added here and never removed while old runs can replay.
 */
export const CLAIM_PATCHES = {
  /** A payable periodic line starts its periodic-award workflow (before: only a `periodic-handover` event). */
  startPeriodicAwards: 'claim-starts-periodic-awards',
  /** An award waiting for a second officer reminds and escalates (before: it waited without a timer). */
  approvalReminders: 'claim-approval-reminders',
  /** An MC period's TDB award passes the same authority check as the final award (before: paid at once). */
  authorityOnEveryPayment: 'claim-authority-check-every-payment',
  /**
   * Each award line is paid under its own id `<awardId>.<lineId>` (lump sums' payment ids, periodic awards'
   * workflow ids); before, two lines of one award for one beneficiary shared `<awardId>` and the second was lost.
   */
  paymentIdPerLine: 'claim-payment-id-per-line',
  /**
   * Each lump sum gets its payment workflow `payment-<paymentId>` (re-sent on failure, held on return, operator events);
   * before, a failed or returned lump sum was recorded and never acted on.
   */
  lumpSumPaymentLife: 'claim-lump-sum-payment-life',
  /**
   * The claim's short steps (events, verification, award, payment instruction) run as local activities: markers in
   * one workflow task instead of a scheduled activity and a workflow task each (before: scheduled activities).
   */
  localActivities: 'claim-local-activities',
} as const;
