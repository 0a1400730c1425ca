import { z } from 'zod';
import { IsoDate } from '../common/dates';
import { daysInclusive } from '../claim/time';

/** Who issued a medical certificate: a PERKESO panel clinic, a government facility, or a private practitioner. */
export const CertificateIssuer = z
  .object({
    name: z.string().trim().min(1).max(150),
    facilityCode: z
      .string()
      .regex(/^[A-Z0-9-]{3,20}$/, 'expected a facility code')
      .optional(),
    kind: z.enum(['panel-clinic', 'government', 'private']),
  })
  .strict();
export type CertificateIssuer = z.infer<typeof CertificateIssuer>;

/**
 * One period of doctor-certified medical leave (an MC). TDB pays every certified day, the accident day included,
 * except days worked for wages (EI-TDB-001, EI-TDB-004), so the count of such days travels with the period.
 */
export const MedicalCertificatePeriod = z
  .object({
    certId: z.string().regex(/^[A-Za-z0-9/-]{1,40}$/, 'expected the certificate serial'),
    from: IsoDate,
    to: IsoDate,
    issuer: CertificateIssuer,
    daysWorkedForWages: z.number().int().nonnegative(),
  })
  .strict()
  .superRefine((mc, ctx) => {
    if (mc.to < mc.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
    } else if (mc.daysWorkedForWages > daysInclusive(mc.from, mc.to)) {
      ctx.addIssue({ code: 'custom', path: ['daysWorkedForWages'], message: 'exceeds the days in the period' });
    }
  });
export type MedicalCertificatePeriod = z.infer<typeof MedicalCertificatePeriod>;
