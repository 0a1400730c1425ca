import { z } from 'zod';
import { IsoDate, IsoDateTime } from '../common/dates';
import { EmployerId } from './ids';

/** An employer's standing with PERKESO; claims against a closed or defaulting employer go to an officer (EI-COV-005). */
export const EmployerStatus = z.enum(['active', 'dormant', 'closed', 'struck-off']);
export type EmployerStatus = z.infer<typeof EmployerStatus>;

/**
 * The registry's view of an employer: its PERKESO id, business name and SSM registration number, status and the
 * date it registered with PERKESO. A business name is not personal data and may be logged.
 */
export const Employer = z
  .object({
    employerId: EmployerId,
    name: z.string().trim().min(1).max(200),
    registrationNumber: z.string().regex(/^[A-Z0-9-]{4,20}$/, 'expected an SSM registration number'),
    status: EmployerStatus,
    registeredAt: IsoDate,
    updatedAt: IsoDateTime,
  })
  .strict();
export type Employer = z.infer<typeof Employer>;
