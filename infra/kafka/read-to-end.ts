import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

/** One record read back from a topic. */
export interface TopicRecord {
  partition: number;
  message: KafkaMessage;
}

/** Raised when the topic to read does not exist. */
export class TopicNotFoundError extends Error {
  override readonly name = 'TopicNotFoundError';
  constructor(readonly topic: string) {
    super(`Kafka topic ${topic} does not exist`);
  }
}

export interface ReadToEndOptions {
  /** Read only this partition. */
  partition?: number;
  /** Start at this offset instead of the earliest one kept (a record the operator named). */
  fromOffset?: string;
  /** Stop early once this returns true for a record read (e.g. the one record wanted). */
  until?: (record: TopicRecord) => boolean;
  /** The longest the read may take (default 60 s); then it fails rather than hang. */
  timeoutMs?: number;
}

/**
 * Reads a topic from its earliest kept offset (or `fromOffset`) to the end it had when the read began, and returns
 * the records in partition and offset order. The end is fixed first from the high watermarks, so records written
 * during the read are left out and the read always terminates. kafkajs has no group-less consumer, so the read uses
 * a throwaway consumer group that never commits, deleted afterwards.
 */
export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  options: ReadToEndOptions = {}
): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `claims-reader-${randomUUID()}`;
  let consumed = false;
  try {
    if (!(await admin.listTopics()).includes(topic)) throw new TopicNotFoundError(topic);
    const ranges = new Map<number, { start: bigint; last: bigint }>();
    for (const o of await admin.fetchTopicOffsets(topic)) {
      if (options.partition !== undefined && o.partition !== options.partition) continue;
      const low = BigInt(o.low);
      const from = options.fromOffset === undefined ? low : BigInt(options.fromOffset);
      const start = from > low ? from : low;
      if (start < BigInt(o.high)) ranges.set(o.partition, { start, last: BigInt(o.high) - 1n });
    }
    if (ranges.size === 0) return [];
    consumed = true;
    const records = await consumeRanges(kafka, topic, groupId, ranges, options);
    return records.sort(
      (a, b) => a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset))
    );
  } finally {
    if (consumed) await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

async function consumeRanges(
  kafka: Kafka,
  topic: string,
  groupId: string,
  ranges: Map<number, { start: bigint; last: bigint }>,
  options: ReadToEndOptions
): Promise<TopicRecord[]> {
  const records: TopicRecord[] = [];
  const pending = new Set(ranges.keys());
  let finish = (): void => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  let timer: NodeJS.Timeout | undefined;
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const range = ranges.get(partition);
        if (range === undefined || !pending.has(partition)) return;
        const offset = BigInt(message.offset);
        if (offset < range.start) return;
        if (offset <= range.last) {
          const record = { partition, message };
          records.push(record);
          if (options.until?.(record)) pending.clear();
        }
        if (offset >= range.last) pending.delete(partition);
        if (pending.size === 0) finish();
      },
    });
    if (options.fromOffset !== undefined) {
      for (const [partition, range] of ranges) consumer.seek({ topic, partition, offset: String(range.start) });
    }
    const timeoutMs = options.timeoutMs ?? 60_000;
    await Promise.race([
      finished,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`reading ${topic} did not reach its end within ${timeoutMs} ms`)),
          timeoutMs
        );
      }),
    ]);
    return records;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}
