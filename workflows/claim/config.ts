import type { Duration } from '@temporalio/common';
import type { PeriodicConfigInput } from '../../schemas/periodic/start-input';

/**
 * The claim workflow's tunable durations and limits. Passed as the workflow's optional second argument (tests use
 * short ones); a run started by the intake consumer gets these defaults. Changing a default changes behaviour of
 * running claims on replay only through timers already started, so a change of default goes behind `patched()`.
 */
export interface ClaimWorkflowConfig {
  /** How long the claim waits for requested documents before it is refused. */
  informationDeadline: Duration;
  /** How often the claimant is reminded while documents are outstanding. */
  informationReminderInterval: Duration;
  /** When a Medical Board assessment becomes overdue (escalation, `SlaBreached`). */
  assessmentOverdueAfter: Duration;
  /** How often the medical service is reminded once the assessment is overdue. */
  assessmentReminderInterval: Duration;
  /** Awards above this total (sen) need a second officer's approval (maker-checker). */
  authorityLimitSen: number;
  /** When an award waiting for a second officer becomes overdue (escalation, `SlaBreached`). */
  approvalOverdueAfter: Duration;
  /** How often the approvers are reminded while an award waits. */
  approvalReminderInterval: Duration;
  /** Settings recorded in the start input of each periodic-award workflow the claim starts (unset: its defaults). */
  periodic?: PeriodicConfigInput;
}

/**
 * The defaults: 30 days for documents with weekly reminders, 90 days for the board, RM50,000.00 authority, and an
 * approval overdue after 3 days with daily reminders (CLM-SLA-001's shortest payment target is 3 days).
 */
export const DEFAULT_CLAIM_CONFIG: ClaimWorkflowConfig = {
  informationDeadline: '30 days',
  informationReminderInterval: '7 days',
  assessmentOverdueAfter: '90 days',
  assessmentReminderInterval: '14 days',
  authorityLimitSen: 5_000_000,
  approvalOverdueAfter: '3 days',
  approvalReminderInterval: '1 day',
};

/** The configuration a caller may pass: any subset of the defaults. */
export type ClaimWorkflowConfigInput = Partial<ClaimWorkflowConfig>;

/** Fills in the defaults. */
export function resolveConfig(input: ClaimWorkflowConfigInput = {}): ClaimWorkflowConfig {
  return { ...DEFAULT_CLAIM_CONFIG, ...input };
}
