import type { KafkaMessage } from 'kafkajs';
import { ContributionRecorded } from '../../schemas/events/contribution-recorded.v1';
import { EmployerUpserted } from '../../schemas/events/employer-upserted.v1';
import { InsuredPersonUpserted } from '../../schemas/events/insured-person-upserted.v1';
import { Topics } from '../../schemas/topics';
import type { RegistryItem, RegistryRepository } from '../../infra/mongo/registry-repository';
import { deadLetterRecord, decodeJson, type DeadLetterWriter } from '../kafka-messages';

/** Running totals of the registry consumer. */
export interface RegistryCounters {
  received: number;
  applied: number;
  stale: number;
  deadLettered: number;
}

export const newRegistryCounters = (): RegistryCounters => ({ received: 0, applied: 0, stale: 0, deadLettered: 0 });

/** The logical registry topic a message came from; tests may consume suffixed copies. */
export type RegistryKind = 'insured-persons' | 'employers' | 'contributions';

export const REGISTRY_TOPICS: Record<RegistryKind, string> = {
  'insured-persons': Topics.RegistryInsuredPersons,
  employers: Topics.RegistryEmployers,
  contributions: Topics.RegistryContributions,
};

/** Valid records per bulk write: the batch heartbeats between chunks, so a long apply keeps its group membership. */
export const REGISTRY_APPLY_CHUNK = 500;

/** What the registry batch handler needs. */
export interface RegistryBatchPorts {
  registry: RegistryRepository;
  dlq: DeadLetterWriter;
  counters: RegistryCounters;
  /** The group heartbeat (the consumer's batch context); called after each applied chunk. */
  heartbeat?: () => Promise<void>;
  /** Valid records per `applyBatch` call; {@link REGISTRY_APPLY_CHUNK} unless a test sets it. */
  chunkSize?: number;
}

/**
 * Applies a fetched batch of one registry topic partition: the valid messages first, in bulk writes of `chunkSize`
 * (latest record per key winning, partition order across chunks), heartbeating between chunks; then the invalid
 * ones are dead-lettered one by one (original bytes, reason, coordinates); then the counters move. It resolves only
 * when all of that succeeded, and the consumer commits the batch's offsets only then.
 *
 * So an apply that fails writes no DLQ record, and its retry writes each once: retries and splits of one fetched
 * batch never repeat a record (the consumer's batch writer skips those already written). What a crash (the process
 * gone before the commit) repeats on redelivery: the apply, which is idempotent (newer-wins upserts, months set
 * again), and, for a crash during or after the DLQ writes, each of the batch's DLQ records at most once more.
 */
export async function handleRegistryBatch(
  kind: RegistryKind,
  sources: Array<{ topic: string; partition: number; message: KafkaMessage }>,
  ports: RegistryBatchPorts
): Promise<void> {
  const items: RegistryItem[] = [];
  const invalid: Array<{ source: (typeof sources)[number]; reason: string }> = [];
  for (const source of sources) {
    const value = source.message.value;
    if (kind === 'insured-persons') {
      const p = decodeJson(InsuredPersonUpserted, value);
      if (p.ok) items.push({ kind, record: p.data.insuredPerson });
      else invalid.push({ source, reason: p.reason });
    } else if (kind === 'employers') {
      const p = decodeJson(EmployerUpserted, value);
      if (p.ok) items.push({ kind, record: p.data.employer });
      else invalid.push({ source, reason: p.reason });
    } else {
      const p = decodeJson(ContributionRecorded, value);
      if (p.ok) items.push({ kind, record: p.data.contribution });
      else invalid.push({ source, reason: p.reason });
    }
  }
  const chunkSize = Math.max(1, ports.chunkSize ?? REGISTRY_APPLY_CHUNK);
  const outcomes: Array<'applied' | 'stale'> = [];
  for (let i = 0; i < items.length; i += chunkSize) {
    outcomes.push(...(await ports.registry.applyBatch(items.slice(i, i + chunkSize))));
    await ports.heartbeat?.();
  }
  for (const { source, reason } of invalid) {
    await ports.dlq.write(deadLetterRecord(source, reason));
  }
  ports.counters.received += sources.length;
  ports.counters.deadLettered += invalid.length;
  for (const o of outcomes) ports.counters[o] += 1;
}
