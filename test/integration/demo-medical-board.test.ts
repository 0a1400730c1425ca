import type { Consumer, Kafka, Producer } from 'kafkajs';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureTopics } from '../../infra/kafka/topics';
import { MedicalAssessmentDecided, type MedicalAssessmentDecidedV1 } from '../../schemas';
import { createMedicalBoard, type MedicalBoard } from '../../workers/demo/medical-board';
import { aMedicalAssessmentRequested } from '../support/builders';
import { eventually, uniqueSuffix } from '../support/unique';

/** The demo's simulated Medical Board over the real Kafka broker, on topics of its own. */
describe('demo medical board (real Kafka)', () => {
  const config = loadConfig();
  const suffix = uniqueSuffix();
  const requestTopic = `medical.assessment.requested.${suffix}`;
  const decisionTopic = `medical.assessments.${suffix}`;
  let kafka: Kafka;
  let board: MedicalBoard;
  let producer: Producer;
  let reader: Consumer;
  const decisions: { key: string; event: MedicalAssessmentDecidedV1 }[] = [];

  beforeAll(async () => {
    kafka = createKafka(config);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ name: requestTopic }, { name: decisionTopic }], {
      partitions: 3,
      replicationFactor: 1,
    });
    await admin.disconnect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    reader = kafka.consumer({ groupId: `demo-board-reader-${suffix}` });
    await reader.connect();
    await reader.subscribe({ topic: decisionTopic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const event = MedicalAssessmentDecided.parse(JSON.parse(message.value?.toString('utf8') ?? ''));
        decisions.push({ key: message.key?.toString('utf8') ?? '', event });
      },
    });
  });

  afterAll(async () => {
    await board?.stop();
    await reader?.disconnect();
    await producer?.disconnect();
  });

  it('when a request is sent twice and reminded, then exactly one decision comes back, keyed by claimId', async () => {
    board = createMedicalBoard({
      kafka,
      delayMs: 500,
      jitter: 0.2,
      skipFraction: 0,
      requestTopic,
      decisionTopic,
      groupId: `demo-board-${suffix}`,
    });
    await board.start();
    const request = aMedicalAssessmentRequested({ claimId: 'C-2026-900000001', assessmentId: 'MA-202690000000101' });
    const send = (eventId: string) =>
      producer.send({
        topic: requestTopic,
        acks: -1,
        messages: [{ key: request.claimId, value: JSON.stringify({ ...request, eventId }) }],
      });
    await send(request.eventId);
    await send(request.eventId);
    await send('00000000-0000-4000-8000-0000000000aa');

    const [decided] = await eventually(async () => (decisions.length > 0 ? decisions : undefined), 60_000);
    expect(decided?.key).toBe(request.claimId);
    expect(decided?.event.decision.assessmentId).toBe(request.assessmentId);
    await eventually(async () => board.counters.received === 3, 30_000);
    // Nothing more arrives once the copies are consumed.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(decisions).toHaveLength(1);
    expect(board.counters).toMatchObject({ received: 3, scheduled: 1, duplicate: 2, decided: 1 });
  });
});
