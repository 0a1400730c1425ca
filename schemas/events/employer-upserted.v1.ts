import { z } from 'zod';
import { IsoDateTime } from '../common/dates';
import { EventId } from '../claim/ids';
import { Employer } from '../registry/employer';

/**
 * Version 1 of the `registry.employers` event (key: employerId): the registry's full current record of an employer
 * after a registration or status change. The latest event per key wins (a compacted topic).
 */
export const EmployerUpsertedV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId: EventId,
    occurredAt: IsoDateTime,
    employer: Employer,
  })
  .strict();
export type EmployerUpsertedV1 = z.infer<typeof EmployerUpsertedV1>;

/** Any supported version of the `registry.employers` event. */
export const EmployerUpserted = z.discriminatedUnion('schemaVersion', [EmployerUpsertedV1]);
export type EmployerUpserted = z.infer<typeof EmployerUpserted>;
