import { randomInt } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Connection } from '@temporalio/client';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureTopics } from '../../infra/kafka/topics';
import { claimWorkflowId, createClaimStarter } from '../../infra/temporal/claim-starter';
import { createTemporalClient, createTemporalConnection } from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { createIntakeConsumer } from '../../workers/intake/intake-consumer';
import { aWorkAccidentClaim, anEventId } from '../support/builders';
import { eventually, uniqueSuffix } from '../support/unique';

/**
 * Intake over real Kafka and the real Temporal dev server. Workflows are started on a task queue no worker polls,
 * so this test sees exactly what intake does (one run per claim id) and terminates them afterwards.
 */
describe('claim intake (real Kafka and Temporal)', () => {
  const config = loadConfig();
  const suffix = uniqueSuffix();
  const sourceTopic = `claims.submitted.${suffix}`;
  const dlqTopic = `claims.submitted.dlq.${suffix}`;
  const taskQueue = `intake-it-${suffix}`;
  let kafka: Kafka;
  let connection: Connection;
  let client: Client;
  const started: string[] = [];

  beforeAll(async () => {
    kafka = createKafka(config);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(
      admin,
      [
        { name: sourceTopic, partitions: 3 },
        { name: dlqTopic, partitions: 1 },
      ],
      {
        partitions: 3,
        replicationFactor: 1,
      }
    );
    await admin.disconnect();
    connection = await createTemporalConnection(config);
    client = createTemporalClient(connection, config, getClientDataConverter(config));
  });

  afterAll(async () => {
    await Promise.all(
      started.map((id) =>
        client.workflow
          .getHandle(id)
          .terminate('intake test cleanup')
          .catch(() => undefined)
      )
    );
    await connection?.close();
  });

  const newClaimId = (): string => `C-2026-${String(randomInt(100_000_000, 999_999_999))}`;

  it('when a mixed batch arrives and the consumer restarts mid-way, then every message ends once: workflow or DLQ', async () => {
    const valid = Array.from({ length: 12 }, () => aWorkAccidentClaim({ claimId: newClaimId(), eventId: anEventId() }));
    const resubmitted = { ...valid[0]!, eventId: anEventId() }; // same claim, new event: a duplicate
    const messages = [
      ...valid.map((c) => ({ key: c.claimId, value: JSON.stringify(c) })),
      { key: resubmitted.claimId, value: JSON.stringify(resubmitted) },
      { key: valid[1]!.claimId, value: JSON.stringify(valid[1]) }, // the same bytes published twice
      { key: 'C-2026-000000001', value: '{"claimId": "C-2026-000000001", "claimType":' },
      {
        key: 'C-2026-000000002',
        value: JSON.stringify({ ...aWorkAccidentClaim(), claimId: 'C-2026-000000002', subtype: 'boating' }),
      },
    ];
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: sourceTopic, messages: messages.slice(0, 6) });

    const groupId = `intake-it-${suffix}`;
    const starter = createClaimStarter(client, taskQueue);
    const first = createIntakeConsumer({ kafka, starter, groupId, sourceTopic, dlqTopic });
    await first.start();
    await eventually(async () => first.counters.received >= 3, 60_000);
    await first.stop(); // mid-batch: uncommitted messages are read again by the next consumer

    await producer.send({ topic: sourceTopic, messages: messages.slice(6) });
    await producer.disconnect();
    const second = createIntakeConsumer({
      kafka,
      starter: createClaimStarter(client, taskQueue),
      groupId,
      sourceTopic,
      dlqTopic,
    });
    await second.start();
    const total = (): number => first.counters.received + second.counters.received;
    try {
      await eventually(async () => total() >= messages.length, 90_000);
    } catch (err) {
      throw new Error(
        `${String(err)}; first=${JSON.stringify(first.counters)} second=${JSON.stringify(second.counters)}`
      );
    } finally {
      await second.stop();
    }
    started.push(...valid.map((c) => claimWorkflowId(c.claimId)));

    const sum = (k: 'started' | 'duplicate' | 'deadLettered'): number => first.counters[k] + second.counters[k];
    expect(total()).toBe(messages.length);
    expect(sum('started') + sum('duplicate') + sum('deadLettered')).toBe(total());
    expect(sum('deadLettered')).toBe(2);
    // A restarted process cannot know what its predecessor counted: a message redelivered after the restart counts
    // as started when its own event created the run. Workflows, not counters, prove that nothing ran twice.
    expect(sum('started') + sum('duplicate')).toBe(valid.length + 2);
    expect(sum('started')).toBeGreaterThanOrEqual(valid.length);

    // Exactly one run per claim id, whatever was redelivered or re-published.
    for (const claim of valid) {
      const runs: string[] = [];
      for await (const wf of client.workflow.list({ query: `WorkflowId = "${claimWorkflowId(claim.claimId)}"` })) {
        runs.push(wf.runId);
      }
      expect(runs).toHaveLength(1);
      const description = await client.workflow.getHandle(claimWorkflowId(claim.claimId)).describe();
      expect(description.memo?.intakeEventId).toBe(claim.eventId);
    }

    const dead: KafkaMessage[] = [];
    const reader = kafka.consumer({ groupId: `intake-dlq-${suffix}` });
    await reader.connect();
    await reader.subscribe({ topic: dlqTopic, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void dead.push(message) });
    await eventually(async () => dead.length === 2, 30_000);
    await reader.disconnect();
    const byKey = new Map(dead.map((m) => [m.key?.toString(), m]));
    expect(byKey.get('C-2026-000000001')?.value?.toString()).toBe(messages[14]?.value);
    expect(byKey.get('C-2026-000000001')?.headers?.['x-dlq-reason']?.toString()).toMatch(/^malformed JSON/);
    expect(byKey.get('C-2026-000000002')?.headers?.['x-dlq-reason']?.toString()).toMatch(/subtype/);
    expect(byKey.get('C-2026-000000002')?.headers?.['x-source-topic']?.toString()).toBe(sourceTopic);
  });
});
