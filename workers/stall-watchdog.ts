import type { LagReading, PartitionAssignment } from '../infra/kafka/consumer-lag';
import { formatDuration } from '../infra/outage-wait';
import type { ConsumerProgress } from './kafka-handler-consumer';

/*
 * A process that stops getting work done without failing is restarted like one that fails. The watchdog runs a
 * few checks every so often; the first that finds a stall names it (which consumer group and topics, the lag and
 * how long nothing completed; or which activity types and how many timeouts), and the process exits with
 * EXIT_STALLED, for its supervisor (workers/start.ts under `npm start`) to restart it with backoff. Clocks and
 * schedules are injected, so the checks are tested without waiting minutes.
 */

/** The exit code of a process that stalled (the supervisor names it when it restarts the process). */
export const EXIT_STALLED = 3;

/** A stall, named: what stalled and why it counts as stalled. */
export interface Stall {
  kind: 'consumer' | 'activities';
  /** One line for the log: ids, topics, counts and durations, never message contents. */
  cause: string;
}

/** One check: a stall, or `undefined` when there is none (or it cannot tell, e.g. Kafka does not answer). */
export type StallCheck = () => Promise<Stall | undefined> | Stall | undefined;

/** Options of {@link createStallWatchdog}. */
export interface StallWatchdogOptions {
  /** How often the checks run (see {@link checkInterval}). */
  everyMs: number;
  /** Called once, with the first stall found; the watchdog stops. */
  onStall(stall: Stall): void;
  /** Runs `tick` every `ms` until the returned function is called (default: setInterval, unref'd). */
  schedule?: (tick: () => void, ms: number) => () => void;
}

/** A running watchdog. */
export interface StallWatchdog {
  /** Adds a check; the returned function removes it. */
  add(check: StallCheck): () => void;
  /** Runs every check once now (what each tick does); resolves the stall found, if any. */
  checkNow(): Promise<Stall | undefined>;
  stop(): void;
}

/** How often to check for a stall of `stallAfterMs`: a quarter of it, between 1 s and 30 s. */
export function checkInterval(stallAfterMs: number): number {
  return Math.min(30_000, Math.max(1_000, Math.floor(stallAfterMs / 4)));
}

const everyInterval = (tick: () => void, ms: number): (() => void) => {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/** Runs the checks every `everyMs`; a tick still running when the next is due is not overlapped. */
export function createStallWatchdog(options: StallWatchdogOptions): StallWatchdog {
  const checks = new Set<StallCheck>();
  let running: Promise<Stall | undefined> | undefined;
  let stalled = false;
  const runChecks = async (): Promise<Stall | undefined> => {
    for (const check of [...checks]) {
      if (stalled) return undefined;
      let stall: Stall | undefined;
      try {
        stall = await check();
      } catch {
        continue; // a check that cannot tell is no evidence
      }
      if (stall !== undefined) {
        stalled = true;
        cancel();
        options.onStall(stall);
        return stall;
      }
    }
    return undefined;
  };
  const checkNow = (): Promise<Stall | undefined> => {
    if (running !== undefined) return running;
    const tick = runChecks();
    running = tick;
    void tick.finally(() => {
      if (running === tick) running = undefined;
    });
    return tick;
  };
  const cancel = (options.schedule ?? everyInterval)(() => void checkNow(), options.everyMs);
  return {
    add(check) {
      checks.add(check);
      return () => checks.delete(check);
    },
    checkNow,
    stop: cancel,
  };
}

/** Reads a group's lag on its assigned partitions (infra/kafka/consumer-lag.ts over the process's admin client). */
export type LagReader = (groupId: string, assignment: PartitionAssignment) => Promise<LagReading>;

const lagByPartition = (reading: LagReading): string =>
  reading.partitions
    .filter((p) => p.lag > 0)
    .map((p) => `${p.topic}[${p.partition}]=${p.lag}`)
    .join(', ');

/**
 * A consumer stalls when it has completed nothing for `stallAfterMs` while its lag (on the partitions it is
 * assigned) is above zero and has not come down since its last completion: messages wait and nothing moves them.
 * The time is counted from the first lag reading after the last completion, so the stall is found up to one check
 * interval after `stallAfterMs`.
 * A consumer whose lag grows while it completes messages is slow, not stalled; one with no lag is idle. A lag that
 * cannot be read (Kafka not answering) is no evidence either way: the check waits for the next reading.
 */
export function consumerStallCheck(
  progress: ConsumerProgress,
  readLag: LagReader,
  options: { stallAfterMs: number; now?: () => number }
): StallCheck {
  const now = options.now ?? Date.now;
  /**
   * The quiet window: the completion count, lag and time of its first reading, taken after the last completion or
   * after a lag that could not be read (a consumer that waited out a Kafka outage gets a whole STALL_AFTER to catch
   * up).
   */
  let window: { completed: number; lag: number; since: number } | undefined;
  return async () => {
    const completed = progress.completed;
    let reading: LagReading;
    try {
      reading = await readLag(progress.groupId, progress.assignment);
    } catch {
      window = undefined;
      return undefined;
    }
    if (window === undefined || window.completed !== completed || completed !== progress.completed) {
      window = { completed: progress.completed, lag: reading.total, since: now() };
      return undefined;
    }
    const quietMs = now() - progress.lastCompletedAt;
    const watchedMs = now() - window.since;
    if (watchedMs < options.stallAfterMs || reading.total === 0 || reading.total < window.lag) return undefined;
    const trend = reading.total > window.lag ? `grew ${window.lag} → ${reading.total}` : `stayed at ${reading.total}`;
    return {
      kind: 'consumer',
      cause:
        `consumer group ${progress.groupId} (topics ${progress.topics.join(', ')}) completed nothing for ` +
        `${formatDuration(quietMs)} while its lag ${trend} (${lagByPartition(reading)}; ${progress.completed} ` +
        `completed since start)${progress.lastError !== undefined ? `; last failure ${progress.lastError}` : ''}`,
    };
  };
}

/** The log line of a stall: `worker: STALLED: <cause>; exiting (code 3) to be restarted`. */
export function stallLine(who: string, stall: Stall): string {
  return `${who}: STALLED: ${stall.cause}; exiting (code ${EXIT_STALLED}) to be restarted`;
}

/** Thrown out of a process's main function once a stall has stopped it; the entry point exits EXIT_STALLED. */
export class StallError extends Error {
  override readonly name = 'StallError';
  constructor(readonly stall: Stall) {
    super(`stalled: ${stall.cause}`);
  }
}

/**
 * What a process does on a stall: logs it, gives `stop` up to `graceMs` (default 10 s) to close what it can (a
 * stalled process often cannot), then exits with {@link EXIT_STALLED}.
 */
export function exitOnStall(
  who: string,
  options: { stop?: () => Promise<unknown>; graceMs?: number; log?: (line: string) => void } = {}
): (stall: Stall) => void {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  return (stall) => {
    log(stallLine(who, stall));
    const exit = (): never => process.exit(EXIT_STALLED);
    setTimeout(exit, options.graceMs ?? 10_000).unref();
    if (options.stop) void options.stop().then(exit, exit);
    else exit();
  };
}
