import type { Kafka, Producer } from 'kafkajs';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureTopics } from '../../infra/kafka/topics';
import type { ApproveAward } from '../../schemas/claim/operator-inputs';
import { createSimulatedChecker, type Checker } from '../../workers/demo/checker';
import { endOffsets, waitForGroup } from '../../workers/demo/registry-wait';
import { aClaimLifecycleEvent } from '../support/builders';
import { eventually, uniqueSuffix } from '../support/unique';

/** The demo's simulated checker and its wait for the registry consumer, over the real Kafka broker. */
describe('demo checker and registry wait (real Kafka)', () => {
  const config = loadConfig();
  const suffix = uniqueSuffix();
  const eventsTopic = `claims.events.${suffix}`;
  const registryTopic = `registry.contributions.${suffix}`;
  let kafka: Kafka;
  let producer: Producer;
  let checker: Checker | undefined;

  beforeAll(async () => {
    kafka = createKafka(config);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ name: eventsTopic }, { name: registryTopic }], {
      partitions: 3,
      replicationFactor: 1,
    });
    await admin.disconnect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });

  afterAll(async () => {
    await checker?.stop();
    await producer?.disconnect();
  });

  it('when an approval-required event above the limit arrives twice, then the demo claim is approved once', async () => {
    const demoClaim = 'C-2026-900000101';
    const approvals: { claimId: string; approval: ApproveAward }[] = [];
    checker = createSimulatedChecker({
      kafka,
      approve: async (claimId, approval) => {
        approvals.push({ claimId, approval });
        return 'approved';
      },
      actorId: 'demo.checker',
      delayMs: 200,
      isDemoClaim: (claimId) => claimId === demoClaim,
      eventsTopic,
      groupId: `demo-checker-${suffix}`,
    });
    await checker.start();
    const event = (claimId: string, totalSen: number) =>
      aClaimLifecycleEvent({
        claimId,
        sequence: 6,
        type: 'approval-required',
        stage: 'awaiting-approval',
        reason: 'The award exceeds the authority limit. A second officer must approve it.',
        details: { awardId: `${claimId}-AWD-1`, totalSen, authorityLimitSen: 5_000_000, makerId: 'system' },
      });
    const above = JSON.stringify(event(demoClaim, 25_000_000));
    await producer.send({
      topic: eventsTopic,
      acks: -1,
      messages: [
        { key: demoClaim, value: above },
        { key: demoClaim, value: above },
        { key: 'C-2026-900000102', value: JSON.stringify(event('C-2026-900000102', 25_000_000)) },
        { key: 'C-2026-900000103', value: JSON.stringify(event('C-2026-900000103', 100_000)) },
      ],
    });
    await eventually(async () => checker?.counters.received === 4 && approvals.length > 0, 60_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(approvals).toEqual([
      {
        claimId: demoClaim,
        approval: expect.objectContaining({ actorId: 'demo.checker', awardId: `${demoClaim}-AWD-1` }),
      },
    ]);
    expect(checker.counters).toMatchObject({ received: 4, scheduled: 1, approved: 1, invalid: 0 });
  });

  it('when a consumer group has applied everything published, then the wait ends; before that it says what is left', async () => {
    await producer.send({
      topic: registryTopic,
      acks: -1,
      messages: Array.from({ length: 30 }, (_, i) => ({ key: `IP-7${String(i).padStart(9, '0')}`, value: '{}' })),
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const ends = await endOffsets(admin, [registryTopic]);
      const groupId = `demo-registry-${suffix}`;
      const early = await waitForGroup(admin, { groupId, ends, timeoutMs: 0, signal: new AbortController().signal });
      expect(early).toBe(30);

      const reader = kafka.consumer({ groupId });
      await reader.connect();
      await reader.subscribe({ topic: registryTopic, fromBeginning: true });
      await reader.run({ eachMessage: async () => undefined });
      try {
        const behind = await waitForGroup(admin, {
          groupId,
          ends,
          timeoutMs: 60_000,
          pollMs: 200,
          signal: new AbortController().signal,
        });
        expect(behind).toBe(0);
      } finally {
        await reader.disconnect();
      }
    } finally {
      await admin.disconnect();
    }
  });
});
