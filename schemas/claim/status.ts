import { z } from 'zod';
import { IsoDateTime } from '../common/dates';
import { AwardId } from '../payments/ids';
import { AttachmentKind } from './attachment';
import { ClaimType } from './claim-type';
import { ClaimId, Reason } from './ids';
import { ClaimStage } from './stage';

/** A document or fact the claim waits for, as asked of the claimant or employer. */
export const OutstandingItem = z
  .object({
    kind: AttachmentKind,
    requestedAt: IsoDateTime,
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type OutstandingItem = z.infer<typeof OutstandingItem>;

/** A review flag in capitals, e.g. `LATE_EMPLOYER_NOTICE` (CLM-DL-001) or `EMPLOYER_DEFAULT` (EI-COV-005). */
export const ClaimFlag = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'expected an upper-case flag');
export type ClaimFlag = z.infer<typeof ClaimFlag>;

/**
 * The answer to "where is this claim?" (the claim workflow's status query and the CLI's `status`): stage, what it
 * waits for, awards awaiting approval, review flags and the SLA due time (CLM-SLA-001). Carries no personal data.
 */
export const ClaimStatus = z
  .object({
    claimId: ClaimId,
    claimType: ClaimType,
    stage: ClaimStage,
    receivedAt: IsoDateTime,
    updatedAt: IsoDateTime,
    lastSequence: z.number().int().positive(),
    outstandingInformation: z.array(OutstandingItem),
    pendingApprovals: z.array(AwardId),
    flags: z.array(ClaimFlag),
    slaDueAt: IsoDateTime.optional(),
    closingReason: Reason.optional(),
    duplicateOfClaimId: ClaimId.optional(),
  })
  .strict();
export type ClaimStatus = z.infer<typeof ClaimStatus>;
