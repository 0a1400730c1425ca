import { z } from 'zod';
import { AwardLineKind, BenefitRuleId, BenefitType } from '../benefits/award';
import { IsoDateTime } from '../common/dates';
import { Sen } from '../common/money';
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

/** One line of an award as an operator sees it: what, for whom, how much (sen), by which rules, and its status. */
export const ClaimAwardLine = z
  .object({
    lineId: z.string().min(1),
    benefitType: BenefitType,
    kind: AwardLineKind,
    beneficiaryId: z.string().min(1),
    amountSen: Sen,
    status: z.string().min(1),
    ruleIds: z.array(BenefitRuleId),
  })
  .strict();
export type ClaimAwardLine = z.infer<typeof ClaimAwardLine>;

/**
 * An award the claim made: an MC period's TDB or the final award, its total, the engine's eligibility outcome, where
 * it stands with the authority check (maker-checker), and its lines.
 */
export const ClaimAwardSummary = z
  .object({
    awardId: AwardId,
    scope: z.enum(['tdb-period', 'final']),
    totalSen: Sen,
    eligibility: z.enum(['eligible', 'officer-review', 'not-eligible']),
    approval: z.enum(['not-required', 'pending', 'approved']),
    approvedBy: z.string().min(1).optional(),
    lines: z.array(ClaimAwardLine),
  })
  .strict();
export type ClaimAwardSummary = z.infer<typeof ClaimAwardSummary>;

/** The decision that moved the claim last: verification's code (`VERIFIED`, `NOT_REGISTERED`, …) or the outcome's. */
export const ClaimDecision = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/),
    reason: Reason,
  })
  .strict();
export type ClaimDecision = z.infer<typeof ClaimDecision>;

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
    /** Every award made so far, oldest first (absent in answers from workers older than this field). */
    awards: z.array(ClaimAwardSummary).default([]),
    decision: ClaimDecision.optional(),
  })
  .strict();
export type ClaimStatus = z.infer<typeof ClaimStatus>;
