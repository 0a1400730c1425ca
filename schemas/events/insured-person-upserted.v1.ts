import { z } from 'zod';
import { IsoDateTime } from '../common/dates';
import { EventId } from '../claim/ids';
import { InsuredPerson } from '../registry/insured-person';

/**
 * Version 1 of the `registry.insured-persons` event (key: insuredPersonId): the registry's full current record of
 * an insured person after a registration or change. The latest event per key wins (a compacted topic).
 */
export const InsuredPersonUpsertedV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId: EventId,
    occurredAt: IsoDateTime,
    insuredPerson: InsuredPerson,
  })
  .strict();
export type InsuredPersonUpsertedV1 = z.infer<typeof InsuredPersonUpsertedV1>;

/** Any supported version of the `registry.insured-persons` event. */
export const InsuredPersonUpserted = z.discriminatedUnion('schemaVersion', [InsuredPersonUpsertedV1]);
export type InsuredPersonUpserted = z.infer<typeof InsuredPersonUpserted>;
