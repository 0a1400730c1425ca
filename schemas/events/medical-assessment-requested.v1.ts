import { z } from 'zod';
import { IsoDate, IsoDateTime } from '../common/dates';
import { ClaimId, EventId, Reason } from '../claim/ids';
import { AssessmentId, MedicalBoard } from '../medical/board-decision';
import { InsuredPersonId } from '../registry/ids';

/**
 * Why a board is asked to sit: permanent disablement (LOEC), invalidity, constant attendance, the reassessment of a
 * provisional decision (PAY-PROV-001) or an appeal (CLM-MB-001).
 */
export const AssessmentPurpose = z.enum([
  'permanent-disablement',
  'invalidity',
  'constant-attendance',
  'reassessment',
  'appeal',
]);
export type AssessmentPurpose = z.infer<typeof AssessmentPurpose>;

/**
 * Version 1 of the `medical.assessment.requested` event (key: claimId): the claim workflow asks the medical
 * service to convene a board. A reassessment or appeal names the assessment it revisits. For permanent disablement
 * the last TDB day is given, since the claim must come within 12 months of it (EI-PDB-001, CLM-DL-003).
 */
export const MedicalAssessmentRequestedV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId: EventId,
    assessmentId: AssessmentId,
    claimId: ClaimId,
    insuredPersonId: InsuredPersonId,
    purpose: AssessmentPurpose,
    board: MedicalBoard,
    lastTemporaryDisablementDay: IsoDate.optional(),
    previousAssessmentId: AssessmentId.optional(),
    reason: Reason,
    requestedAt: IsoDateTime,
  })
  .strict()
  .superRefine((r, ctx) => {
    const revisits = r.purpose === 'reassessment' || r.purpose === 'appeal';
    if (revisits && r.previousAssessmentId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['previousAssessmentId'], message: `required for ${r.purpose}` });
    }
    if (r.purpose === 'appeal' && r.board !== 'appellate-medical-board') {
      ctx.addIssue({ code: 'custom', path: ['board'], message: 'an appeal goes to the appellate-medical-board' });
    }
  });
export type MedicalAssessmentRequestedV1 = z.infer<typeof MedicalAssessmentRequestedV1>;

/** Any supported version of the `medical.assessment.requested` event. */
export const MedicalAssessmentRequested = z.discriminatedUnion('schemaVersion', [MedicalAssessmentRequestedV1]);
export type MedicalAssessmentRequested = z.infer<typeof MedicalAssessmentRequested>;
