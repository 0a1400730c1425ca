import { z } from 'zod';
import { ActorId, Reason } from '../claim/ids';

/** A replay is `publishing` from the moment it is recorded until the message is on its topic, then `done`. */
export const DlqReplayState = z.enum(['publishing', 'done']);
export type DlqReplayState = z.infer<typeof DlqReplayState>;

/**
 * The record of one replay of a dead letter (`dlq_replays`, `npx claims dlq replay`): which DLQ entry, which original
 * message, where it went, who asked and why. One per DLQ entry and one per original message, so a dead letter is
 * replayed once. Holds no message content: `valueSha256` only tells a rerun whether it would publish the same bytes.
 */
export const DlqReplayRecord = z
  .object({
    /** The DLQ entry replayed: `<dlqTopic>:<partition>:<offset>`. */
    replayId: z.string().min(1),
    /** The original message: `<sourceTopic>:<partition>:<offset>`. */
    original: z.string().min(1),
    /** The topic the message was published to again (the original topic). */
    targetTopic: z.string().min(1),
    state: DlqReplayState,
    /** True when a corrected body from a file replaced the original bytes. */
    corrected: z.boolean(),
    valueSha256: z.string().regex(/^[0-9a-f]{64}$/),
    actorId: ActorId,
    reason: Reason,
    startedAt: z.iso.datetime(),
    /** Where and when the replayed message landed (set when `done`). */
    published: z
      .object({ partition: z.number().int().nonnegative(), offset: z.string().regex(/^\d+$/), at: z.iso.datetime() })
      .strict()
      .optional(),
  })
  .strict();
export type DlqReplayRecord = z.infer<typeof DlqReplayRecord>;
