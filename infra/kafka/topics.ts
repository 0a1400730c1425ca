import { ConfigResourceTypes, ConfigSource, type Admin, type ITopicConfig } from 'kafkajs';

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

/** Polls topic metadata until every partition of `names` has a leader (at most `timeoutMs`). */
async function waitForLeaders(admin: Admin, names: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: names });
      const ready = topics.length === names.length && topics.every((t) => t.partitions.every((p) => p.leader >= 0));
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
