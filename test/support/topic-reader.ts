import type { Kafka } from 'kafkajs';
import { readTopicToEnd, type TopicRecord } from '../../infra/kafka/read-to-end';

/** One record read back from a topic, with its partition. */
export type ReadRecord = TopicRecord;

/**
 * Reads `topic` from the start to the end it had when the read began, in partition and offset order (the project's
 * own bounded reader, infra/kafka/read-to-end.ts, as `claims dlq` uses it).
 */
export function readToEnd(kafka: Kafka, topic: string, timeoutMs = 30_000): Promise<ReadRecord[]> {
  return readTopicToEnd(kafka, topic, { timeoutMs });
}
