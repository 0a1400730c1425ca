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

/** The id a registry message is keyed by, so one person's or employer's records stay in order on one partition. */
const idOf = (item: RegistryItem): string =>
  item.kind === 'employers' ? item.record.employerId : item.record.insuredPersonId;

const ID_FIELD: Record<RegistryKind, string> = {
  'insured-persons': 'insuredPerson.insuredPersonId',
  employers: 'employer.employerId',
  contributions: 'contribution.insuredPersonId',
};

function decodeRegistryItem(
  kind: RegistryKind,
  value: Buffer | null
): { ok: true; item: RegistryItem } | { ok: false; reason: string } {
  if (kind === 'insured-persons') {
    const p = decodeJson(InsuredPersonUpserted, value);
    return p.ok ? { ok: true, item: { kind, record: p.data.insuredPerson } } : p;
  }
  if (kind === 'employers') {
    const p = decodeJson(EmployerUpserted, value);
    return p.ok ? { ok: true, item: { kind, record: p.data.employer } } : p;
  }
  const p = decodeJson(ContributionRecorded, value);
  return p.ok ? { ok: true, item: { kind, record: p.data.contribution } } : p;
}

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
 * Applies a fetched batch of one registry topic partition: the valid messages (schema-valid, keyed by their record's
 * id) first, in bulk writes of `chunkSize` (latest record per key winning, partition order across chunks),
 * heartbeating between chunks; then the invalid ones are dead-lettered one by one (original bytes, reason,
 * coordinates); then the counters move. It resolves only when all of that succeeded, and the consumer commits the
 * batch's offsets only then.
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
    const decoded = decodeRegistryItem(kind, source.message.value);
    const key = source.message.key?.toString('utf8');
    if (!decoded.ok) invalid.push({ source, reason: decoded.reason });
    else if (key !== undefined && key !== idOf(decoded.item)) {
      invalid.push({ source, reason: `key: the message key must equal ${ID_FIELD[kind]}` });
    } else items.push(decoded.item);
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
