import { AsyncLocalStorage } from 'node:async_hooks';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { formatDuration } from '../infra/outage-wait';
import type { Stall, StallCheck } from './stall-watchdog';

/*
 * The worker's view of its activities, through one activity interceptor: when each execution must end (its
 * start-to-close, read by the event publisher so a publish waiting for Kafka gives up in time), and which activity
 * types keep timing out against the store, for the stall watchdog.
 */

/** Store errors that mean MongoDB did not answer in time (driver and mongoose names). */
const STORE_TIMEOUT_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkTimeoutError',
  'MongoOperationTimeoutError',
  'MongoWaitQueueTimeoutError',
]);

/** Whether an activity failed because a store call timed out: a Mongo timeout, or mongoose's buffering timeout. */
export function isStoreTimeout(err: unknown): boolean {
  let e = err as { name?: unknown; message?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    if (typeof e.name === 'string' && STORE_TIMEOUT_NAMES.has(e.name)) return true;
    if (typeof e.name === 'string' && e.name.startsWith('Mongo') && /timed out/i.test(String(e.message))) return true;
    if (e.cause === e) break;
    e = e.cause as typeof e;
  }
  return false;
}

/** Timeouts of one activity type since it last completed. */
interface TypeTimeouts {
  first: number;
  /** Executions still running when their start-to-close had passed (the server has already timed them out). */
  overdue: number;
  /** Store errors by name. */
  errors: Map<string, number>;
  startToCloseMs: number;
}

/** Options of {@link createActivityWatch}. */
export interface ActivityWatchOptions {
  now?: () => number;
  /** An execution still running this long after its start-to-close counts as timed out (default 1 s). */
  overdueGraceMs?: number;
  /** The publish deadline ends this long before the start-to-close (default 1 s), so the failure reaches the server. */
  deadlineMarginMs?: number;
}

/** The interceptor, the deadline it publishes and the stall check it feeds. */
export interface ActivityWatch {
  /** Register with `Worker.create({ interceptors: { activity: [watch.interceptor] } })`. */
  interceptor: ActivityInterceptorsFactory;
  /** The running activity's deadline (start-to-close less a margin, or its cancellation); undefined outside one. */
  deadline(): AbortSignal | undefined;
  /**
   * A stall when an activity type has timed out against the store at least `minTimeouts` times, the first of them
   * `stallAfterMs` ago or more, with no execution of that type completing in between.
   */
  stallCheck(options: { stallAfterMs: number; minTimeouts?: number }): StallCheck;
}

/** Watches every activity execution of one worker (see the file comment). */
export function createActivityWatch(options: ActivityWatchOptions = {}): ActivityWatch {
  const now = options.now ?? Date.now;
  const graceMs = options.overdueGraceMs ?? 1_000;
  const marginMs = options.deadlineMarginMs ?? 1_000;
  const timeouts = new Map<string, TypeTimeouts>();
  const deadlines = new AsyncLocalStorage<AbortSignal>();

  const timedOut = (type: string, startToCloseMs: number, errorName?: string): void => {
    const t = timeouts.get(type) ?? { first: now(), overdue: 0, errors: new Map(), startToCloseMs };
    if (errorName === undefined) t.overdue += 1;
    else t.errors.set(errorName, (t.errors.get(errorName) ?? 0) + 1);
    timeouts.set(type, t);
  };

  const interceptor: ActivityInterceptorsFactory = (ctx) => ({
    inbound: {
      async execute(input, next) {
        const type = ctx.info.activityType;
        const startToCloseMs = ctx.info.startToCloseTimeoutMs;
        const deadline = new AbortController();
        const ends = setTimeout(() => deadline.abort(), Math.max(0, startToCloseMs - marginMs));
        let overdue = false;
        const late = setTimeout(() => {
          overdue = true;
          timedOut(type, startToCloseMs);
        }, startToCloseMs + graceMs);
        try {
          const result = await deadlines.run(AbortSignal.any([ctx.cancellationSignal, deadline.signal]), () =>
            next(input)
          );
          timeouts.delete(type);
          return result;
        } catch (err) {
          if (err instanceof ApplicationFailure && err.nonRetryable)
            timeouts.delete(type); // the store answered
          else if (!overdue && isStoreTimeout(err)) timedOut(type, startToCloseMs, (err as Error).name);
          throw err;
        } finally {
          clearTimeout(ends);
          clearTimeout(late);
        }
      },
    },
  });

  return {
    interceptor,
    deadline: () => deadlines.getStore(),
    stallCheck({ stallAfterMs, minTimeouts = 3 }) {
      return (): Stall | undefined => {
        const at = now();
        const stalled = [...timeouts].filter(([, t]) => {
          const count = t.overdue + [...t.errors.values()].reduce((a, b) => a + b, 0);
          return count >= minTimeouts && at - t.first >= stallAfterMs;
        });
        if (stalled.length === 0) return undefined;
        const described = stalled.map(([type, t]) => {
          const kinds = [
            ...(t.overdue > 0
              ? [`${t.overdue} still running past their ${formatDuration(t.startToCloseMs)} start-to-close`]
              : []),
            ...[...t.errors].map(([name, n]) => `${n} ${name}`),
          ];
          const count = t.overdue + [...t.errors.values()].reduce((a, b) => a + b, 0);
          return `${type}: ${count} timeouts in ${formatDuration(at - t.first)} (${kinds.join(', ')})`;
        });
        return {
          kind: 'activities',
          cause: `activities keep timing out against the store with none of their type completing: ${described.join('; ')}`,
        };
      };
    },
  };
}
