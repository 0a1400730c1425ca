import { ConfigResourceTypes, ConfigSource, type Admin, type ITopicConfig } from 'kafkajs';

/** A topic the project owns, with its partition count and retention. */
export interface TopicSpec {
  name: string;
  partitions?: number;
  /**
   * Whether an existing topic with fewer partitions than wanted is grown to that count ({@link growTopics}). Only
   * for topics keyed by a business id whose consumers read new partitions from the beginning: after the growth a
   * key may map to another partition, so per-key order holds for records produced from then on, not across the
   * change. Never for compacted topics (a key's old record would stay in its old partition beside the new one).
   */
  grow?: boolean;
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
    try {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    } catch (err) {
      // kafkajs's wait for leaders gives up when the broker answers "does not host this topic-partition" for a
      // topic it is still creating (seen on a loaded box); the topic exists, so wait for its leaders ourselves.
      if ((err as { type?: string }).type !== 'UNKNOWN_TOPIC_OR_PARTITION') throw err;
    }
    await waitForLeaders(
      admin,
      missing.map((t) => t.topic)
    );
  }
  return missing.map((t) => t.topic);
}

/** A topic grown by {@link growTopics}: its partition count before and after. */
export interface GrownTopic {
  topic: string;
  from: number;
  to: number;
}

/**
 * Grows each existing topic of `topics` marked `grow` to its wanted partition count (its own, else
 * `defaults.partitions`) when it has fewer, and waits for the new partitions' leaders; returns what it grew.
 * Kafka cannot shrink a topic, so one with more partitions is left as it is; missing topics are left to
 * {@link ensureTopics}. A topic grown meanwhile by another process (the broker answers INVALID_PARTITIONS) counts as
 * grown when it now has enough.
 */
export async function growTopics(
  admin: Admin,
  topics: readonly TopicSpec[],
  defaults: { partitions: number }
): Promise<GrownTopic[]> {
  const wanted = new Map(
    topics.filter((t) => t.grow === true).map((t) => [t.name, t.partitions ?? defaults.partitions])
  );
  if (wanted.size === 0) return [];
  const existing = new Set(await admin.listTopics());
  const names = [...wanted.keys()].filter((name) => existing.has(name));
  if (names.length === 0) return [];
  const counts = async (): Promise<Map<string, number>> => {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
    return new Map(metadata.map((t) => [t.name, t.partitions.length]));
  };
  const before = await counts();
  const toGrow = names.filter((name) => (before.get(name) ?? 0) < (wanted.get(name) ?? 0));
  if (toGrow.length === 0) return [];
  try {
    await admin.createPartitions({
      topicPartitions: toGrow.map((topic) => ({ topic, count: wanted.get(topic) ?? 0 })),
    });
  } catch (err) {
    if ((err as { type?: string }).type !== 'INVALID_PARTITIONS') throw err;
    const now = await counts();
    const short = toGrow.filter((name) => (now.get(name) ?? 0) < (wanted.get(name) ?? 0));
    if (short.length > 0) throw err;
  }
  await waitForLeaders(admin, toGrow, wanted);
  return toGrow.map((topic) => ({ topic, from: before.get(topic) ?? 0, to: wanted.get(topic) ?? 0 }));
}

/**
 * Polls topic metadata until every partition of `names` has a leader and each topic has at least its count in
 * `minPartitions` (at most `timeoutMs`).
 */
async function waitForLeaders(
  admin: Admin,
  names: string[],
  minPartitions: ReadonlyMap<string, number> = new Map(),
  timeoutMs = 30_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      const ready =
        topics.length === names.length &&
        topics.every(
          (t) => t.partitions.length >= (minPartitions.get(t.name) ?? 1) && t.partitions.every((p) => p.leader >= 0)
        );
      if (ready) return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline)
      throw new Error(`Kafka topics without leaders after ${timeoutMs} ms: ${names.join(', ')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Sets topic-level configs on existing topics where they differ (e.g. a changed DLQ `retention.ms`); returns the
 * names changed. kafkajs speaks the legacy AlterConfigs request, which replaces every topic-level override of a
 * topic, so each topic's other overrides are read first and sent back unchanged.
 */
export async function alignTopicConfigs(
  admin: Admin,
  names: readonly string[],
  entries: Record<string, string>
): Promise<string[]> {
  if (names.length === 0) return [];
  const { resources } = await admin.describeConfigs({
    resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    includeSynonyms: false,
  });
  const changed: string[] = [];
  for (const resource of resources) {
    const overrides = new Map(
      resource.configEntries
        .filter((e) => e.configSource === ConfigSource.TOPIC_CONFIG && e.configValue !== null)
        .map((e) => [e.configName, e.configValue])
    );
    if (Object.entries(entries).every(([name, value]) => overrides.get(name) === value)) continue;
    for (const [name, value] of Object.entries(entries)) overrides.set(name, value);
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: resource.resourceName,
          configEntries: [...overrides].map(([name, value]) => ({ name, value })),
        },
      ],
    });
    changed.push(resource.resourceName);
  }
  return changed;
}
