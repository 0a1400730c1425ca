/*
 * Change ids for `patched()` in the periodic-award workflow (STYLE H12): a behaviour change is wrapped in
 * `if (patched(ID))`, with its id added here and never removed while old runs can replay.
 */

/** v2: the overpayment recovery is written to the audit collection (added after the first histories). */
export const AUDIT_OVERPAYMENT_PATCH = 'periodic-audit-overpayment';
/** v3: a rate change reaching back into paid periods is reassessed (arrears paid, overpayment recovered). */
export const REASSESS_PAID_PATCH = 'periodic-reassess-paid-periods';
/** v4: the child's stop date follows the current limit (a later study or incapacity declaration moves it). */
export const CHILD_LIMIT_PATCH = 'periodic-child-limit-follows-declarations';
/** v5: an operator's suspension lifts itself after `config.suspensionMonths` cycles unless extended (PAY-SUSP-001). */
export const SUSPENSION_LIMIT_PATCH = 'periodic-suspension-limit';
/** v6: on death, the entitled days not yet paid go to the estate (or are recorded as owed to it), PAY-STOP-001. */
export const ESTATE_ARREARS_PATCH = 'periodic-estate-arrears';
/** v7: arrears still owed when an award stops (a back-dated change) go out as a final settlement. */
export const FINAL_SETTLEMENT_PATCH = 'periodic-final-settlement';
/** v8: bank answers of settled payments are not carried into the next run (one per paid month grew for decades). */
export const PRUNE_RESULTS_PATCH = 'periodic-prune-settled-results';
/** v9: an operator's stop tells the sibling awards of the share group, so later recomputations count it stopped. */
export const OPERATOR_STOP_MARKS_SIBLINGS_PATCH = 'periodic-operator-stop-marks-siblings';
/**
 * v10: award events are published one after another in sequence order (before, an update handler and the main loop
 * could publish concurrently, so `awards.events` could carry sequence 8 before 7).
 */
export const EVENTS_IN_SEQUENCE_PATCH = 'periodic-award-events-in-sequence';
/**
 * v11: a calendar-month instalment is prepared at the award's own hour within `preparationWindowHours` before its
 * payment date and carries that date as `valueDate` (before, every award woke at midnight of the payment date).
 */
export const VALUE_DATE_PATCH = 'periodic-value-date-spread';
