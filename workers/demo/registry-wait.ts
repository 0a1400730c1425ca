import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';

/*
 * The demo waits for the registry read model before it streams claims: a claim verified before its insured
 * person's contributions are in MongoDB is refused (not registered) or sent to an officer (no wage base), which is
 * not what the demo means to show. "Caught up" is read from Kafka: the registry consumer group has committed every
 * offset the demo published.
 */

/** The group of the registry read-model consumer (workers/registry/registry-consumer.ts, its default). */
export const REGISTRY_CONSUMER_GROUP = 'claims-registry';

/** Offsets per `topic:partition`. */
export type PartitionOffsets = ReadonlyMap<string, number>;

/** Partitions whose committed offset (`-1`: none yet) is still below the end offset the demo published up to. */
export function partitionsBehind(ends: PartitionOffsets, committed: PartitionOffsets): string[] {
  return [...ends].filter(([key, end]) => end > 0 && (committed.get(key) ?? -1) < end).map(([key]) => key);
}

/** Messages the group has still to apply: the sum over partitions of end minus committed (nothing committed: all). */
export function messagesBehind(ends: PartitionOffsets, committed: PartitionOffsets): number {
  return [...ends].reduce((sum, [key, end]) => sum + Math.max(0, end - Math.max(0, committed.get(key) ?? 0)), 0);
}

/** The end offset of every partition of `topics` now. */
export async function endOffsets(
  admin: Pick<Admin, 'fetchTopicOffsets'>,
  topics: readonly string[]
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const topic of topics) {
    for (const p of await admin.fetchTopicOffsets(topic)) out.set(`${topic}:${p.partition}`, Number(p.high));
  }
  return out;
}

/** The offsets `groupId` has committed on `topics` (`-1` where it has none). */
export async function committedOffsets(
  admin: Pick<Admin, 'fetchOffsets'>,
  groupId: string,
  topics: readonly string[]
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const t of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
    for (const p of t.partitions) out.set(`${t.topic}:${p.partition}`, Number(p.offset));
  }
  return out;
}

/**
 * Waits until `groupId` has committed `ends` on every partition, at most `timeoutMs` (or until `signal` aborts).
 * Resolves how many messages the group still had to apply at the last look (0: caught up); the demo streams either
 * way (a missing or slow consumer must not block it forever), and says how far behind the registry is.
 */
export async function waitForGroup(
  admin: Pick<Admin, 'fetchOffsets'>,
  options: {
    groupId: string;
    ends: PartitionOffsets;
    timeoutMs: number;
    signal: AbortSignal;
    pollMs?: number;
    now?: () => number;
  }
): Promise<number> {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  const topics = [...new Set([...options.ends.keys()].map((k) => k.slice(0, k.lastIndexOf(':'))))];
  for (;;) {
    const committed = await committedOffsets(admin, options.groupId, topics);
    if (partitionsBehind(options.ends, committed).length === 0) return 0;
    const behind = messagesBehind(options.ends, committed);
    if (options.signal.aborted || now() >= deadline) return behind;
    try {
      await sleep(Math.min(options.pollMs ?? 1_000, Math.max(0, deadline - now())), undefined, {
        signal: options.signal,
      });
    } catch {
      return behind;
    }
  }
}
