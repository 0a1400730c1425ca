import { z } from 'zod';
import { IsoDate, IsoDateTime } from '../common/dates';
import { InsuredPersonId } from './ids';
import { PersonalDetails } from './personal';

/**
 * Contribution category (EI-COV-003): `first` (EI and invalidity, under 60) or `second` (EI only, aged 60 or over
 * or first insured at 55 or over).
 */
export const ContributionCategory = z.enum(['first', 'second']);
export type ContributionCategory = z.infer<typeof ContributionCategory>;

/** Local (citizen or permanent resident) or foreign worker; LINDUNG 24 Jam is mandatory for foreign workers. */
export const WorkerType = z.enum(['local', 'foreign']);
export type WorkerType = z.infer<typeof WorkerType>;

/** Whether a worker is in the LINDUNG 24 Jam non-employment scheme (NEI-PART-001). */
export const NonEmploymentCoverStatus = z.enum(['covered', 'opted-out']);
export type NonEmploymentCoverStatus = z.infer<typeof NonEmploymentCoverStatus>;

/** One dated change of LINDUNG 24 Jam status: an opt-out, an auto-activation or a reactivation (NEI-PART-002). */
export const NonEmploymentCoverChange = z
  .object({
    status: NonEmploymentCoverStatus,
    effectiveFrom: IsoDate,
    recordedAt: IsoDateTime,
  })
  .strict();
export type NonEmploymentCoverChange = z.infer<typeof NonEmploymentCoverChange>;

/**
 * A worker's LINDUNG 24 Jam cover: the current status and the full dated history, oldest first. The history is kept
 * because cover is tested on the accident date, and a later opt-out never withdraws cover for an earlier accident
 * (NEI-PART-002). `current` must equal the latest entry's status.
 */
export const NonEmploymentCover = z
  .object({
    current: NonEmploymentCoverStatus,
    history: z.array(NonEmploymentCoverChange).min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    c.history.forEach((change, i) => {
      const previous = c.history[i - 1];
      if (previous !== undefined && change.effectiveFrom < previous.effectiveFrom) {
        ctx.addIssue({
          code: 'custom',
          path: ['history', i, 'effectiveFrom'],
          message: 'history must be oldest first',
        });
      }
    });
    const latest = c.history[c.history.length - 1];
    if (latest !== undefined && latest.status !== c.current) {
      ctx.addIssue({ code: 'custom', path: ['current'], message: 'must equal the latest history entry' });
    }
  });
export type NonEmploymentCover = z.infer<typeof NonEmploymentCover>;

/**
 * The registry's view of an insured person, as read by claim verification: registration date, category, worker
 * type and LINDUNG 24 Jam cover. Foreign workers cannot opt out (NEI-PART-001). Personal data is under `personal`.
 */
export const InsuredPerson = z
  .object({
    insuredPersonId: InsuredPersonId,
    registeredOn: IsoDate,
    category: ContributionCategory,
    workerType: WorkerType,
    nonEmploymentCover: NonEmploymentCover,
    personal: PersonalDetails,
    updatedAt: IsoDateTime,
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.workerType !== 'foreign') return;
    p.nonEmploymentCover.history.forEach((change, i) => {
      if (change.status === 'opted-out') {
        ctx.addIssue({
          code: 'custom',
          path: ['nonEmploymentCover', 'history', i, 'status'],
          message: 'a foreign worker cannot opt out (NEI-PART-001)',
        });
      }
    });
  });
export type InsuredPerson = z.infer<typeof InsuredPerson>;
