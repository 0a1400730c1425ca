import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Kafka } from 'kafkajs';
import type { ConsumerPolicy } from '../../../workers/kafka-handler-consumer';
import type { ReadRecord } from '../topic-reader';
import { eventually } from '../unique';
import type { TopicCase } from './contracts';
import { badMessageKinds } from './kinds';
import type { GeneratedMessage } from './types';

/*
 * Running a consumer over generated batches: publishing them tagged, waiting until the consumer reached every
 * message, and the checks every consumer shares (counts, dead letters).
 */

/** What one message was, as sent: tagged with its sequence number and kind in headers the DLQ keeps. */
export interface Sent extends GeneratedMessage {
  seq: number;
  topic: string;
}

const SEQ = 'test-seq';

/** One consumer's batch: what it was sent, per source topic. */
export type Batches = Array<{ topic: string; messages: GeneratedMessage[] }>;

/** One generated batch for a topic: every bad kind once, the valid messages, and 2–3 duplicates, shuffled. */
export function batchFor<T>(tc: TopicCase<T>): fc.Arbitrary<GeneratedMessage[]> {
  const { contract } = tc;
  const valid = tc.valid.map((v): GeneratedMessage => ({
    kind: 'valid',
    key: Buffer.from(contract.keyOf(v)),
    value: Buffer.from(JSON.stringify(v)),
    headers: contract.headersOf?.(v) ?? {},
  }));
  const kinds = badMessageKinds(contract);
  return fc
    .tuple(fc.tuple(...kinds.map((k) => k.arbitrary)), fc.subarray(valid, { minLength: 2, maxLength: 3 }))
    .chain(([bad, again]) => {
      const all = [...bad, ...valid, ...again.map((m) => ({ ...m, kind: 'duplicate' }))];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    });
}

/** A batch prints as its size and kinds, not its megabytes, when fast-check reports a failure. */
export const summarised = (batches: Batches): Batches =>
  Object.assign(batches, {
    [fc.toStringMethod]: () =>
      batches.map((b) => `${b.topic}: ${b.messages.length} messages, kinds ${kindsOf(b.messages).size}`).join('; '),
  });

/** The kinds of bad message in a batch. */
export const kindsOf = (messages: GeneratedMessage[]) =>
  new Set(messages.filter((m) => m.kind !== 'valid' && m.kind !== 'duplicate').map((m) => m.kind));

/** Publishes in order, ~400 kB per request (a request is one record batch per partition, within the topic limit). */
export async function publish(kafka: Kafka, batches: Batches): Promise<Sent[]> {
  const sent: Sent[] = [];
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (const { topic, messages } of batches) {
      let chunk: Sent[] = [];
      let bytes = 0;
      const flush = async () => {
        if (chunk.length === 0) return;
        await producer.send({
          topic,
          acks: -1,
          messages: chunk.map((m) => ({
            key: m.key,
            value: m.value,
            headers: { ...m.headers, [SEQ]: String(m.seq), 'test-kind': m.kind },
          })),
        });
        chunk = [];
        bytes = 0;
      };
      for (const m of messages) {
        const size = m.value?.length ?? 0;
        if (bytes + size > 400_000) await flush();
        const one: Sent = { ...m, seq: sent.length, topic };
        sent.push(one);
        chunk.push(one);
        bytes += size;
      }
      await flush();
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}

/** The consumer under test, started over the topics, as the checks see it. */
export interface Running<C> {
  counters: Readonly<C>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Failures the consumer's policy saw: crashes and attempts that failed for a reason other than an outage. */
export function watchedPolicy(): { policy: ConsumerPolicy; crashes: string[]; failures: string[] } {
  const crashes: string[] = [];
  const failures: string[] = [];
  return {
    crashes,
    failures,
    policy: {
      maxAttempts: 3,
      retry: { baseDelayMs: 50, maxDelayMs: 500 },
      onCrash: (error) => void crashes.push(error.message),
      onRetry: (r) => void (r.transient ? undefined : failures.push(`${r.topic}@${r.offset}: ${r.error}`)),
    },
  };
}

/**
 * Every bad message is in the DLQ exactly once with a reason, its source coordinates, its key and its original
 * bytes (or, when even compressed it does not fit the DLQ topic, without them and with their size and digest), and
 * no valid message or copy is.
 */
export function expectDeadLetters(sent: Sent[], dead: ReadRecord[]): void {
  const bySeq = new Map(sent.map((m) => [m.seq, m]));
  const deadSeqs = dead.map((d) => Number(d.message.headers?.[SEQ]?.toString()));
  const badSeqs = sent.filter((m) => m.kind !== 'valid' && m.kind !== 'duplicate').map((m) => m.seq);
  expect([...deadSeqs].sort((a, b) => a - b)).toEqual(badSeqs.sort((a, b) => a - b));
  for (const { message } of dead) {
    const original = bySeq.get(Number(message.headers?.[SEQ]?.toString()))!;
    const header = (name: string) => message.headers?.[name]?.toString();
    const reason = header('x-dlq-reason') ?? '';
    const context = `${original.kind} (seq ${original.seq}): ${reason.slice(0, 200)}`;
    expect({ context, reason: reason.length > 0 }).toEqual({ context, reason: true });
    expect({ context, topic: header('x-source-topic') }).toEqual({ context, topic: original.topic });
    expect({ context, at: /^\d+$/.test(header('x-source-offset') ?? '') }).toEqual({ context, at: true });
    expect({ context, key: message.key?.toString('hex') }).toEqual({ context, key: original.key?.toString('hex') });
    if (message.value === null && original.value !== null) {
      // Too large for the DLQ even compressed: named by size and digest, read at the source offset.
      const digest = createHash('sha256').update(original.value).digest('hex');
      expect({ context, omitted: reason.includes(`${original.value.length} bytes (sha256 ${digest})`) }).toEqual({
        context,
        omitted: true,
      });
      expect({ context, kind: original.kind }).toEqual({ context, kind: 'near-limit-binary' });
    } else {
      const same =
        message.value === null ? original.value === null : message.value.equals(original.value ?? Buffer.alloc(0));
      expect({ context, sameBytes: same }).toEqual({ context, sameBytes: true });
    }
  }
}

/** Publishes the batches, runs the consumer until it has reached every message, and stops it. */
export async function consumeAll<C extends { received: number }>(
  kafka: Kafka,
  batches: Batches,
  consumer: Running<C>
): Promise<Sent[]> {
  for (const { topic: name, messages } of batches) {
    expect({ topic: name, kinds: kindsOf(messages).size >= 50 }).toEqual({ topic: name, kinds: true });
  }
  const sent = await publish(kafka, batches);
  await consumer.start();
  try {
    await eventually(async () => consumer.counters.received >= sent.length, 120_000);
    await new Promise((r) => setTimeout(r, 500)); // anything counted twice would show now
  } catch (err) {
    throw new Error(`${String(err)}: counters ${JSON.stringify(consumer.counters)} of ${sent.length} sent`);
  } finally {
    await consumer.stop();
  }
  expect(consumer.counters.received).toBe(sent.length);
  return sent;
}

/**
 * Count in = accepted (started, applied, delivered, signalled …, duplicates included) + dead-lettered: every
 * valid message and copy accepted, every bad one dead-lettered, duplicates told apart where the consumer counts
 * them, and nothing crashed or failed an attempt on the way.
 */
export function expectCounted(
  watch: ReturnType<typeof watchedPolicy>,
  sent: Sent[],
  counted: { accepted: number; duplicates?: number; deadLettered: number }
): void {
  const count = (kind: (k: string) => boolean) => sent.filter((m) => kind(m.kind)).length;
  expect({ crashes: watch.crashes, failures: watch.failures }).toEqual({ crashes: [], failures: [] });
  expect(counted).toEqual({
    accepted: count((k) => k === 'valid' || k === 'duplicate'),
    ...(counted.duplicates !== undefined ? { duplicates: count((k) => k === 'duplicate') } : {}),
    deadLettered: count((k) => k !== 'valid' && k !== 'duplicate'),
  });
}
