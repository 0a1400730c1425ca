import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/*
 * The custom search attributes operators filter on in the Temporal UI (List Filter). They are plain text on the
 * server (the payload codec never touches them), so they never carry personal data: ids, stages and dates only.
 * The dev server's SQLite visibility allows at most 10 Keyword and 3 of each other type per namespace.
 */

/** The business claim id (never an IC number). */
export const ClaimIdKey = defineSearchAttributeKey('ClaimId', SearchAttributeType.KEYWORD);
/** The claim's current stage, e.g. `awaiting-medical-assessment`. */
export const ClaimStageKey = defineSearchAttributeKey('ClaimStage', SearchAttributeType.KEYWORD);
/** The scheme the claim falls under, e.g. `employment-injury` or `lindung-24-jam`. */
export const SchemeKey = defineSearchAttributeKey('Scheme', SearchAttributeType.KEYWORD);
/** The claim type from the intake event. */
export const ClaimTypeKey = defineSearchAttributeKey('ClaimType', SearchAttributeType.KEYWORD);
/** The terminal outcome: awarded, rejected or withdrawn. */
export const OutcomeKey = defineSearchAttributeKey('Outcome', SearchAttributeType.KEYWORD);
/** The benefit types awarded on a claim. */
export const BenefitTypesKey = defineSearchAttributeKey('BenefitTypes', SearchAttributeType.KEYWORD_LIST);
/** True once a service-level deadline (e.g. the Medical Board assessment) has passed. */
export const SlaBreachedKey = defineSearchAttributeKey('SlaBreached', SearchAttributeType.BOOL);
/** The accident (or onset) date of the claim. */
export const AccidentDateKey = defineSearchAttributeKey('AccidentDate', SearchAttributeType.DATETIME);
/** A periodic award's status: active, suspended or stopped. */
export const AwardStatusKey = defineSearchAttributeKey('AwardStatus', SearchAttributeType.KEYWORD);
/** A periodic award's benefit type. */
export const BenefitTypeKey = defineSearchAttributeKey('BenefitType', SearchAttributeType.KEYWORD);
/** A periodic award's next due payment date. */
export const NextPaymentDateKey = defineSearchAttributeKey('NextPaymentDate', SearchAttributeType.DATETIME);

/** Every custom search attribute, registered on the local dev server at start and on a cluster by the operator. */
export const SEARCH_ATTRIBUTES = [
  ClaimIdKey,
  ClaimStageKey,
  SchemeKey,
  ClaimTypeKey,
  OutcomeKey,
  BenefitTypesKey,
  SlaBreachedKey,
  AccidentDateKey,
  AwardStatusKey,
  BenefitTypeKey,
  NextPaymentDateKey,
] as const;
