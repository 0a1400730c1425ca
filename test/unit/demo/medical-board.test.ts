import type { Kafka, KafkaMessage } from 'kafkajs';
import { MedicalAssessmentDecided, type MedicalAssessmentRequestedV1 } from '../../../schemas';
import { decideAssessment, decisionDelayMs, decisionEvent, shouldSkip } from '../../../workers/demo/board-decision';
import { createMedicalBoard } from '../../../workers/demo/medical-board';
import { kafkaOutageWait } from '../../../infra/kafka/producer-outage';
import { aMedicalAssessmentRequested } from '../../support/builders';

const DECIDED_AT = '2026-11-26T15:00:00+08:00';

function requests(n: number, purpose: MedicalAssessmentRequestedV1['purpose'] = 'permanent-disablement') {
  return Array.from({ length: n }, (_, i) => {
    const seq = String(100_000 + i).padStart(9, '0');
    return aMedicalAssessmentRequested({ claimId: `C-2026-${seq}`, assessmentId: `MA-2026${seq}01`, purpose });
  });
}

describe('simulated Medical Board decisions', () => {
  it('when hundreds of requests are decided, then every decision event passes MedicalAssessmentDecided', () => {
    const all = [...requests(400), ...requests(100, 'invalidity')];
    const bad = all
      .map((r) => decisionEvent(decideAssessment(1, r, DECIDED_AT)))
      .filter((e) => !MedicalAssessmentDecided.safeParse(JSON.parse(JSON.stringify(e))).success);
    expect(bad).toEqual([]);
  });

  it('when LOECs are counted, then most are 0–20 %, some 21–60 %, a few 100 %, some provisional', () => {
    const decisions = requests(2000).map((r) => decideAssessment('dist', r, DECIDED_AT));
    const share = (pred: (d: (typeof decisions)[number]) => boolean): number =>
      decisions.filter(pred).length / decisions.length;
    expect(share((d) => d.loecBasisPoints <= 2_000)).toBeGreaterThan(0.5);
    expect(share((d) => d.loecBasisPoints > 2_000 && d.loecBasisPoints <= 6_000)).toBeGreaterThan(0.15);
    expect(share((d) => d.loecBasisPoints === 10_000)).toBeGreaterThan(0.01);
    expect(share((d) => d.loecBasisPoints === 10_000)).toBeLessThan(0.08);
    expect(share((d) => d.kind === 'provisional')).toBeGreaterThan(0.1);
    expect(share((d) => d.constantAttendanceNeeded)).toBeGreaterThan(0);
    expect(decisions.filter((d) => d.constantAttendanceNeeded && d.loecBasisPoints !== 10_000)).toEqual([]);
  });

  it('when a request is decided twice, then the decision and its event id are the same and keep the assessment id', () => {
    const [r] = requests(1);
    if (r === undefined) throw new Error('no request');
    const a = decisionEvent(decideAssessment(3, r, DECIDED_AT));
    const b = decisionEvent(decideAssessment(3, r, DECIDED_AT));
    expect(b).toEqual(a);
    expect(a.decision.assessmentId).toBe(r.assessmentId);
    expect(a.decision.claimId).toBe(r.claimId);
  });

  it('when invalidity is assessed, then the board certifies it (or not) explicitly', () => {
    const decisions = requests(200, 'invalidity').map((r) => decideAssessment(1, r, DECIDED_AT));
    expect(decisions.every((d) => d.invalidityCertified !== undefined)).toBe(true);
    const certified = decisions.filter((d) => d.invalidityCertified).length / decisions.length;
    expect(certified).toBeGreaterThan(0.65);
    expect(certified).toBeLessThan(0.95);
  });

  it('when skipping 5 % with jittered delays, then about 5 % are skipped and delays stay within the jitter', () => {
    const all = requests(2000);
    const skipped = all.filter((r) => shouldSkip(1, r, 0.05)).length / all.length;
    expect(skipped).toBeGreaterThan(0.03);
    expect(skipped).toBeLessThan(0.07);
    const delays = all.map((r) => decisionDelayMs(1, r, 20_000, 0.5));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(30_000);
    expect(new Set(delays).size).toBeGreaterThan(100);
  });
});

/** A kafkajs stand-in: captures the consumer's handler and the producer's sends. */
function fakeKafka() {
  let eachMessage: ((p: { message: KafkaMessage }) => Promise<void>) | undefined;
  const sent: { topic: string; key: string; value: string }[] = [];
  const kafka = {
    producer: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      send: async (r: { topic: string; messages: { key: string; value: string }[] }) => {
        for (const m of r.messages) sent.push({ topic: r.topic, key: m.key, value: m.value });
      },
    }),
    consumer: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      subscribe: async () => undefined,
      run: async (o: { eachMessage: typeof eachMessage }) => {
        eachMessage = o.eachMessage;
      },
    }),
  } as unknown as Kafka;
  const deliver = async (value: string): Promise<void> => {
    await eachMessage?.({ message: { value: Buffer.from(value) } as KafkaMessage });
  };
  return { kafka, sent, deliver };
}

describe('createMedicalBoard', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when a request arrives three times, then exactly one decision is published after the delay', async () => {
    const { kafka, sent, deliver } = fakeKafka();
    const logs: string[] = [];
    const board = createMedicalBoard({ kafka, delayMs: 1_000, skipFraction: 0, log: (l) => logs.push(l) });
    await board.start();
    const [r] = requests(1);
    const text = JSON.stringify(r);
    await deliver(text);
    await deliver(text);
    await deliver(JSON.stringify({ ...r, eventId: '00000000-0000-4000-8000-00000000ffff' })); // a reminder
    expect(sent).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1_600);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.topic).toBe('medical.assessments');
    expect(sent[0]?.key).toBe(r?.claimId);
    expect(MedicalAssessmentDecided.safeParse(JSON.parse(sent[0]?.value ?? '')).success).toBe(true);
    await deliver(text);
    await jest.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(1);
    expect(board.counters).toMatchObject({ received: 4, scheduled: 1, duplicate: 3, decided: 1, skipped: 0 });
    // Logs carry ids only: nothing from the request beyond its claim and assessment ids.
    expect(logs.join('\n')).not.toContain(r?.reason ?? '');
    await board.stop();
  });

  it('when a request is skipped, then a reminder for it is answered', async () => {
    const { kafka, sent, deliver } = fakeKafka();
    const board = createMedicalBoard({ kafka, delayMs: 100, jitter: 0, skipFraction: 1 });
    await board.start();
    const [r] = requests(1);
    await deliver(JSON.stringify(r));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(0);
    await deliver(JSON.stringify({ ...r, eventId: '00000000-0000-4000-8000-00000000fffe' }));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(1);
    expect(board.counters).toMatchObject({ skipped: 1, scheduled: 1, decided: 1 });
    await board.stop();
  });

  it('when a message is not a valid request, then it is counted and ignored', async () => {
    const { kafka, sent, deliver } = fakeKafka();
    const board = createMedicalBoard({ kafka, delayMs: 10 });
    await board.start();
    await deliver('not json');
    await deliver(JSON.stringify({ schemaVersion: 1, claimId: 'C-2026-000001' }));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(sent).toHaveLength(0);
    expect(board.counters).toMatchObject({ received: 2, invalid: 2 });
    await board.stop();
  });

  it('when Kafka does not answer for minutes, then the decision waits and is published once it does', async () => {
    const { kafka, sent, deliver } = fakeKafka();
    const producer = (kafka.producer as unknown as () => { send: (r: unknown) => Promise<void> })();
    let down = true;
    const flaky = {
      ...producer,
      send: async (r: unknown) => {
        if (down)
          throw Object.assign(new Error('Connection error: connect ECONNREFUSED'), { name: 'KafkaJSConnectionError' });
        await producer.send(r);
      },
    };
    const logs: string[] = [];
    const board = createMedicalBoard({
      kafka: { ...kafka, producer: () => flaky } as unknown as Kafka,
      delayMs: 1_000,
      jitter: 0,
      skipFraction: 0,
      outage: kafkaOutageWait('demo', 10 * 60_000, (l) => logs.push(l)),
    });
    await board.start();
    await deliver(JSON.stringify(requests(1)[0]));
    await jest.advanceTimersByTimeAsync(4 * 60_000);
    expect(sent).toHaveLength(0);
    down = false;
    await jest.advanceTimersByTimeAsync(30_000);
    expect(sent).toHaveLength(1);
    expect(board.counters).toMatchObject({ decided: 1, failed: 0 });
    expect(logs).toHaveLength(2);
    await board.stop();
  });

  it('when stopped with decisions pending, then they are cancelled', async () => {
    const { kafka, sent, deliver } = fakeKafka();
    const board = createMedicalBoard({ kafka, delayMs: 1_000, skipFraction: 0 });
    await board.start();
    for (const r of requests(5)) await deliver(JSON.stringify(r));
    await board.stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(sent).toHaveLength(0);
  });
});
