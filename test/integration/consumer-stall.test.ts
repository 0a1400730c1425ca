import type { Admin, Kafka, Producer } from 'kafkajs';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { readConsumerLag } from '../../infra/kafka/consumer-lag';
import { ensureTopics } from '../../infra/kafka/topics';
import { createHandlerConsumer, type HandlerConsumer } from '../../workers/kafka-handler-consumer';
import { consumerStallCheck, createStallWatchdog, type Stall } from '../../workers/stall-watchdog';
import { eventually, uniqueSuffix } from '../support/unique';

/**
 * The stall watchdog over the real broker: a consumer whose handler hangs while messages keep arriving is named
 * (group, topic, lag read with the admin client on the partitions it is assigned), and a consumer that keeps up is
 * not. STALL_AFTER is 4 s here; the logic is the same as with the default 2 minutes (test/unit/stall-watchdog.test.ts).
 */
describe('consumer stall detection (real Kafka)', () => {
  const config = loadConfig();
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    kafka = createKafka(config);
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
  });

  /** A consumer on a topic of its own, watched by a watchdog with a 4 s STALL_AFTER ticking every 500 ms. */
  async function watched(name: string, handle: () => Promise<void>) {
    const topic = `it.stall.${name}.${uniqueSuffix()}`;
    await ensureTopics(admin, [{ name: topic }, { name: `${topic}.dlq` }], { partitions: 2, replicationFactor: 1 });
    const stalls: Stall[] = [];
    const watchdog = createStallWatchdog({ everyMs: 500, onStall: (s) => stalls.push(s) });
    const groupId = `it-stall-${name}-${uniqueSuffix()}`;
    const consumer: HandlerConsumer = createHandlerConsumer({
      kafka,
      groupId,
      topics: [topic],
      dlqTopic: `${topic}.dlq`,
      handle,
      watch: (progress) =>
        watchdog.add(
          consumerStallCheck(progress, (g, assignment) => readConsumerLag(admin, g, assignment), {
            stallAfterMs: 4_000,
          })
        ),
    });
    await consumer.start();
    let n = 0;
    const feed = setInterval(() => {
      n += 1;
      void producer
        .send({ topic, acks: -1, messages: [{ key: `k${n % 7}`, value: `{"n":${n}}` }] })
        .catch(() => undefined);
    }, 200);
    return { topic, groupId, stalls, consumer, watchdog, stopFeed: () => clearInterval(feed) };
  }

  it('when a handler hangs while messages keep arriving, then the stall names the group, the topic and the growing lag', async () => {
    let release = (): void => undefined;
    const hung = new Promise<void>((resolve) => (release = resolve));
    let handled = 0;
    const w = await watched('hung', async () => {
      handled += 1;
      if (handled >= 3) await hung; // the third message never finishes (a store call that never answers)
    });
    try {
      await eventually(async () => w.stalls.length > 0, 60_000);
      expect(w.stalls).toHaveLength(1);
      expect(w.stalls[0]?.kind).toBe('consumer');
      expect(w.stalls[0]?.cause).toMatch(
        new RegExp(
          `^consumer group ${w.groupId} \\(topics ${w.topic.replace(/\./g, '\\.')}\\) completed nothing for \\d+ s ` +
            `while its lag (grew \\d+ → \\d+|stayed at \\d+) \\(${w.topic.replace(/\./g, '\\.')}\\[[01]\\]=\\d+`
        )
      );
    } finally {
      w.stopFeed();
      w.watchdog.stop();
      release();
      await w.consumer.stop();
    }
  });

  it('when a consumer keeps up with arriving messages, then no stall is reported', async () => {
    const w = await watched('healthy', async () => undefined);
    try {
      await new Promise((r) => setTimeout(r, 10_000));
      expect(w.stalls).toEqual([]);
    } finally {
      w.stopFeed();
      w.watchdog.stop();
      await w.consumer.stop();
    }
  });
});
