import { z } from 'zod';
import { IsoDateTime } from '../common/dates';
import { EventId } from '../claim/ids';
import { ContributionRecord } from '../registry/contribution';

/**
 * Version 1 of the `registry.contributions` event (key: insuredPersonId, so one person's months stay in order): a
 * month's contribution was recorded, or its payment status changed from payable to paid.
 */
export const ContributionRecordedV1 = z
  .object({
    schemaVersion: z.literal(1),
    eventId: EventId,
    occurredAt: IsoDateTime,
    contribution: ContributionRecord,
  })
  .strict();
export type ContributionRecordedV1 = z.infer<typeof ContributionRecordedV1>;

/** Any supported version of the `registry.contributions` event. */
export const ContributionRecorded = z.discriminatedUnion('schemaVersion', [ContributionRecordedV1]);
export type ContributionRecorded = z.infer<typeof ContributionRecorded>;
