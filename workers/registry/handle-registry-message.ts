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

/**
 * Applies a fetched batch of one registry topic partition in one bulk write: invalid messages are dead-lettered
 * one by one (original bytes, reason, coordinates), valid ones applied together, latest record per key winning.
 * Resolves only when both succeeded, so the batch's offsets are committed only then.
 */
export async function handleRegistryBatch(
  kind: RegistryKind,
  sources: Array<{ topic: string; partition: number; message: KafkaMessage }>,
  ports: { registry: RegistryRepository; dlq: DeadLetterWriter; counters: RegistryCounters }
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
  for (const { source, reason } of invalid) {
    await ports.dlq.write(deadLetterRecord(source, reason));
  }
  const outcomes = items.length > 0 ? await ports.registry.applyBatch(items) : [];
  ports.counters.received += sources.length;
  ports.counters.deadLettered += invalid.length;
  for (const o of outcomes) ports.counters[o] += 1;
}
