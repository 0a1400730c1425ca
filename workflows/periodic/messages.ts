import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  ChangeBankAccountInput,
  ChangeRateInput,
  RecordCaaReviewInput,
  RecordDeathInput,
  RecordDeclarationInput,
  RecordMarriageInput,
  RecordSiblingStoppedInput,
  ResumeAwardInput,
  StopAwardInput,
  SuspendAwardInput,
} from '../../schemas/periodic/operator-inputs';
import type { z } from 'zod';
import type { RecordDeclarationInput as DeclarationSchema } from '../../schemas/periodic/operator-inputs';
import type { PeriodicAwardStatus } from '../../schemas/periodic/status';

export { paymentResultSignal } from './signals';

/** Status, next due date, paid-to date and the last 12 payments (no personal data). */
export const getAwardStatusQuery = defineQuery<PeriodicAwardStatus>('getAwardStatus');

/*
 * Operator updates: each is validated with its zod schema, written to the audit collection with its actor and
 * reason, then applied; each returns the award status after it.
 */
export const suspendAwardUpdate = defineUpdate<PeriodicAwardStatus, [SuspendAwardInput]>('suspendAward');
export const resumeAwardUpdate = defineUpdate<PeriodicAwardStatus, [ResumeAwardInput]>('resumeAward');
export const stopAwardUpdate = defineUpdate<PeriodicAwardStatus, [StopAwardInput]>('stopAward');
export const changeBankAccountUpdate = defineUpdate<PeriodicAwardStatus, [ChangeBankAccountInput]>('changeBankAccount');
export const recordDeclarationUpdate = defineUpdate<PeriodicAwardStatus, [z.input<typeof DeclarationSchema>]>(
  'recordDeclaration'
);
export const recordDeathUpdate = defineUpdate<PeriodicAwardStatus, [RecordDeathInput]>('recordDeath');
export const recordMarriageUpdate = defineUpdate<PeriodicAwardStatus, [RecordMarriageInput]>('recordMarriage');
export const recordCaaReviewUpdate = defineUpdate<PeriodicAwardStatus, [RecordCaaReviewInput]>('recordCaaReview');
/** A rate change from a date (the dependants' shares recomputed by a sibling's workflow, or an officer). */
export const changeRateUpdate = defineUpdate<PeriodicAwardStatus, [ChangeRateInput]>('changeRate');
/** A sibling's share was stopped by an operator: counted as stopped in later recomputations (never sent a rate). */
export const recordSiblingStoppedUpdate = defineUpdate<PeriodicAwardStatus, [RecordSiblingStoppedInput]>(
  'recordSiblingStopped'
);

export type { RecordDeclarationInput };
