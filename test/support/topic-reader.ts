import type { Kafka, KafkaMessage } from 'kafkajs';
import { uniqueSuffix } from './unique';

/** One record read back from a topic, with its partition. */
export interface ReadRecord {
  partition: number;
  message: KafkaMessage;
}

/**
 * Reads `topic` from the start to the end it had when the read began (its high watermarks), in partition and offset
 * order: what a writer that has returned has written is all there, with no waiting for "nothing more" to arrive.
 * Uses a throwaway consumer group, deleted afterwards.
 */
export async function readToEnd(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<ReadRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `it-reader-${uniqueSuffix()}`;
  try {
    const last = new Map<number, bigint>();
    for (const o of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(o.high) > BigInt(o.low)) last.set(o.partition, BigInt(o.high) - 1n);
    }
    if (last.size === 0) return [];
    const records: ReadRecord[] = [];
    const pending = new Set(last.keys());
    let done = (): void => undefined;
    const finished = new Promise<void>((resolve) => (done = resolve));
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
    await consumer.connect();
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const end = last.get(partition);
          if (end === undefined || BigInt(message.offset) > end) return;
          records.push({ partition, message });
          if (BigInt(message.offset) === end) pending.delete(partition);
          if (pending.size === 0) done();
        },
      });
      await Promise.race([
        finished,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`reading ${topic} took over ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
    return records.sort(
      (a, b) => a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset))
    );
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
