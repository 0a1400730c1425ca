import type { Admin, ITopicConfig } from 'kafkajs';

/** A topic the project owns, with its partition count and retention. */
export interface TopicSpec {
  name: string;
  partitions?: number;
  /** Topic-level configs, e.g. `{ 'retention.ms': '-1' }` for an event log kept forever. */
  configEntries?: Record<string, string>;
}

/**
 * Creates the given topics when missing (the broker's auto-create is never relied on) and waits for their
 * leaders. Existing topics are left alone, so this is safe at every process start.
 */
export async function ensureTopics(
  admin: Admin,
  topics: readonly TopicSpec[],
  defaults: { partitions: number; replicationFactor: number }
): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing: ITopicConfig[] = topics
    .filter((t) => !existing.has(t.name))
    .map((t) => ({
      topic: t.name,
      numPartitions: t.partitions ?? defaults.partitions,
      replicationFactor: defaults.replicationFactor,
      configEntries: Object.entries(t.configEntries ?? {}).map(([name, value]) => ({ name, value })),
    }));
  if (missing.length > 0) {
    await admin.createTopics({ topics: missing, waitForLeaders: true });
  }
  return missing.map((t) => t.topic);
}
