import { z } from 'zod';
import { IsoDateTime } from '../common/dates';
import { Sen } from '../common/money';
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

/**
 * An officer decides the amount of an award line the benefit rules left to an officer (status `officer-review`, e.g.
 * a PDB lump sum at LOEC 20 % or less without a commutation table, EI-PDB-004, or an invalidity grant, INV-GRT-001).
 * The deciding officer becomes the award's maker: a second officer must still approve it before it is paid.
 */
export const DecideAwardLine = z
  .object({
    actorId: ActorId,
    awardId: AwardId,
    lineId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'expected a line id such as PDB-LUMP'),
    amountSen: Sen,
    reason: Reason,
  })
  .strict();
export type DecideAwardLine = z.infer<typeof DecideAwardLine>;

/** An approving officer releases an award that needed a second pair of eyes (the `approval-required` event). */
export const ApproveAward = z
  .object({
    actorId: ActorId,
    awardId: AwardId,
    reason: Reason,
  })
  .strict();
export type ApproveAward = z.infer<typeof ApproveAward>;
