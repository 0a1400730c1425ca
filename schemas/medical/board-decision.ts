import { z } from 'zod';
import { IsoDate, IsoDateTime } from '../common/dates';
import { ClaimId } from '../claim/ids';
import { malaysiaDateOf } from '../claim/time';

/** The id of one Medical Board assessment, `MA-` and at least 6 digits; a reassessment gets a new id. */
export const AssessmentId = z.string().regex(/^MA-\d{6,}$/, 'expected MA- and at least 6 digits');
export type AssessmentId = z.infer<typeof AssessmentId>;

/**
 * The board that decides (CLM-MB-001): the Medical Board (Jemaah Doktor), the Special Medical Board (also sits on
 * constant attendance) or the Appellate Medical Board.
 */
export const MedicalBoard = z.enum(['medical-board', 'special-medical-board', 'appellate-medical-board']);
export type MedicalBoard = z.infer<typeof MedicalBoard>;

/**
 * Loss of earning capacity in integer basis points: 0..10000, where 10000 is 100 % (total) and 1500 is 15 %. Basis
 * points keep the board's fractional percentages (e.g. 2.5 % = 250) exact without floating point (GEN-MNY-001); the
 * engine uses `loecBasisPoints / 10000` as an exact fraction. LOEC ≤ 2000 is paid as a lump sum (EI-PDB-004).
 */
export const LoecBasisPoints = z.number().int().min(0).max(10_000);
export type LoecBasisPoints = z.infer<typeof LoecBasisPoints>;

/**
 * A Medical Board decision on a claim (EI-PDB-001, EI-PDB-007, CLM-MB-001). A provisional assessment holds until
 * its `reviewDate` (then PAY-PROV-001); a final one is for life and has none. Constant attendance (EI-CAA-001) needs
 * total disablement (LOEC 100 %) or certified invalidity.
 */
export const MedicalBoardDecision = z
  .object({
    assessmentId: AssessmentId,
    claimId: ClaimId,
    board: MedicalBoard,
    boardReference: z.string().regex(/^[A-Za-z0-9 /._-]{3,60}$/, 'expected the board reference'),
    kind: z.enum(['provisional', 'final']),
    loecBasisPoints: LoecBasisPoints,
    invalidityCertified: z.boolean().optional(),
    constantAttendanceNeeded: z.boolean(),
    reviewDate: IsoDate.optional(),
    decidedAt: IsoDateTime,
    remarks: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.kind === 'provisional' && d.reviewDate === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reviewDate'], message: 'required for a provisional assessment' });
    }
    if (d.kind === 'final' && d.reviewDate !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['reviewDate'], message: 'a final assessment is for life' });
    }
    if (d.reviewDate !== undefined && d.reviewDate <= malaysiaDateOf(d.decidedAt)) {
      ctx.addIssue({ code: 'custom', path: ['reviewDate'], message: 'must be after decidedAt' });
    }
    if (d.constantAttendanceNeeded && d.loecBasisPoints !== 10_000 && d.invalidityCertified !== true) {
      ctx.addIssue({
        code: 'custom',
        path: ['constantAttendanceNeeded'],
        message: 'needs LOEC 10000 (total) or certified invalidity (EI-CAA-001)',
      });
    }
  });
export type MedicalBoardDecision = z.infer<typeof MedicalBoardDecision>;
