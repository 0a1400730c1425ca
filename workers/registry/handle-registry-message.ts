import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import { formatZodIssues } from '../../schemas/common/errors';
import { ContributionRecorded } from '../../schemas/events/contribution-recorded.v1';
import { EmployerUpserted } from '../../schemas/events/employer-upserted.v1';
import { InsuredPersonUpserted } from '../../schemas/events/insured-person-upserted.v1';
import { Topics } from '../../schemas/topics';
import type { RegistryItem, RegistryRepository } from '../../infra/mongo/registry-repository';
import type { DeadLetterWriter } from '../intake/handle-claim-submitted';

/** What became of one registry message. */
export type RegistryOutcome = 'applied' | 'stale' | 'dead-lettered';

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

function parse<T>(schema: z.ZodType<T>, value: Buffer | null): { ok: true; data: T } | { ok: false; reason: string } {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `malformed JSON: ${(err as Error).message}` };
  }
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(json);
  } catch (err) {
    return { ok: false, reason: `schema: validation failed (${(err as Error).name})` };
  }
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, reason: `schema: ${formatZodIssues(parsed.error).join('; ')}`.slice(0, 2_000) };
}

/**
 * Applies one registry message to the read model (upserts keyed by natural ids), or dead-letters it with the
 * reason and the original bytes. Resolves only when that succeeded, so offsets are committed only then.
 */
export async function handleRegistryMessage(
  kind: RegistryKind,
  source: { topic: string; partition: number; message: KafkaMessage },
  ports: { registry: RegistryRepository; dlq: DeadLetterWriter; counters: RegistryCounters }
): Promise<RegistryOutcome> {
  const { message } = source;
  let outcome: 'applied' | 'stale' | { reason: string };
  if (kind === 'insured-persons') {
    const p = parse(InsuredPersonUpserted, message.value);
    outcome = p.ok ? await ports.registry.upsertInsuredPerson(p.data.insuredPerson) : p;
  } else if (kind === 'employers') {
    const p = parse(EmployerUpserted, message.value);
    outcome = p.ok ? await ports.registry.upsertEmployer(p.data.employer) : p;
  } else {
    const p = parse(ContributionRecorded, message.value);
    outcome = p.ok ? (await ports.registry.recordContribution(p.data.contribution), 'applied') : p;
  }
  if (typeof outcome === 'object') {
    const headers: IHeaders = {
      ...(message.headers ?? {}),
      'x-dlq-reason': outcome.reason,
      'x-source-topic': source.topic,
      'x-source-partition': String(source.partition),
      'x-source-offset': message.offset,
    };
    await ports.dlq.write({ key: message.key, value: message.value, headers });
    ports.counters.received += 1;
    ports.counters.deadLettered += 1;
    return 'dead-lettered';
  }
  ports.counters.received += 1;
  ports.counters[outcome] += 1;
  return outcome;
}

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
      const p = parse(InsuredPersonUpserted, value);
      if (p.ok) items.push({ kind, record: p.data.insuredPerson });
      else invalid.push({ source, reason: p.reason });
    } else if (kind === 'employers') {
      const p = parse(EmployerUpserted, value);
      if (p.ok) items.push({ kind, record: p.data.employer });
      else invalid.push({ source, reason: p.reason });
    } else {
      const p = parse(ContributionRecorded, value);
      if (p.ok) items.push({ kind, record: p.data.contribution });
      else invalid.push({ source, reason: p.reason });
    }
  }
  for (const { source, reason } of invalid) {
    await ports.dlq.write({
      key: source.message.key,
      value: source.message.value,
      headers: {
        ...(source.message.headers ?? {}),
        'x-dlq-reason': reason,
        'x-source-topic': source.topic,
        'x-source-partition': String(source.partition),
        'x-source-offset': source.message.offset,
      },
    });
  }
  const outcomes = items.length > 0 ? await ports.registry.applyBatch(items) : [];
  ports.counters.received += sources.length;
  ports.counters.deadLettered += invalid.length;
  for (const o of outcomes) ports.counters[o] += 1;
}
