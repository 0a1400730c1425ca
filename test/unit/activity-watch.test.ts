import { ApplicationFailure } from '@temporalio/common';
import type { ActivityExecuteInput, ActivityInboundCallsInterceptor } from '@temporalio/worker';
import { createActivityWatch, isStoreTimeout } from '../../workers/activity-watch';

const MINUTE = 60_000;

/** Runs `work` as one execution of `activityType` through the watch's interceptor, as the worker would. */
function executor(watch: ReturnType<typeof createActivityWatch>) {
  return (activityType: string, work: () => Promise<unknown>, startToCloseTimeoutMs = 15_000) => {
    const ctx = { info: { activityType, startToCloseTimeoutMs }, cancellationSignal: new AbortController().signal };
    const inbound = watch.interceptor(ctx as never).inbound as ActivityInboundCallsInterceptor;
    return inbound.execute!({ args: [], headers: {} } as ActivityExecuteInput, () => work());
  };
}

const selectionTimeout = (): Error =>
  Object.assign(new Error('Server selection timed out after 10000 ms'), { name: 'MongoServerSelectionError' });

describe('activity watch (fake clock)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when an activity type keeps timing out against the store for STALL_AFTER, then a stall names the type and the timeouts', async () => {
    const watch = createActivityWatch();
    const run = executor(watch);
    const check = watch.stallCheck({ stallAfterMs: 2 * MINUTE });
    const hung = new Promise<never>(() => undefined); // a store call that never answers
    void run('recordPaymentInstruction', () => hung).catch(() => undefined);
    await jest.advanceTimersByTimeAsync(17_000); // past its 15 s start-to-close
    for (let i = 0; i < 3; i++) {
      await expect(run('recordPaymentInstruction', () => Promise.reject(selectionTimeout()))).rejects.toThrow();
      await jest.advanceTimersByTimeAsync(30_000);
    }
    expect(check()).toBeUndefined(); // 91 s since the first timeout (at 16 s: start-to-close and 1 s grace)
    await jest.advanceTimersByTimeAsync(30_000);
    expect(check()).toEqual({
      kind: 'activities',
      cause:
        'activities keep timing out against the store with none of their type completing: recordPaymentInstruction: ' +
        '4 timeouts in 2m 1s (1 still running past their 15 s start-to-close, 3 MongoServerSelectionError)',
    });
  });

  it('when the activity type completes between timeouts, then the count starts again and there is no stall', async () => {
    const watch = createActivityWatch();
    const run = executor(watch);
    const check = watch.stallCheck({ stallAfterMs: 2 * MINUTE });
    for (let i = 0; i < 10; i++) {
      await expect(run('recordClaim', () => Promise.reject(selectionTimeout()))).rejects.toThrow();
      await jest.advanceTimersByTimeAsync(30_000);
      if (i % 3 === 2) await run('recordClaim', async () => 'ok');
    }
    expect(check()).toBeUndefined();
  });

  it('when activities fail for other reasons, or refuse for business reasons, then nothing counts as a timeout', async () => {
    const watch = createActivityWatch();
    const run = executor(watch);
    const check = watch.stallCheck({ stallAfterMs: 2 * MINUTE });
    for (let i = 0; i < 10; i++) {
      await expect(
        run('publishClaimEvent', () => Promise.reject(new Error('KafkaJSConnectionError')))
      ).rejects.toThrow();
      await expect(
        run('verifyClaim', () => Promise.reject(ApplicationFailure.nonRetryable('no', 'NotEligible')))
      ).rejects.toThrow();
      await jest.advanceTimersByTimeAsync(30_000);
    }
    expect(check()).toBeUndefined();
  });

  it('when an activity publishes, then its deadline ends a margin before its start-to-close; outside one there is none', async () => {
    const watch = createActivityWatch({ deadlineMarginMs: 1_000 });
    const run = executor(watch);
    expect(watch.deadline()).toBeUndefined();
    let seen: AbortSignal | undefined;
    const done = run(
      'publishClaimEvent',
      async () => {
        seen = watch.deadline();
        await new Promise((resolve) => setTimeout(resolve, 20_000));
      },
      15_000
    );
    await jest.advanceTimersByTimeAsync(13_900);
    expect(seen?.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(200);
    expect(seen?.aborted).toBe(true);
    await jest.advanceTimersByTimeAsync(10_000);
    await done;
  });

  it.each([
    ['MongoServerSelectionError', true],
    ['MongoNetworkTimeoutError', true],
    ['MongooseError', true], // "Operation `claims.findOne()` buffering timed out after 10000ms"
    ['MongoServerError', false],
    ['ZodError', false],
  ])('when the error is a %s, then isStoreTimeout is %p', (name, expected) => {
    const message = name === 'MongooseError' ? 'Operation `claims.findOne()` buffering timed out after 10000ms' : 'x';
    expect(isStoreTimeout(Object.assign(new Error(message), { name }))).toBe(expected);
  });
});
