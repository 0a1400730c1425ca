import type { Producer } from 'kafkajs';

/** One `claims.submitted` message: the claim id (key) and its JSON. */
export interface ClaimMessage {
  key: string;
  value: string;
}

/** Messages per send when unthrottled (as the demo publishes its registry). */
const BATCH = 500;
/** How often a throttled producer sends what has fallen due. */
const TICK_MS = 50;

/**
 * Publishes `messages` to `topic` and returns when each was handed to Kafka (epoch ms, taken just before its send).
 * Unthrottled: in batches of {@link BATCH}, each send awaited. At `ratePerSecond`: message i falls due at i / rate
 * seconds after the first, and each tick sends everything due, so the offered rate holds even when a send is slow.
 * `onSent` hears the running count after each send.
 */
export async function produce(
  producer: Producer,
  topic: string,
  messages: readonly ClaimMessage[],
  ratePerSecond?: number,
  onSent?: (count: number) => void
): Promise<Map<string, number>> {
  const sentAt = new Map<string, number>();
  const send = async (slice: readonly ClaimMessage[]): Promise<void> => {
    const now = Date.now();
    await producer.send({ topic, acks: -1, messages: slice.map((m) => ({ key: m.key, value: m.value })) });
    for (const m of slice) sentAt.set(m.key, now);
    onSent?.(sentAt.size);
  };
  if (ratePerSecond === undefined) {
    for (let i = 0; i < messages.length; i += BATCH) await send(messages.slice(i, i + BATCH));
    return sentAt;
  }
  const t0 = Date.now();
  let sent = 0;
  while (sent < messages.length) {
    const due = Math.min(messages.length, Math.floor(((Date.now() - t0) * ratePerSecond) / 1000) + 1);
    if (due > sent) {
      await send(messages.slice(sent, due));
      sent = due;
    }
    const nextDueMs = t0 + (sent * 1000) / ratePerSecond;
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(TICK_MS, nextDueMs - Date.now()))));
  }
  return sentAt;
}
