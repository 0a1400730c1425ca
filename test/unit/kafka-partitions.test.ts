import type { Admin, Kafka } from 'kafkajs';
import { loadConfig } from '../../infra/config';
import {
  DLQ_TOPICS,
  ensureProjectTopics,
  HIGH_VOLUME_TOPICS,
  projectTopicSpecs,
} from '../../infra/kafka/project-topics';
import { growTopics } from '../../infra/kafka/topics';
import type { GrownTopic } from '../../infra/kafka/topics';

/**
 * An in-memory broker's admin API: topics and their partition counts, as kafkajs's Admin answers for them. Growing
 * takes effect at once; `alreadyGrown` makes the broker refuse a growth as another process had just done it.
 */
function fakeAdmin(partitions: Record<string, number>, options: { alreadyGrown?: boolean } = {}) {
  const topics = new Map(Object.entries(partitions));
  const calls = { createPartitions: [] as { topic: string; count: number }[][], createTopics: [] as string[] };
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    listTopics: async () => [...topics.keys()],
    fetchTopicMetadata: async ({ topics: names }: { topics: string[] }) => ({
      topics: names.map((name) => ({
        name,
        partitions: Array.from({ length: topics.get(name) ?? 0 }, (_, partitionId) => ({ partitionId, leader: 1 })),
      })),
    }),
    createTopics: async ({ topics: created }: { topics: { topic: string; numPartitions: number }[] }) => {
      for (const t of created) {
        topics.set(t.topic, t.numPartitions);
        calls.createTopics.push(t.topic);
      }
      return true;
    },
    createPartitions: async ({ topicPartitions }: { topicPartitions: { topic: string; count: number }[] }) => {
      calls.createPartitions.push(topicPartitions);
      for (const t of topicPartitions) topics.set(t.topic, t.count);
      if (options.alreadyGrown)
        throw Object.assign(new Error('Topic already has 6 partitions'), { type: 'INVALID_PARTITIONS' });
    },
    describeConfigs: async () => ({ resources: [] }),
    alterConfigs: async () => undefined,
  };
  return { admin: admin as unknown as Admin, topics, calls };
}

describe('Kafka partitions of the project topics', () => {
  it('when nothing is configured, then topics get 6 partitions; KAFKA_PARTITIONS sets another count and a bad one is named', () => {
    expect(loadConfig({}).KAFKA_PARTITIONS).toBe(6);
    expect(loadConfig({ KAFKA_PARTITIONS: '12' }).KAFKA_PARTITIONS).toBe(12);
    expect(() => loadConfig({ KAFKA_PARTITIONS: '0' })).toThrow(/KAFKA_PARTITIONS/);
    expect(() => loadConfig({ KAFKA_PARTITIONS: 'six' })).toThrow(/KAFKA_PARTITIONS/);
  });

  it('when the topics are listed, then the claim-, award- and payment-keyed event topics grow, the others and the DLQs do not', () => {
    expect([...HIGH_VOLUME_TOPICS].sort()).toEqual([
      'awards.events',
      'claims.events',
      'claims.submitted',
      'payments.instructions',
      'payments.results',
    ]);
    const specs = projectTopicSpecs({ KAFKA_TOPIC_SUFFIX: '.t1', KAFKA_DLQ_RETENTION: 1_000 });
    const grown = specs.filter((s) => s.grow === true).map((s) => s.name);
    expect(grown.sort()).toEqual(HIGH_VOLUME_TOPICS.map((t) => `${t}.t1`).sort());
    // Compacted topics keep each key on one partition: never grown.
    for (const s of specs.filter((t) => t.configEntries?.['cleanup.policy'] === 'compact'))
      expect(s.grow).toBeUndefined();
    const dlqs = specs.filter((s) => DLQ_TOPICS.some((d) => s.name === `${d}.t1`));
    expect(dlqs).toHaveLength(DLQ_TOPICS.length);
    for (const d of dlqs) expect(d).toMatchObject({ partitions: 1, configEntries: { 'retention.ms': '1000' } });
    for (const d of dlqs) expect(d.grow).toBeUndefined();
  });

  it('when a growing topic has fewer partitions than wanted, then it is grown; more, missing or not growing ones are left', async () => {
    const { admin, topics, calls } = fakeAdmin({ 'claims.submitted': 3, 'claims.events': 8, 'registry.employers': 3 });
    const grown = await growTopics(
      admin,
      [
        { name: 'claims.submitted', grow: true },
        { name: 'claims.events', grow: true },
        { name: 'payments.results', grow: true },
        { name: 'registry.employers' },
      ],
      { partitions: 6 }
    );
    expect(grown).toEqual<GrownTopic[]>([{ topic: 'claims.submitted', from: 3, to: 6 }]);
    expect(calls.createPartitions).toEqual([[{ topic: 'claims.submitted', count: 6 }]]);
    expect(Object.fromEntries(topics)).toEqual({ 'claims.submitted': 6, 'claims.events': 8, 'registry.employers': 3 });
    // Run again: nothing left to grow.
    expect(await growTopics(admin, [{ name: 'claims.submitted', grow: true }], { partitions: 6 })).toEqual([]);
    expect(calls.createPartitions).toHaveLength(1);
  });

  it('when another process grew the topic first, then the broker refusal counts as grown', async () => {
    const { admin } = fakeAdmin({ 'payments.results': 3 }, { alreadyGrown: true });
    await expect(growTopics(admin, [{ name: 'payments.results', grow: true }], { partitions: 6 })).resolves.toEqual([
      { topic: 'payments.results', from: 3, to: 6 },
    ]);
  });

  it('when the stack ensures its topics on a cluster made with 3 partitions, then the high-volume ones grow to 6 and new ones are made with 6', async () => {
    const { admin, topics, calls } = fakeAdmin({
      'claims.submitted': 3,
      'payments.instructions': 3,
      'registry.insured-persons': 3,
      'claims.submitted.dlq': 1,
    });
    const kafka = { admin: () => admin } as unknown as Kafka;
    const reported: GrownTopic[] = [];
    const config = { ...loadConfig({}), KAFKA_TOPIC_SUFFIX: '' };
    const created = await ensureProjectTopics(kafka, config, { onGrown: (g) => reported.push(...g) });
    expect(reported).toEqual([
      { topic: 'claims.submitted', from: 3, to: 6 },
      { topic: 'payments.instructions', from: 3, to: 6 },
    ]);
    expect(created).not.toContain('claims.submitted');
    expect(topics.get('registry.insured-persons')).toBe(3);
    expect(topics.get('claims.submitted.dlq')).toBe(1);
    expect(topics.get('claims.events')).toBe(6);
    expect(topics.get('payments.results.dlq')).toBe(1);
    // Topics created just now already have their count: only the existing ones were grown.
    expect(calls.createPartitions.flat().map((t) => t.topic)).toEqual(['claims.submitted', 'payments.instructions']);
  });
});
