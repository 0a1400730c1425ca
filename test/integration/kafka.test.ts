import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureTopics } from '../../infra/kafka/topics';
import { eventually, uniqueSuffix } from '../support/unique';

describe('Kafka broker (KRaft, real connection)', () => {
  const config = loadConfig();
  let kafka: Kafka;

  beforeAll(() => {
    kafka = createKafka(config);
  });

  async function consumeInto(consumer: Consumer, topic: string, seen: KafkaMessage[]): Promise<void> {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen.push(message);
      },
    });
  }

  it('when a message is produced on a new topic, then a consumer group receives it', async () => {
    const topic = `it.kafka.${uniqueSuffix()}`;
    const admin = kafka.admin();
    await admin.connect();
    const created = await ensureTopics(admin, [{ name: topic, partitions: 1 }], {
      partitions: 1,
      replicationFactor: 1,
    });
    expect(created).toEqual([topic]);
    // Creating again is a no-op: topics are owned by the project and safe to ensure at every start.
    expect(await ensureTopics(admin, [{ name: topic }], { partitions: 1, replicationFactor: 1 })).toEqual([]);
    await admin.disconnect();

    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'C-1', value: 'hello', headers: { 'x-test': 'yes' } }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `it-group-${uniqueSuffix()}` });
    const seen: KafkaMessage[] = [];
    await consumeInto(consumer, topic, seen);
    await eventually(async () => seen.length === 1, 30_000);
    await consumer.disconnect();

    expect(seen[0]?.key?.toString()).toBe('C-1');
    expect(seen[0]?.value?.toString()).toBe('hello');
    expect(seen[0]?.headers?.['x-test']?.toString()).toBe('yes');
  });

  it('when a consumer restarts in the same group, then it resumes after the committed offset', async () => {
    const topic = `it.kafka.offsets.${uniqueSuffix()}`;
    const groupId = `it-group-${uniqueSuffix()}`;
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ name: topic, partitions: 1 }], { partitions: 1, replicationFactor: 1 });

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: [1, 2, 3].map((n) => ({ key: `k${n}`, value: `m${n}` })) });

    const first: KafkaMessage[] = [];
    const consumer1 = kafka.consumer({ groupId });
    await consumeInto(consumer1, topic, first);
    await eventually(async () => first.length === 3, 30_000);
    await consumer1.disconnect(); // commits the resolved offsets

    const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets[0]?.partitions[0]?.offset).toBe('3');

    await producer.send({ topic, messages: [{ key: 'k4', value: 'm4' }] });
    await producer.disconnect();

    const second: KafkaMessage[] = [];
    const consumer2 = kafka.consumer({ groupId });
    await consumeInto(consumer2, topic, second);
    await eventually(async () => second.length >= 1, 30_000);
    await consumer2.disconnect();
    await admin.disconnect();

    expect(first.map((m) => m.value?.toString())).toEqual(['m1', 'm2', 'm3']);
    expect(second.map((m) => m.value?.toString())).toEqual(['m4']);
  });
});
