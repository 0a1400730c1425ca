import { createHash } from 'node:crypto';
import type { IHeaders } from 'kafkajs';
import type { AuditLog } from '../../activities/periodic/ports';
import type { DlqReplayRecord } from '../../schemas/dlq/replay-record';
import { REPLAY_OF_HEADER, type DeadLetterEntry } from './dead-letters';

/** Where replays are recorded (infra/mongo/dlq-replays.ts). */
export interface DlqReplayStore {
  /**
   * Records a replay as `publishing` unless one is recorded for the same DLQ entry or the same original message;
   * returns the record that holds (the new one, `created: true`, or the earlier one).
   */
  begin(record: DlqReplayRecord): Promise<{ created: boolean; record: DlqReplayRecord }>;
  /** Marks a replay `done` with where the message landed; returns the record. */
  markDone(replayId: string, published: NonNullable<DlqReplayRecord['published']>): Promise<DlqReplayRecord>;
  /** The records of these DLQ entries, for listing. */
  find(replayIds: readonly string[]): Promise<DlqReplayRecord[]>;
}

/** Publishes one message and says where it landed. */
export interface ReplayPublisher {
  publish(
    topic: string,
    message: { key: Buffer | null; value: Buffer; headers: IHeaders }
  ): Promise<{ partition: number; offset: string }>;
}

/** What a replay did: published, published again after an interrupted replay, or refused (nothing published). */
export type ReplayOutcome =
  | { outcome: 'published' | 'republished'; record: DlqReplayRecord }
  | { outcome: 'refused'; record: DlqReplayRecord; why: string };

/** What to replay: the original bytes, or a corrected body already checked against the source topic's schema. */
export interface ReplayRequest {
  value: Buffer;
  corrected: boolean;
  actorId: string;
  reason: string;
}

/** The original coordinates of an entry, `<topic>:<partition>:<offset>`, or undefined when a header is missing. */
export function originalOf(entry: DeadLetterEntry): string | undefined {
  const { topic, partition, offset } = entry.source;
  return topic === null || partition === null || offset === null ? undefined : `${topic}:${partition}:${offset}`;
}

/**
 * Replays a dead letter to its original topic once. The replay is recorded as `publishing` first, then the message
 * is published (original key and headers, plus `x-replay-of: <entry id>`), audited, and marked `done`. A second
 * replay of the same entry, or of another DLQ entry of the same original message, is refused. A rerun that finds
 * `publishing` (a crash between publishing and marking) publishes again, but only the same bytes: the message may
 * then be on the topic twice, which consumers absorb because they de-duplicate by business id and eventId.
 */
export async function replayDeadLetter(
  entry: DeadLetterEntry,
  request: ReplayRequest,
  ports: { store: DlqReplayStore; publisher: ReplayPublisher; audit: AuditLog; now: () => Date }
): Promise<ReplayOutcome> {
  const original = originalOf(entry);
  const targetTopic = entry.source.topic;
  if (original === undefined || targetTopic === null) {
    throw new Error(`DLQ entry ${entry.id} has no x-source-topic/partition/offset headers: its origin is unknown`);
  }
  const valueSha256 = createHash('sha256').update(request.value).digest('hex');
  const { created, record } = await ports.store.begin({
    replayId: entry.id,
    original,
    targetTopic,
    state: 'publishing',
    corrected: request.corrected,
    valueSha256,
    actorId: request.actorId,
    reason: request.reason,
    startedAt: ports.now().toISOString(),
  });
  if (!created) {
    const refused = refusal(entry, record, valueSha256);
    if (refused !== undefined) return { outcome: 'refused', record, why: refused };
  }
  const published = await ports.publisher.publish(targetTopic, {
    key: entry.original.key,
    value: request.value,
    headers: { ...entry.original.headers, [REPLAY_OF_HEADER]: entry.id },
  });
  const at = ports.now().toISOString();
  await ports.audit.write({
    auditId: `dlq-replay:${entry.id}`,
    workflowId: entry.id,
    action: 'dlq-replay',
    actorId: record.actorId,
    reason: record.reason,
    details: {
      original,
      corrected: record.corrected,
      publishedTopic: targetTopic,
      publishedPartition: published.partition,
      publishedOffset: published.offset,
    },
    at,
  });
  const done = await ports.store.markDone(entry.id, { ...published, at });
  return { outcome: created ? 'published' : 'republished', record: done };
}

/** Why an earlier record stops this replay, or undefined when it is this entry's interrupted replay of the same bytes. */
function refusal(entry: DeadLetterEntry, record: DlqReplayRecord, valueSha256: string): string | undefined {
  const when = record.published
    ? `at ${record.published.at} (to ${record.targetTopic}[${record.published.partition}]@${record.published.offset})`
    : `(started ${record.startedAt}, not marked done)`;
  if (record.replayId !== entry.id) {
    return `the original message ${record.original} was already replayed from DLQ entry ${record.replayId} by ${record.actorId} ${when}`;
  }
  if (record.state === 'done') return `DLQ entry ${entry.id} was already replayed by ${record.actorId} ${when}`;
  if (record.valueSha256 !== valueSha256) {
    return (
      `DLQ entry ${entry.id} has an interrupted replay by ${record.actorId} ${when} with a different body; ` +
      `rerun it with the same ${record.corrected ? '--file' : 'original bytes (no --file)'} to finish it`
    );
  }
  return undefined;
}
