import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { readTopicToEnd } from '../../infra/kafka/read-to-end';
import { maskText } from './mask';

/** The header a replayed message carries: the id of the DLQ entry it was replayed from. */
export const REPLAY_OF_HEADER = 'x-replay-of';

/** Headers the dead-letter writer adds (workers/kafka-messages.ts `deadLetterRecord`); a replay drops them. */
const DLQ_HEADERS = ['x-dlq-reason', 'x-dlq-attempts', 'x-source-topic', 'x-source-partition', 'x-source-offset'];

/** One record of a DLQ topic: where it is, where it came from, why, and the original message. */
export interface DeadLetterEntry {
  /** `<dlqTopic>:<partition>:<offset>`: names the entry, keys its replay (infra/mongo/dlq-replays.ts). */
  id: string;
  dlqTopic: string;
  partition: number;
  offset: string;
  /** The original message's coordinates (headers `x-source-*`); null when a header is missing. */
  source: { topic: string | null; partition: number | null; offset: string | null };
  /** `x-dlq-reason`, with personal data masked (a JSON.parse error echoes the input). */
  reason: string;
  /** `x-dlq-attempts`: processing attempts before it was dead-lettered; null when it was refused at once. */
  attempts: number | null;
  /** When it was dead-lettered (the DLQ record's timestamp), ISO. */
  time: string;
  /** The DLQ entry this message was itself replayed from, when a replay was dead-lettered again. */
  replayOf: string | null;
  /** The original key, value and headers (without the dead-letter headers), unmasked: for replay only. */
  original: { key: Buffer | null; value: Buffer | null; headers: IHeaders };
}

const headerText = (headers: IHeaders | undefined, name: string): string | null => {
  const v = headers?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? null : first.toString();
};

const intOrNull = (text: string | null): number | null =>
  text !== null && /^\d+$/.test(text) ? Number.parseInt(text, 10) : null;

/** The id of a DLQ entry: `<dlqTopic>:<partition>:<offset>`. */
export const deadLetterId = (dlqTopic: string, partition: number, offset: string): string =>
  `${dlqTopic}:${partition}:${offset}`;

/** Reads one DLQ record into an entry. */
export function toDeadLetterEntry(dlqTopic: string, partition: number, message: KafkaMessage): DeadLetterEntry {
  const headers = message.headers ?? {};
  const original: IHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!DLQ_HEADERS.includes(name) && value !== undefined) original[name] = value;
  }
  const sourceOffset = headerText(headers, 'x-source-offset');
  return {
    id: deadLetterId(dlqTopic, partition, message.offset),
    dlqTopic,
    partition,
    offset: message.offset,
    source: {
      topic: headerText(headers, 'x-source-topic'),
      partition: intOrNull(headerText(headers, 'x-source-partition')),
      offset: sourceOffset !== null && /^\d+$/.test(sourceOffset) ? sourceOffset : null,
    },
    reason: maskText(headerText(headers, 'x-dlq-reason') ?? ''),
    attempts: intOrNull(headerText(headers, 'x-dlq-attempts')),
    time: new Date(Number(message.timestamp)).toISOString(),
    replayOf: headerText(headers, REPLAY_OF_HEADER),
    original: { key: message.key, value: message.value, headers: original },
  };
}

/** What to list: only one source topic's entries (a shared DLQ), and/or reasons containing a text. */
export interface DeadLetterFilter {
  sourceTopic?: string;
  /** Case-insensitive substring of the (masked) reason. */
  reason?: string;
}

/**
 * Every entry of a DLQ topic from the earliest kept to the current end (a bounded read that terminates while the
 * topic is being written to), in partition and offset order, filtered.
 */
export async function listDeadLetters(
  kafka: Kafka,
  dlqTopic: string,
  filter: DeadLetterFilter = {}
): Promise<DeadLetterEntry[]> {
  const needle = filter.reason?.toLowerCase();
  return (await readTopicToEnd(kafka, dlqTopic))
    .map((r) => toDeadLetterEntry(dlqTopic, r.partition, r.message))
    .filter((e) => filter.sourceTopic === undefined || e.source.topic === filter.sourceTopic)
    .filter((e) => needle === undefined || e.reason.toLowerCase().includes(needle));
}

/** The entry at `partition:offset` of a DLQ topic, or undefined when there is none (past the end, or expired). */
export async function findDeadLetter(
  kafka: Kafka,
  dlqTopic: string,
  at: { partition: number; offset: string }
): Promise<DeadLetterEntry | undefined> {
  const records = await readTopicToEnd(kafka, dlqTopic, {
    partition: at.partition,
    fromOffset: at.offset,
    // Stop at the offset, or at the first one after it when that one has gone (retention).
    until: (r) => BigInt(r.message.offset) >= BigInt(at.offset),
  });
  const record = records.find((r) => r.message.offset === at.offset);
  return record && toDeadLetterEntry(dlqTopic, record.partition, record.message);
}
