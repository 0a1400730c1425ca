import type { LagReading } from '../../infra/kafka/consumer-lag';
import type { ConsumerProgress } from '../../workers/kafka-handler-consumer';
import {
  checkInterval,
  consumerStallCheck,
  createStallWatchdog,
  EXIT_STALLED,
  stallLine,
  type LagReader,
  type Stall,
} from '../../workers/stall-watchdog';

const MINUTE = 60_000;
const STALL_AFTER = 2 * MINUTE;

/** A fake clock, a consumer's progress and a lag the test sets, checked every 30 s as the watchdog would. */
function scene() {
  let now = 1_000_000;
  const progress = {
    groupId: 'claims-intake',
    topics: ['claims.submitted'],
    completed: 0,
    lastCompletedAt: now,
    assignment: { 'claims.submitted': [0, 1, 2] },
    lastError: undefined as string | undefined,
  } satisfies ConsumerProgress;
  let lag = [0, 0, 0];
  let lagFails = false;
  const readLag: LagReader = async (groupId, assignment) => {
    expect(groupId).toBe('claims-intake');
    expect(assignment).toEqual({ 'claims.submitted': [0, 1, 2] });
    if (lagFails) throw new Error('KafkaJSConnectionError');
    const reading: LagReading = {
      total: lag.reduce((a, b) => a + b, 0),
      partitions: lag.map((l, partition) => ({ topic: 'claims.submitted', partition, lag: l })),
    };
    return reading;
  };
  const stalls: Stall[] = [];
  const watchdog = createStallWatchdog({
    everyMs: checkInterval(STALL_AFTER),
    onStall: (s) => stalls.push(s),
    schedule: () => () => undefined, // the test ticks by hand
  });
  watchdog.add(consumerStallCheck(progress, readLag, { stallAfterMs: STALL_AFTER, now: () => now }));
  return {
    progress,
    stalls,
    setLag: (l: number[]) => (lag = l),
    failLag: (fails: boolean) => (lagFails = fails),
    complete(n = 1) {
      progress.completed += n;
      progress.lastCompletedAt = now;
    },
    /** Moves the clock by `ms` in 30 s ticks, checking at each, with `each` run before every check. */
    async run(ms: number, each: () => void = () => undefined) {
      for (let t = 0; t < ms; t += 30_000) {
        now += 30_000;
        each();
        await watchdog.checkNow();
      }
    },
  };
}

describe('consumer stall check (fake clock)', () => {
  it('when the lag grows and nothing completes for STALL_AFTER, then a stall is reported naming the group, topic, lag and quiet time', async () => {
    const s = scene();
    s.setLag([1, 0, 0]);
    await s.run(30_000); // first reading: the quiet window's starting lag
    let growing = 1;
    s.progress.lastError = 'claims.submitted[0]@41 MongoServerSelectionError';
    await s.run(STALL_AFTER, () => s.setLag([growing++, 5, 0]));
    expect(s.stalls).toHaveLength(1);
    expect(s.stalls[0]).toEqual({
      kind: 'consumer',
      cause:
        'consumer group claims-intake (topics claims.submitted) completed nothing for 2m 30s while its lag grew ' +
        '1 → 9 (claims.submitted[0]=4, claims.submitted[1]=5; 0 completed since start); last failure ' +
        'claims.submitted[0]@41 MongoServerSelectionError',
    });
    expect(stallLine('consumers', s.stalls[0]!)).toMatch(
      /^consumers: STALLED: consumer group claims-intake .*; exiting \(code 3\) to be restarted$/
    );
    expect(EXIT_STALLED).toBe(3);
  });

  it('when the lag grows but messages complete, then there is no stall (slow, not stalled)', async () => {
    const s = scene();
    let growing = 10;
    await s.run(10 * MINUTE, () => {
      s.setLag([growing++, growing, growing]);
      s.complete();
    });
    expect(s.stalls).toEqual([]);
  });

  it('when the lag is zero and nothing arrives, then there is no stall (idle)', async () => {
    const s = scene();
    s.setLag([0, 0, 0]);
    await s.run(30 * MINUTE);
    expect(s.stalls).toEqual([]);
  });

  it('when the lag stays above zero and nothing completes for STALL_AFTER, then it is a stall too', async () => {
    const s = scene();
    s.complete(7);
    s.setLag([0, 3, 0]);
    await s.run(STALL_AFTER + 30_000);
    expect(s.stalls).toHaveLength(1);
    expect(s.stalls[0]?.cause).toMatch(
      /completed nothing for 2m 30s while its lag stayed at 3 \(claims\.submitted\[1\]=3; 7 completed/
    );
  });

  it('when the lag comes down without this member completing anything, then there is no stall', async () => {
    const s = scene();
    s.setLag([9, 9, 9]);
    let left = 27;
    await s.run(10 * MINUTE, () => s.setLag([Math.max(0, left--), 0, 0]));
    expect(s.stalls).toEqual([]);
  });

  it('when nothing completes for less than STALL_AFTER, then there is no stall yet', async () => {
    const s = scene();
    let growing = 1;
    await s.run(STALL_AFTER - 30_000, () => s.setLag([growing++, 0, 0]));
    expect(s.stalls).toEqual([]);
  });

  it('when the lag cannot be read (Kafka not answering), then that is no evidence of a stall', async () => {
    const s = scene();
    s.setLag([5, 5, 5]);
    await s.run(30_000);
    s.failLag(true);
    await s.run(10 * MINUTE);
    expect(s.stalls).toEqual([]);
  });

  it('when Kafka answers again after an outage, then the consumer gets a whole STALL_AFTER to catch up', async () => {
    const s = scene();
    s.setLag([5, 5, 5]);
    await s.run(30_000);
    s.failLag(true);
    await s.run(3 * MINUTE); // nothing completes while Kafka is gone
    s.failLag(false);
    s.setLag([9, 9, 9]);
    await s.run(STALL_AFTER); // the first reading after the outage starts the window
    expect(s.stalls).toEqual([]);
    await s.run(30_000);
    expect(s.stalls).toHaveLength(1);
    expect(s.stalls[0]?.cause).toMatch(/completed nothing for 6m while its lag stayed at 27/);
  });

  it('when a stall is found, then it is reported once and the checks stop', async () => {
    const s = scene();
    s.setLag([4, 0, 0]);
    await s.run(20 * MINUTE);
    expect(s.stalls).toHaveLength(1);
  });
});

describe('stall watchdog', () => {
  it('when STALL_AFTER is set, then the checks run every quarter of it, between 1 s and 30 s', () => {
    expect(checkInterval(2 * MINUTE)).toBe(30_000);
    expect(checkInterval(10 * MINUTE)).toBe(30_000);
    expect(checkInterval(20_000)).toBe(5_000);
    expect(checkInterval(1_000)).toBe(1_000);
  });

  it('when a check is still running at the next tick, then the tick does not start a second one', async () => {
    let release = (): void => undefined;
    let running = 0;
    const watchdog = createStallWatchdog({ everyMs: 1_000, onStall: () => undefined, schedule: () => () => undefined });
    watchdog.add(async () => {
      running += 1;
      await new Promise<void>((resolve) => (release = resolve));
      return undefined;
    });
    const first = watchdog.checkNow();
    const second = watchdog.checkNow();
    expect(running).toBe(1);
    release();
    await Promise.all([first, second]);
  });

  it('when a check is added after ticks with no checks, then later ticks run it', async () => {
    const watchdog = createStallWatchdog({ everyMs: 1_000, onStall: () => undefined, schedule: () => () => undefined });
    await watchdog.checkNow();
    await watchdog.checkNow();
    watchdog.add(() => ({ kind: 'consumer', cause: 'late' }));
    await expect(watchdog.checkNow()).resolves.toEqual({ kind: 'consumer', cause: 'late' });
  });

  it('when a check throws, then it counts as no evidence and the other checks still run', async () => {
    const watchdog = createStallWatchdog({ everyMs: 1_000, onStall: () => undefined, schedule: () => () => undefined });
    watchdog.add(() => {
      throw new Error('admin unreachable');
    });
    watchdog.add(() => ({ kind: 'activities', cause: 'second' }));
    await expect(watchdog.checkNow()).resolves.toEqual({ kind: 'activities', cause: 'second' });
  });

  it('when the watchdog is scheduled, then it ticks on the schedule and stops ticking after a stall', async () => {
    const ticks: Array<() => void> = [];
    let cancelled = false;
    const stalls: Stall[] = [];
    const watchdog = createStallWatchdog({
      everyMs: 5_000,
      onStall: (s) => stalls.push(s),
      schedule: (tick, ms) => {
        expect(ms).toBe(5_000);
        ticks.push(tick);
        return () => (cancelled = true);
      },
    });
    const remove = watchdog.add(() => ({ kind: 'activities', cause: 'test' }));
    ticks[0]?.();
    await new Promise((r) => setImmediate(r));
    expect(stalls).toEqual([{ kind: 'activities', cause: 'test' }]);
    expect(cancelled).toBe(true);
    remove();
  });
});
