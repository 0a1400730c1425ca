import { z } from 'zod';
import { EventId } from '../claim/ids';
import { MedicalBoardDecision } from '../medical/board-decision';

/**
 * Version 1 of the `medical.assessments` event (key: claimId): a board's decision (LOEC, provisional or final,
 * constant attendance) for the claim workflow to record and award on (CLM-MB-001).
 */
export const MedicalAssessmentDecidedV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId: EventId,
    decision: MedicalBoardDecision,
  })
  .strict();
export type MedicalAssessmentDecidedV1 = z.infer<typeof MedicalAssessmentDecidedV1>;

/** Any supported version of the `medical.assessments` event. */
export const MedicalAssessmentDecided = z.discriminatedUnion('schemaVersion', [MedicalAssessmentDecidedV1]);
export type MedicalAssessmentDecided = z.infer<typeof MedicalAssessmentDecided>;
