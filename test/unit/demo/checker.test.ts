import type { Kafka, KafkaMessage } from 'kafkajs';
import type { ClaimLifecycleEventV1 } from '../../../schemas/events/claim-lifecycle-event.v1';
import type { ApproveAward } from '../../../schemas/claim/operator-inputs';
import { DEFAULT_OPERATORS_FILE, loadOperatorsFile } from '../../../infra/operators/operators-file';
import { OperatorsFile } from '../../../schemas/operators/operators-file';
import {
  checkerLimitSen,
  checkerVerdict,
  createSimulatedChecker,
  DEMO_APPROVAL_REASON,
  temporalOutageWait,
  type Approver,
} from '../../../workers/demo/checker';
import { aClaimLifecycleEvent } from '../../support/builders';

const DEMO_CLAIM = 'C-2026-000000101';
const OTHER_CLAIM = 'C-2026-000000202';
const isDemoClaim = (claimId: string): boolean => claimId === DEMO_CLAIM;

function approvalRequired(
  overrides: Partial<ClaimLifecycleEventV1> & { totalSen?: number } = {}
): ClaimLifecycleEventV1 {
  const { totalSen = 25_299_200, ...rest } = overrides;
  const claimId = rest.claimId ?? DEMO_CLAIM;
  return aClaimLifecycleEvent({
    claimId,
    sequence: 6,
    type: 'approval-required',
    stage: 'awaiting-approval',
    reason: 'The award exceeds the authority limit. A second officer must approve it.',
    details: { awardId: `${claimId}-AWD-1`, totalSen, authorityLimitSen: 5_000_000, makerId: 'system' },
    ...rest,
  });
}

describe('checkerVerdict', () => {
  it('when a demo claim waits for approval above the authority limit, then its award is approved', () => {
    expect(checkerVerdict(approvalRequired(), isDemoClaim)).toEqual({
      kind: 'approve',
      claimId: DEMO_CLAIM,
      awardId: `${DEMO_CLAIM}-AWD-1`,
    });
  });

  it('when the award is within the limit (an officer referral), then it is left for an officer', () => {
    expect(checkerVerdict(approvalRequired({ totalSen: 0 }), isDemoClaim)).toEqual({
      kind: 'ignore',
      why: 'within-limit',
    });
    expect(checkerVerdict(approvalRequired({ totalSen: 5_000_000 }), isDemoClaim)).toMatchObject({ kind: 'ignore' });
  });

  it('when the claim is not the demo run’s or the event is another step, then nothing is approved', () => {
    expect(checkerVerdict(approvalRequired({ claimId: OTHER_CLAIM }), isDemoClaim)).toEqual({
      kind: 'ignore',
      why: 'not-demo-claim',
    });
    expect(checkerVerdict(aClaimLifecycleEvent({ claimId: DEMO_CLAIM }), isDemoClaim)).toEqual({
      kind: 'ignore',
      why: 'not-approval-required',
    });
  });

  it("when the award is above the checker's own approveUpToSen, then it is left for an officer; at the limit it is approved", () => {
    expect(checkerVerdict(approvalRequired({ totalSen: 25_299_201 }), isDemoClaim, 25_299_200)).toEqual({
      kind: 'ignore',
      why: 'above-checker-limit',
    });
    expect(checkerVerdict(approvalRequired(), isDemoClaim, 25_299_200)).toMatchObject({ kind: 'approve' });
  });
});

describe('checkerLimitSen (the checker in the operators file)', () => {
  it('when the default operators file is read, then demo.checker may approve up to its limit', () => {
    expect(checkerLimitSen(loadOperatorsFile(DEFAULT_OPERATORS_FILE), 'demo.checker')).toBe(100_000_000);
  });

  it('when the checker is missing from the file or has no approve role, then the demo refuses to start naming it', () => {
    const file = OperatorsFile.parse({ schemaVersion: 1, operators: [{ id: 'demo.clerk', roles: ['provide-info'] }] });
    expect(() => checkerLimitSen(file, 'demo.checker')).toThrow(
      'the demo checker cannot approve: demo.checker is not an operator (not in the operators file)'
    );
    expect(() => checkerLimitSen(file, 'demo.clerk')).toThrow(/demo\.clerk does not hold the role "approve"/);
  });
});

/** A kafkajs stand-in: captures the consumer's handler. */
function fakeKafka() {
  let eachMessage: ((p: { message: KafkaMessage }) => Promise<void>) | undefined;
  const subscribed: string[] = [];
  const kafka = {
    consumer: () => ({
      connect: async () => undefined,
      disconnect: async () => undefined,
      subscribe: async (s: { topic: string }) => {
        subscribed.push(s.topic);
      },
      run: async (o: { eachMessage: typeof eachMessage }) => {
        eachMessage = o.eachMessage;
      },
    }),
  } as unknown as Kafka;
  const deliver = async (value: unknown): Promise<void> => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    await eachMessage?.({ message: { value: Buffer.from(text) } as KafkaMessage });
  };
  return { kafka, deliver, subscribed };
}

function recordingApprover(outcomes: Array<'approved' | 'refused' | Error> = []) {
  const calls: { claimId: string; approval: ApproveAward }[] = [];
  const approve: Approver = async (claimId, approval) => {
    calls.push({ claimId, approval });
    const next = outcomes.shift() ?? 'approved';
    if (next instanceof Error) throw next;
    return next;
  };
  return { approve, calls };
}

describe('createSimulatedChecker', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when an approval-required event arrives twice, then the award is approved once, after the delay, as the demo checker', async () => {
    const { kafka, deliver, subscribed } = fakeKafka();
    const { approve, calls } = recordingApprover();
    const logs: string[] = [];
    const checker = createSimulatedChecker({
      kafka,
      approve,
      actorId: 'demo.checker',
      delayMs: 10_000,
      isDemoClaim,
      log: (l) => logs.push(l),
    });
    await checker.start();
    expect(subscribed).toEqual(['claims.events']);
    const event = approvalRequired();
    await deliver(event);
    await deliver(event);
    await jest.advanceTimersByTimeAsync(9_000);
    expect(calls).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1_500);
    expect(calls).toEqual([
      {
        claimId: DEMO_CLAIM,
        approval: { actorId: 'demo.checker', awardId: `${DEMO_CLAIM}-AWD-1`, reason: DEMO_APPROVAL_REASON },
      },
    ]);
    expect(checker.counters).toMatchObject({ received: 2, scheduled: 1, approved: 1, refused: 0, failed: 0 });
    expect(logs).toEqual([`checker: approved ${DEMO_CLAIM}-AWD-1 of ${DEMO_CLAIM} as demo.checker`]);
    await checker.stop();
  });

  it('when events are other steps, other claims, officer referrals or not events, then nothing is approved', async () => {
    const { kafka, deliver } = fakeKafka();
    const { approve, calls } = recordingApprover();
    const checker = createSimulatedChecker({ kafka, approve, actorId: 'demo.checker', delayMs: 0, isDemoClaim });
    await checker.start();
    await deliver(aClaimLifecycleEvent({ claimId: DEMO_CLAIM }));
    await deliver(approvalRequired({ claimId: OTHER_CLAIM }));
    await deliver(approvalRequired({ totalSen: 120_000 }));
    await deliver('not json');
    await deliver({ schemaVersion: 1, claimId: DEMO_CLAIM, type: 'approval-required' });
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(0);
    expect(checker.counters).toMatchObject({ received: 5, invalid: 2, scheduled: 0 });
    await checker.stop();
  });

  it("when an award is above the checker's approveUpToSen, then it is counted, logged and left for an officer", async () => {
    const { kafka, deliver } = fakeKafka();
    const { approve, calls } = recordingApprover();
    const logs: string[] = [];
    const checker = createSimulatedChecker({
      kafka,
      approve,
      actorId: 'demo.checker',
      approveUpToSen: 10_000_000,
      delayMs: 0,
      isDemoClaim,
      log: (l) => logs.push(l),
    });
    await checker.start();
    await deliver(approvalRequired({ totalSen: 25_299_200 }));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(0);
    expect(checker.counters).toMatchObject({ received: 1, scheduled: 0, aboveLimit: 1 });
    expect(logs).toEqual([`checker: ${DEMO_CLAIM} is above the approveUpToSen of demo.checker; left for an officer`]);
    await checker.stop();
  });

  it('when the claim refuses the approval, then it is counted and not retried', async () => {
    const { kafka, deliver } = fakeKafka();
    const { approve, calls } = recordingApprover(['refused']);
    const checker = createSimulatedChecker({ kafka, approve, actorId: 'demo.checker', delayMs: 100, isDemoClaim });
    await checker.start();
    await deliver(approvalRequired());
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    expect(checker.counters).toMatchObject({ approved: 0, refused: 1, failed: 0 });
    await checker.stop();
  });

  it('when Temporal fails on the way, then the approval is retried after the delay, and given up after the attempts', async () => {
    const { kafka, deliver } = fakeKafka();
    const { approve, calls } = recordingApprover([new Error('unavailable'), 'approved']);
    const checker = createSimulatedChecker({ kafka, approve, actorId: 'demo.checker', delayMs: 100, isDemoClaim });
    await checker.start();
    await deliver(approvalRequired());
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(2);
    expect(checker.counters).toMatchObject({ approved: 1, failed: 0 });
    await checker.stop();

    const failing = recordingApprover([new Error('a'), new Error('b'), new Error('c')]);
    const logs: string[] = [];
    const gaveUp = createSimulatedChecker({
      kafka,
      approve: failing.approve,
      actorId: 'demo.checker',
      delayMs: 100,
      attempts: 3,
      isDemoClaim,
      log: (l) => logs.push(l),
    });
    await gaveUp.start();
    await deliver(approvalRequired());
    await jest.advanceTimersByTimeAsync(5_000);
    expect(failing.calls).toHaveLength(3);
    expect(gaveUp.counters).toMatchObject({ approved: 0, failed: 1 });
    expect(logs.at(-1)).toMatch(/failed 3 times .* left for an officer/);
    await gaveUp.stop();
  });

  it('when Temporal does not answer for minutes, then the approval waits without spending its attempts and is made', async () => {
    const { kafka, deliver } = fakeKafka();
    const unavailable = () => Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    const { approve, calls } = recordingApprover([...Array.from({ length: 20 }, unavailable), 'approved']);
    const logs: string[] = [];
    const checker = createSimulatedChecker({
      kafka,
      approve,
      actorId: 'demo.checker',
      delayMs: 100,
      attempts: 2,
      isDemoClaim,
      outage: temporalOutageWait(10 * 60_000, (l) => logs.push(l)),
    });
    await checker.start();
    await deliver(approvalRequired());
    await jest.advanceTimersByTimeAsync(6 * 60_000);
    expect(calls).toHaveLength(21);
    expect(checker.counters).toMatchObject({ approved: 1, failed: 0 });
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/^checker: Temporal is not answering \(Error 14\); waiting for it/);
    expect(logs[1]).toMatch(/^checker: Temporal answers again after/);

    // Past the wait, the award is left for an officer at once (no further attempts of another 10 minutes each).
    const gone = recordingApprover(Array.from({ length: 1_000 }, unavailable));
    const gaveUp = createSimulatedChecker({
      kafka,
      approve: gone.approve,
      actorId: 'demo.checker',
      delayMs: 100,
      isDemoClaim,
      outage: temporalOutageWait(60_000, () => undefined),
    });
    await gaveUp.start();
    await deliver(approvalRequired());
    await jest.advanceTimersByTimeAsync(5 * 60_000);
    expect(gaveUp.counters).toMatchObject({ approved: 0, failed: 1 });
    await checker.stop();
    await gaveUp.stop();
  });

  it('when stopped with approvals pending, then they are cancelled', async () => {
    const { kafka, deliver } = fakeKafka();
    const { approve, calls } = recordingApprover();
    const checker = createSimulatedChecker({ kafka, approve, actorId: 'demo.checker', delayMs: 1_000, isDemoClaim });
    await checker.start();
    await deliver(approvalRequired());
    await checker.stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(0);
  });

  it('when the actor id is not a staff id, then the checker refuses to start', () => {
    const { kafka } = fakeKafka();
    const { approve } = recordingApprover();
    expect(() => createSimulatedChecker({ kafka, approve, actorId: 'Demo Checker', delayMs: 0, isDemoClaim })).toThrow(
      /staff id/
    );
  });
});
