import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { ActorId } from '../../schemas/claim/ids';
import type {
  ApproveAward,
  DecideAwardLine,
  ProvideInformation,
  WithdrawClaim,
} from '../../schemas/claim/operator-inputs';
import type { ClaimStatus } from '../../schemas/claim/status';
import type { MedicalBoardDecision } from '../../schemas/medical/board-decision';
import { MedicalCertificatePeriod } from '../../schemas/medical/medical-certificate';

/*
 * The claim workflow's messages (STYLE H13): callers (CLI, consumers, tests) import them from here. Operator actions
 * are updates, not signals, so a refused action (wrong stage, maker approving own award, bad input) comes back to
 * the caller at once from the validator instead of being dropped silently. Every update returns the claim status.
 */

/** An officer records one further medical certificate (MC period); TDB for it is awarded and paid as it comes. */
export const RecordMedicalCertificate = z.object({ actorId: ActorId, certificate: MedicalCertificatePeriod }).strict();
export type RecordMedicalCertificate = z.infer<typeof RecordMedicalCertificate>;

/** Where the claim is: stage, outstanding documents, pending approvals, flags, SLA due time. */
export const getClaimStatusQuery = defineQuery<ClaimStatus>('getClaimStatus');

/** Documents or MCs the claim waits for in `awaiting-information` (ProvideInformation). */
export const provideInformationUpdate = defineUpdate<ClaimStatus, [ProvideInformation]>('provideInformation');

/** The Medical Board's decision (MedicalBoardDecision); a repeat of the same assessmentId is ignored. */
export const submitMedicalAssessmentUpdate = defineUpdate<ClaimStatus, [MedicalBoardDecision]>(
  'submitMedicalAssessment'
);

/** One more MC period (RecordMedicalCertificate); a repeat of the same certId is ignored. */
export const recordMedicalCertificateUpdate = defineUpdate<ClaimStatus, [RecordMedicalCertificate]>(
  'recordMedicalCertificate'
);

/** A second officer approves an award above the authority limit (ApproveAward); the maker cannot. */
export const approveAwardUpdate = defineUpdate<ClaimStatus, [ApproveAward]>('approveAward');

/** An officer sets the amount of a line referred to an officer (DecideAwardLine); a second officer then approves. */
export const decideAwardLineUpdate = defineUpdate<ClaimStatus, [DecideAwardLine]>('decideAwardLine');

/** Withdraws the claim (WithdrawClaim) before awarding; returns once the claim is closed as withdrawn. */
export const withdrawClaimUpdate = defineUpdate<ClaimStatus, [WithdrawClaim]>('withdrawClaim');
