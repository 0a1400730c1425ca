import net from 'node:net';
import type { Admin, Kafka } from 'kafkajs';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { kafkaOutageWait, waitingProducer } from '../../infra/kafka/producer-outage';
import { ensureTopics } from '../../infra/kafka/topics';
import { OutageError } from '../../infra/outage-wait';
import { readToEnd } from '../support/topic-reader';
import { eventually, uniqueSuffix } from '../support/unique';

/**
 * A producer waits out Kafka being unreachable, over the real broker, without touching the shared server: the
 * producer is pointed at a port where nothing listens, and a small TCP proxy in front of the real broker opens on
 * that port later. kafkajs's own retries run out first (infra/kafka/client.ts's settings); the outage wait keeps the
 * send going until the proxy answers.
 */
describe('producer outage (real Kafka behind a late TCP proxy)', () => {
  const config = loadConfig();
  const [brokerHost, brokerPort] = config.KAFKA_BROKERS[0]!.split(':') as [string, string];
  let kafka: Kafka;
  let admin: Admin;
  let proxy: net.Server | undefined;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    kafka = createKafka(config);
    admin = kafka.admin();
    await admin.connect();
  });

  afterEach(async () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    proxy = undefined;
  });

  afterAll(async () => {
    await admin?.disconnect();
  });

  /** A port on loopback where nothing listens (yet). */
  async function freePort(): Promise<number> {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  }

  /** Opens `port` as a byte-for-byte proxy to the real broker. */
  async function openProxy(port: number): Promise<void> {
    proxy = net.createServer((client) => {
      const upstream = net.connect(Number(brokerPort), brokerHost);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy!.listen(port, '127.0.0.1', resolve));
  }

  it('when Kafka is unreachable for longer than kafkajs retries, then an idempotent producer waits, sends once when it answers, and logs once each way', async () => {
    const topic = `it.producer-outage.${uniqueSuffix()}`;
    await ensureTopics(admin, [{ name: topic }], { partitions: 1, replicationFactor: 1 });
    const port = await freePort();
    const log: { at: number; line: string }[] = [];
    const outage = kafkaOutageWait('it', 10 * 60_000, (line) => log.push({ at: Date.now(), line }));
    // The project's client settings (8 kafkajs retries from 200 ms), only the bootstrap address differs.
    const producer = waitingProducer(
      createKafka({ ...config, KAFKA_BROKERS: [`127.0.0.1:${port}`] }).producer({
        idempotent: true,
        maxInFlightRequests: 1,
      }),
      outage
    );
    const t0 = Date.now();
    const value = JSON.stringify({ claimId: 'C-2026-000000777', claimant: { icNumber: '900101-14-5678' } });
    const sent = (async () => {
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ key: 'C-2026-000000777', value }] });
    })();
    try {
      // kafkajs has given up once and the outage wait has taken over; Kafka comes back 5 s later.
      await eventually(async () => log.length > 0, 150_000);
      const gaveUpAfterMs = log[0]!.at - t0;
      await new Promise((r) => setTimeout(r, 5_000));
      const proxyAt = Date.now();
      await openProxy(port);
      await sent;

      // kafkajs's own 8 retries came first: about 5 s here, since under Jest (NODE_ENV=test) kafkajs caps each
      // backoff at 1 s (its retry/defaults.test.js); about a minute in a process (30 s cap).
      expect(gaveUpAfterMs).toBeGreaterThan(2_000);
      expect(log.map((l) => l.line)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^it: Kafka is not answering \\(.*KafkaJSConnectionError ECONNREFUSED at 127\\.0\\.0\\.1:${port}\\); ` +
              'waiting for it, each call for up to 10m \\(KAFKA_PRODUCER_OUTAGE_MAX\\)$'
          )
        ),
        expect.stringMatching(/^it: Kafka answers again after \d+ s; 1 call\(s\) waited$/),
      ]);
      expect(log[1]!.at).toBeGreaterThanOrEqual(proxyAt);
      expect(log.map((l) => l.line).join('\n')).not.toContain('900101');

      const records = await readToEnd(kafka, topic);
      expect(records.map((r) => r.message.value?.toString())).toEqual([value]);
    } finally {
      await sent.catch(() => undefined);
      await producer.disconnect();
    }
  });

  it('when Kafka stays unreachable past KAFKA_PRODUCER_OUTAGE_MAX, then the send fails with an error naming the setting', async () => {
    const port = await freePort();
    const log: string[] = [];
    const outage = kafkaOutageWait('it', 5_000, (line) => log.push(line));
    const producer = waitingProducer(
      createKafka(
        { ...config, KAFKA_BROKERS: [`127.0.0.1:${port}`] },
        { retry: { retries: 1, initialRetryTime: 100 } }
      ).producer({ idempotent: true, maxInFlightRequests: 1 }),
      outage
    );
    const t0 = Date.now();
    const err = await producer.connect().then(
      () => undefined,
      (e: unknown) => e
    );
    expect(err).toBeInstanceOf(OutageError);
    expect((err as Error).message).toMatch(
      /^Kafka did not answer for 5 s \(KAFKA_PRODUCER_OUTAGE_MAX=5 s\); gave up on connecting: .*KafkaJSConnectionError ECONNREFUSED/
    );
    expect(Date.now() - t0).toBeGreaterThanOrEqual(5_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(log).toEqual([
      expect.stringMatching(/^it: Kafka is not answering/),
      'it: Kafka still not answering after 5 s (KAFKA_PRODUCER_OUTAGE_MAX); calls now fail',
    ]);
    await producer.disconnect();
  });
});
