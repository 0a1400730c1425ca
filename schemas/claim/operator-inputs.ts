import { z } from 'zod';
import { IsoDateTime } from '../common/dates';
import { MedicalCertificatePeriod } from '../medical/medical-certificate';
import { AwardId } from '../payments/ids';
import { Attachment } from './attachment';
import { ActorId, Reason } from './ids';

/**
 * An officer records information a claim was waiting for (documents, further MCs), resuming it from
 * `awaiting-information`. At least one attachment or certificate must be given.
 */
export const ProvideInformation = z
  .object({
    actorId: ActorId,
    reason: Reason,
    providedAt: IsoDateTime,
    attachments: z.array(Attachment).max(100),
    medicalCertificates: z.array(MedicalCertificatePeriod).max(100),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.attachments.length === 0 && p.medicalCertificates.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['attachments'], message: 'give at least one attachment or certificate' });
    }
  });
export type ProvideInformation = z.infer<typeof ProvideInformation>;

/** An officer withdraws a claim at the request of the claimant or employer, or on PERKESO's own finding. */
export const WithdrawClaim = z
  .object({
    actorId: ActorId,
    reason: Reason,
    requestedBy: z.enum(['claimant', 'employer', 'perkeso']),
  })
  .strict();
export type WithdrawClaim = z.infer<typeof WithdrawClaim>;

/** An approving officer releases an award that needed a second pair of eyes (the `approval-required` event). */
export const ApproveAward = z
  .object({
    actorId: ActorId,
    awardId: AwardId,
    reason: Reason,
  })
  .strict();
export type ApproveAward = z.infer<typeof ApproveAward>;
