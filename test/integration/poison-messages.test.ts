import type { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureTopics } from '../../infra/kafka/topics';
import { createHandlerConsumer, type SourcedMessage } from '../../workers/kafka-handler-consumer';
import { deadLetterRecord } from '../../workers/kafka-messages';
import { readToEnd } from '../support/topic-reader';
import { eventually, uniqueSuffix } from '../support/unique';

/**
 * The poison-message policy of every consumer (workers/kafka-handler-consumer.ts) over the real broker: a message
 * whose handler keeps failing is dead-lettered after its attempts with the reason, the attempt count and its
 * original bytes, and the partition moves on; an error that only says a server is unreachable is waited out, not
 * counted; a batch that keeps failing is split until the bad message stands alone.
 */
describe('poison messages (real Kafka)', () => {
  const config = loadConfig();
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    kafka = createKafka(config);
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
  });

  async function topics(name: string): Promise<{ source: string; dlq: string }> {
    const source = `it.poison.${name}.${uniqueSuffix()}`;
    const dlq = `${source}.dlq`;
    await ensureTopics(admin, [{ name: source }, { name: dlq }], { partitions: 1, replicationFactor: 1 });
    return { source, dlq };
  }

  async function produce(topic: string, keys: string[]): Promise<void> {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: keys.map((key) => ({ key, value: `{"id":"${key}"}` })) });
    await producer.disconnect();
  }

  async function readAll(topic: string, count: number): Promise<KafkaMessage[]> {
    const got: KafkaMessage[] = [];
    const reader = kafka.consumer({ groupId: `it-poison-reader-${uniqueSuffix()}` });
    await reader.connect();
    await reader.subscribe({ topics: [topic], fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void got.push(message) });
    try {
      await eventually(async () => got.length >= count, 30_000);
    } finally {
      await reader.disconnect();
    }
    return got;
  }

  it('when one message keeps failing, then it is dead-lettered after its attempts and the next messages are handled; a server outage is waited out', async () => {
    const { source, dlq } = await topics('one');
    const attempts = new Map<string, number>();
    const handled: string[] = [];
    const consumer = createHandlerConsumer({
      kafka,
      groupId: `it-poison-${uniqueSuffix()}`,
      topics: [source],
      dlqTopic: dlq,
      maxAttempts: 3,
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      handle: async ({ message }: SourcedMessage) => {
        const key = message.key?.toString() ?? '';
        const n = (attempts.get(key) ?? 0) + 1;
        attempts.set(key, n);
        if (key === 'poison') throw new TypeError('cannot read property of undefined');
        if (key === 'outage' && n <= 4)
          throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'MongoNetworkError' });
        handled.push(key);
      },
    });
    await consumer.start();
    try {
      await produce(source, ['a', 'poison', 'outage', 'b']);
      await eventually(async () => handled.length >= 3, 30_000);
    } finally {
      await consumer.stop();
    }
    // Count in = handled + dead-lettered, in partition order.
    expect(handled).toEqual(['a', 'outage', 'b']);
    expect(attempts.get('poison')).toBe(3);
    // Four failures while the server was unreachable did not count: the fifth attempt succeeded.
    expect(attempts.get('outage')).toBe(5);
    const [dead] = await readAll(dlq, 1);
    expect(dead?.key?.toString()).toBe('poison');
    expect(dead?.value?.toString()).toBe('{"id":"poison"}');
    expect(dead?.headers?.['x-dlq-reason']?.toString()).toBe(
      'processing failed after 3 attempts: TypeError: cannot read property of undefined'
    );
    expect(dead?.headers?.['x-dlq-attempts']?.toString()).toBe('3');
    expect(dead?.headers?.['x-source-topic']?.toString()).toBe(source);
  });

  it('when a batch keeps failing, then it is split until the failing message stands alone; the rest are applied', async () => {
    const { source, dlq } = await topics('batch');
    const applied = new Set<string>();
    const consumer = createHandlerConsumer({
      kafka,
      groupId: `it-poison-batch-${uniqueSuffix()}`,
      topics: [source],
      dlqTopic: dlq,
      maxAttempts: 2,
      retry: { baseDelayMs: 10, maxDelayMs: 20 },
      handleBatch: async (sources: SourcedMessage[]) => {
        const keys = sources.map((s) => s.message.key?.toString() ?? '');
        if (keys.includes('k5')) throw new RangeError('invalid time value');
        keys.forEach((k) => applied.add(k));
      },
    });
    const keys = Array.from({ length: 9 }, (_, i) => `k${i}`);
    await produce(source, keys);
    await consumer.start();
    try {
      await eventually(async () => applied.size >= 8, 30_000);
    } finally {
      await consumer.stop();
    }
    expect([...applied].sort()).toEqual(keys.filter((k) => k !== 'k5'));
    const dead = await readAll(dlq, 1);
    expect(dead.map((m) => m.key?.toString())).toEqual(['k5']);
    expect(dead[0]?.headers?.['x-dlq-reason']?.toString()).toMatch(/^processing failed after 2 attempts: RangeError/);
  });

  it('when a batch handler dead-letters a record and then fails, then its retry heartbeats and does not write that record again', async () => {
    const { source, dlq } = await topics('once');
    let calls = 0;
    const applied = new Set<string>();
    const consumer = createHandlerConsumer({
      kafka,
      groupId: `it-poison-once-${uniqueSuffix()}`,
      topics: [source],
      dlqTopic: dlq,
      maxAttempts: 3,
      retry: { baseDelayMs: 10, maxDelayMs: 20 },
      handleBatch: async (sources, writer, { heartbeat }) => {
        calls += 1;
        for (const s of sources) {
          if (s.message.key?.toString() === 'bad') await writer.write(deadLetterRecord(s, 'unreadable'));
        }
        await heartbeat();
        if (calls === 1) throw new Error('injected: the apply failed after the DLQ write');
        sources.forEach((s) => applied.add(s.message.key?.toString() ?? ''));
      },
    });
    await produce(source, ['a', 'bad', 'b']);
    await consumer.start();
    try {
      await eventually(async () => applied.size >= 3, 30_000);
    } finally {
      await consumer.stop();
    }
    expect(calls).toBe(2);
    const dead = await readToEnd(kafka, dlq);
    expect(dead.map((d) => d.message.key?.toString())).toEqual(['bad']);
    expect(dead[0]?.message.headers?.['x-dlq-reason']?.toString()).toBe('unreadable');
  });
});
