import { z } from 'zod';

/**
 * Where a claim is in its life cycle (CLM-FLOW-001). `awarded`, `rejected` and `withdrawn` are final; periodic
 * payments after an award run in their own award workflows.
 */
export const ClaimStage = z.enum([
  'received',
  'verifying',
  'awaiting-information',
  'awaiting-medical-assessment',
  'awarding',
  'awaiting-approval',
  'awarded',
  'rejected',
  'withdrawn',
]);
export type ClaimStage = z.infer<typeof ClaimStage>;

/** What happened to a claim, as published on `claims.events` and kept in its audit trail. */
export const ClaimEventType = z.enum([
  'claim-received',
  'stage-changed',
  'information-requested',
  'information-provided',
  'medical-assessment-requested',
  'medical-assessment-recorded',
  'sla-breached',
  'award-made',
  'approval-required',
  'award-approved',
  'periodic-handover',
  'claim-rejected',
  'claim-withdrawn',
  'duplicate-linked',
]);
export type ClaimEventType = z.infer<typeof ClaimEventType>;

/** The stage a claim must be in right after events of these types; other types leave the stage to the event. */
export const STAGE_AFTER_EVENT: Partial<Record<ClaimEventType, ClaimStage>> = {
  'claim-received': 'received',
  'information-requested': 'awaiting-information',
  'medical-assessment-requested': 'awaiting-medical-assessment',
  'approval-required': 'awaiting-approval',
  'award-approved': 'awarded',
  'claim-rejected': 'rejected',
  'claim-withdrawn': 'withdrawn',
};
