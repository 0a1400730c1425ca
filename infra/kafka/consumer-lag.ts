import type { Admin } from 'kafkajs';

/** Partitions per topic, as kafkajs reports a member's assignment on a group join. */
export type PartitionAssignment = Readonly<Record<string, readonly number[]>>;

/** How far a consumer group is behind on some partitions. */
export interface LagReading {
  /** Messages behind, summed over the partitions read. */
  total: number;
  partitions: { topic: string; partition: number; lag: number }[];
}

/**
 * The lag of `groupId` on the partitions in `assignment`: each partition's end offset (high watermark) minus the
 * group's committed offset, or minus the partition's start when the group has committed nothing there yet (the
 * platform's consumers read from the beginning). Two admin requests per topic; throws when Kafka does not answer.
 */
export async function readConsumerLag(
  admin: Pick<Admin, 'fetchOffsets' | 'fetchTopicOffsets'>,
  groupId: string,
  assignment: PartitionAssignment
): Promise<LagReading> {
  const topics = Object.keys(assignment).filter((topic) => (assignment[topic]?.length ?? 0) > 0);
  const reading: LagReading = { total: 0, partitions: [] };
  if (topics.length === 0) return reading;
  const committed = new Map<string, bigint>();
  for (const t of await admin.fetchOffsets({ groupId, topics })) {
    for (const p of t.partitions) committed.set(`${t.topic}:${p.partition}`, BigInt(p.offset));
  }
  for (const topic of topics) {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, o]));
    for (const partition of assignment[topic] ?? []) {
      const end = ends.get(partition);
      if (end === undefined) continue;
      const done = committed.get(`${topic}:${partition}`) ?? -1n;
      const from = done >= 0n ? done : BigInt(end.low);
      const lag = Number(BigInt(end.high) > from ? BigInt(end.high) - from : 0n);
      reading.partitions.push({ topic, partition, lag });
      reading.total += lag;
    }
  }
  return reading;
}
