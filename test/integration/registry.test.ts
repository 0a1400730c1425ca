import type { Connection } from 'mongoose';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureTopics } from '../../infra/kafka/topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createRegistryRepository, type RegistryRepository } from '../../infra/mongo/registry-repository';
import { createRegistryConsumer } from '../../workers/registry/registry-consumer';
import type { RegistryKind } from '../../workers/registry/handle-registry-message';
import {
  aContributionRecord,
  aContributionRecorded,
  anEmployer,
  anEmployerUpserted,
  anInsuredPerson,
  anInsuredPersonUpserted,
} from '../support/builders';
import { readToEnd } from '../support/topic-reader';
import { eventually, uniqueSuffix } from '../support/unique';

describe('registry read model (real Kafka and MongoDB-wire store)', () => {
  const config = loadConfig();
  const suffix = uniqueSuffix();
  let conn: Connection;
  let registry: RegistryRepository;
  let kafka: Kafka;

  beforeAll(async () => {
    conn = await createMongoConnection(config.MONGODB_URI, { dbName: `it_registry_${suffix.replace(/-/g, '_')}` });
    registry = await createRegistryRepository(conn);
    kafka = createKafka(config);
  });

  afterAll(async () => {
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
  });

  it('when a newer and then an older record arrive, then the newer one stays', async () => {
    const person = anInsuredPerson({ insuredPersonId: 'IP-0000000001', updatedAt: '2026-07-02T00:00:00+08:00' });
    expect(await registry.upsertInsuredPerson(person)).toBe('applied');
    const older = { ...person, category: 'second' as const, updatedAt: '2026-07-01T00:00:00+08:00' };
    expect(await registry.upsertInsuredPerson(older)).toBe('stale');
    expect((await registry.findInsuredPerson('IP-0000000001'))?.category).toBe(person.category);
  });

  it('when a batch holds a newer and an older record and one older than the store, then only the newest apply', async () => {
    const stored = anInsuredPerson({ insuredPersonId: 'IP-0000000010', updatedAt: '2026-07-05T00:00:00+08:00' });
    await registry.upsertInsuredPerson(stored);
    const newer = anInsuredPerson({ insuredPersonId: 'IP-0000000011', updatedAt: '2026-07-03T00:00:00+08:00' });
    const older = { ...newer, category: 'second' as const, updatedAt: '2026-07-01T00:00:00+08:00' };
    const behindStore = { ...stored, category: 'second' as const, updatedAt: '2026-07-04T00:00:00+08:00' };
    const month = aContributionRecord({ insuredPersonId: 'IP-0000000011', month: '2026-04' });
    const outcomes = await registry.applyBatch([
      { kind: 'insured-persons', record: newer },
      { kind: 'insured-persons', record: older },
      { kind: 'insured-persons', record: behindStore },
      { kind: 'contributions', record: month },
    ]);
    expect(outcomes).toEqual(['applied', 'stale', 'stale', 'applied']);
    expect((await registry.findInsuredPerson('IP-0000000011'))?.category).toBe(newer.category);
    expect((await registry.findInsuredPerson('IP-0000000010'))?.category).toBe(stored.category);
    expect(await registry.listContributions('IP-0000000011', '2026-01', '2026-12')).toHaveLength(1);
  });

  it('when the same month is recorded twice, then one record remains with the latest payment status', async () => {
    const payable = aContributionRecord({
      insuredPersonId: 'IP-0000000002',
      month: '2026-05',
      payment: { status: 'payable' },
    });
    await registry.recordContribution(payable);
    await registry.recordContribution({ ...payable, payment: { status: 'paid', paidAt: '2026-06-10T09:00:00+08:00' } });
    const months = await registry.listContributions('IP-0000000002', '2026-01', '2026-12');
    expect(months).toHaveLength(1);
    expect(months[0]?.payment.status).toBe('paid');
  });

  it('when registry events are consumed from Kafka, then the collections follow and bad messages reach the DLQ', async () => {
    const topics: Record<RegistryKind, string> = {
      'insured-persons': `registry.insured-persons.${suffix}`,
      employers: `registry.employers.${suffix}`,
      contributions: `registry.contributions.${suffix}`,
    };
    const dlqTopic = `registry.dlq.${suffix}`;
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(
      admin,
      [...Object.values(topics), dlqTopic].map((name) => ({ name })),
      {
        partitions: 1,
        replicationFactor: 1,
      }
    );
    await admin.disconnect();

    const person = anInsuredPersonUpserted({ insuredPerson: anInsuredPerson({ insuredPersonId: 'IP-0000000003' }) });
    const employer = anEmployerUpserted({ employer: anEmployer({ employerId: 'E-0000000003' }) });
    const months = ['2026-01', '2026-02', '2026-03'].map((month) =>
      aContributionRecorded({
        contribution: aContributionRecord({ insuredPersonId: 'IP-0000000003', employerId: 'E-0000000003', month }),
      })
    );
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: topics['insured-persons'],
      messages: [{ key: 'IP-0000000003', value: JSON.stringify(person) }],
    });
    await producer.send({
      topic: topics.employers,
      messages: [{ key: 'E-0000000003', value: JSON.stringify(employer) }],
    });
    await producer.send({
      topic: topics.contributions,
      messages: [
        ...months.map((m) => ({ key: 'IP-0000000003', value: JSON.stringify(m) })),
        { key: 'IP-0000000003', value: '{"schemaVersion":1,' },
      ],
    });
    await producer.disconnect();

    const consumer = createRegistryConsumer({ kafka, registry, groupId: `it-registry-${suffix}`, topics, dlqTopic });
    await consumer.start();
    try {
      await eventually(async () => consumer.counters.received === 6, 60_000);
    } finally {
      await consumer.stop();
    }
    expect(consumer.counters).toEqual({ received: 6, applied: 5, stale: 0, deadLettered: 1 });
    expect(await registry.findEmployer('E-0000000003')).toMatchObject({ employerId: 'E-0000000003' });
    expect((await registry.findInsuredPerson('IP-0000000003'))?.insuredPersonId).toBe('IP-0000000003');
    expect((await registry.listContributions('IP-0000000003', '2026-01', '2026-06')).map((c) => c.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
    ]);

    const dead: KafkaMessage[] = [];
    const dlqReader = kafka.consumer({ groupId: `it-registry-dlq-${suffix}` });
    await dlqReader.connect();
    await dlqReader.subscribe({ topic: dlqTopic, fromBeginning: true });
    await dlqReader.run({ eachMessage: async ({ message }) => void dead.push(message) });
    await eventually(async () => dead.length === 1, 30_000);
    await dlqReader.disconnect();
    expect(dead[0]?.value?.toString()).toBe('{"schemaVersion":1,');
    expect(dead[0]?.headers?.['x-dlq-reason']?.toString()).toMatch(/malformed JSON/);
    expect(dead[0]?.headers?.['x-source-topic']?.toString()).toBe(topics.contributions);
  });

  it('when a batch with invalid records fails to apply once, then its retry applies it and each invalid record is dead-lettered exactly once', async () => {
    const run = uniqueSuffix();
    const topics: Record<RegistryKind, string> = {
      'insured-persons': `registry.insured-persons.${run}`,
      employers: `registry.employers.${run}`,
      contributions: `registry.contributions.${run}`,
    };
    const dlqTopic = `registry.dlq.${run}`;
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(
      admin,
      [...Object.values(topics), dlqTopic].map((name) => ({ name })),
      { partitions: 1, replicationFactor: 1 }
    );
    await admin.disconnect();
    const person = 'IP-0000000020';
    const months = ['2026-01', '2026-02', '2026-03', '2026-04'].map((month) =>
      JSON.stringify(aContributionRecorded({ contribution: aContributionRecord({ insuredPersonId: person, month }) }))
    );
    const invalid = ['{"schemaVersion":1,', '[]', JSON.stringify({ ...aContributionRecorded(), schemaVersion: 2 })];
    const values = [months[0]!, invalid[0]!, months[1]!, invalid[1]!, months[2]!, invalid[2]!, months[3]!];
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: topics.contributions, messages: values.map((value) => ({ key: person, value })) });
    await producer.disconnect();

    // The store refuses the first apply: the whole batch is retried.
    let applies = 0;
    const failingOnce: RegistryRepository = {
      ...registry,
      applyBatch: async (items) => {
        applies += 1;
        if (applies === 1) throw new Error('injected: the store refused the first apply');
        return registry.applyBatch(items);
      },
    };
    const consumer = createRegistryConsumer({
      kafka,
      registry: failingOnce,
      groupId: `it-registry-retry-${run}`,
      topics,
      dlqTopic,
      policy: { maxAttempts: 3, retry: { baseDelayMs: 10, maxDelayMs: 50 } },
    });
    await consumer.start();
    try {
      await eventually(async () => consumer.counters.received === values.length, 60_000);
    } finally {
      await consumer.stop();
    }
    expect(applies).toBe(2);
    expect(consumer.counters).toEqual({ received: 7, applied: 4, stale: 0, deadLettered: 3 });
    expect((await registry.listContributions(person, '2026-01', '2026-12')).map((c) => c.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
    const dead = await readToEnd(kafka, dlqTopic);
    expect(dead.map((d) => d.message.headers?.['x-source-offset']?.toString())).toEqual(['1', '3', '5']);
    expect(dead.map((d) => d.message.value?.toString())).toEqual(invalid);
  });
});
