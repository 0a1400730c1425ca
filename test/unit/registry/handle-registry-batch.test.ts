import type { KafkaMessage } from 'kafkajs';
import type { RegistryItem, RegistryRepository } from '../../../infra/mongo/registry-repository';
import type { DeadLetterWriter } from '../../../workers/kafka-messages';
import { handleRegistryBatch, newRegistryCounters } from '../../../workers/registry/handle-registry-message';
import { anEmployer, anEmployerUpserted } from '../../support/builders';

const TOPIC = 'registry.employers';

const source = (value: string, offset: number) => ({
  topic: TOPIC,
  partition: 0,
  message: {
    key: null,
    value: Buffer.from(value),
    offset: String(offset),
    timestamp: '0',
    attributes: 0,
    headers: {},
  } as KafkaMessage,
});

/** Employers E-0000000001.. as valid messages, with a malformed one after every third. */
function batch(valid: number) {
  const sources: ReturnType<typeof source>[] = [];
  for (let i = 1; i <= valid; i++) {
    const employerId = `E-${String(i).padStart(10, '0')}`;
    sources.push(source(JSON.stringify(anEmployerUpserted({ employer: anEmployer({ employerId }) })), sources.length));
    if (i % 3 === 0) sources.push(source(`{"schemaVersion":1,"employer":${i}`, sources.length));
  }
  return sources;
}

/** An in-memory registry and DLQ that log every call in order; `failApplies` applies throw first. */
function ports(failApplies = 0) {
  const calls: string[] = [];
  let failures = failApplies;
  const registry: Pick<RegistryRepository, 'applyBatch'> = {
    async applyBatch(items: RegistryItem[]) {
      calls.push(`apply ${items.length}`);
      if (failures-- > 0) throw new Error('store refused the write');
      return items.map(() => 'applied' as const);
    },
  };
  const dlq: DeadLetterWriter = {
    write: async (record) => void calls.push(`dlq ${String(record.headers['x-source-offset'])}`),
  };
  const heartbeat = async () => void calls.push('heartbeat');
  return { registry: registry as RegistryRepository, dlq, heartbeat, counters: newRegistryCounters(), calls };
}

describe('registry batch: apply first, then dead-letter, heartbeating between chunks', () => {
  it('when a batch holds valid and invalid records, then the valid ones are applied in chunks with a heartbeat after each, and only then the invalid ones are dead-lettered', async () => {
    const p = ports();
    await handleRegistryBatch('employers', batch(7), { ...p, chunkSize: 3 });
    expect(p.calls).toEqual(['apply 3', 'heartbeat', 'apply 3', 'heartbeat', 'apply 1', 'heartbeat', 'dlq 3', 'dlq 7']);
    expect(p.counters).toEqual({ received: 9, applied: 7, stale: 0, deadLettered: 2 });
  });

  it('when the apply fails, then nothing is dead-lettered or counted, and the retry dead-letters each invalid record once', async () => {
    const p = ports(1);
    const sources = batch(4);
    await expect(handleRegistryBatch('employers', sources, p)).rejects.toThrow('store refused the write');
    expect(p.calls).toEqual(['apply 4']);
    expect(p.counters).toEqual({ received: 0, applied: 0, stale: 0, deadLettered: 0 });
    await handleRegistryBatch('employers', sources, p);
    expect(p.calls.filter((c) => c.startsWith('dlq'))).toEqual(['dlq 3']);
    expect(p.counters).toEqual({ received: 5, applied: 4, stale: 0, deadLettered: 1 });
  });

  it('when a batch holds only invalid records, then nothing is applied and each is dead-lettered', async () => {
    const p = ports();
    await handleRegistryBatch('employers', [source('', 0), source('[]', 1)], p);
    expect(p.calls).toEqual(['dlq 0', 'dlq 1']);
  });

  it('when a record is keyed by another id than its own, then it is dead-lettered, not applied', async () => {
    const p = ports();
    const employer = anEmployerUpserted({ employer: anEmployer({ employerId: 'E-0000000001' }) });
    const keyed = (key: string | null, offset: number) => {
      const s = source(JSON.stringify(employer), offset);
      return { ...s, message: { ...s.message, key: key === null ? null : Buffer.from(key) } };
    };
    await handleRegistryBatch('employers', [keyed('E-0000000001', 0), keyed('E-0000000002', 1), keyed(null, 2)], p);
    expect(p.calls).toEqual(['apply 2', 'heartbeat', 'dlq 1']);
    expect(p.counters).toEqual({ received: 3, applied: 2, stale: 0, deadLettered: 1 });
  });
});
