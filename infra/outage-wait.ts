/*
 * Waiting out an outage of a server a process depends on (Kafka for every producer, Temporal for the demo's checker).
 * A call that fails only because the server does not answer is retried with backoff until it succeeds, the caller's
 * signal aborts (an activity's deadline), or `maxMs` has passed since the call began; then an OutageError names the
 * setting that bounds the wait. One OutageWait is shared by every call to one server in a process, so an outage is
 * logged once when the first call starts waiting and once when a call gets through again, however many calls wait.
 * Log lines carry error names, codes and durations only, never what was being sent.
 */

/** Options of {@link createOutageWait}. */
export interface OutageWaitOptions {
  /** The process or component, first on each log line: `demo`, `worker`, `bank`. */
  who: string;
  /** The server waited for: `Kafka`, `Temporal`. */
  server: string;
  /** The setting that bounds the wait, named in the log and the give-up error: `KAFKA_PRODUCER_OUTAGE_MAX`. */
  setting: string;
  /** The longest one call waits, from its first attempt. */
  maxMs: number;
  /** Whether an error only means the server did not answer (anything else is thrown at once). */
  isOutage(err: unknown): boolean;
  /** The error for a log line: names and codes, no message contents (default: the cause chain's names). */
  describe?(err: unknown): string;
  log(line: string): void;
  /** Backoff between attempts: `baseMs` doubling to `maxDelayMs` (defaults 1 s and 15 s). */
  backoff?: { baseMs?: number; maxDelayMs?: number };
  now?: () => number;
}

/** Options of one call through an {@link OutageWait}. */
export interface OutageCallOptions {
  /** Ends the wait early (an activity's start-to-close deadline or its cancellation). */
  signal?: AbortSignal | undefined;
  /** What the call does, for the give-up error: `a send to claims.submitted` (never message contents). */
  what?: string;
}

/** Runs calls to one server so that they wait out its outage (see the file comment). */
export interface OutageWait {
  run<T>(work: () => Promise<T>, options?: OutageCallOptions): Promise<T>;
  /** Whether a call is waiting for the server now. */
  readonly waiting: boolean;
}

/** A call gave up waiting for a server: after the configured maximum, or at the caller's deadline. */
export class OutageError extends Error {
  override readonly name = 'OutageError';
  constructor(
    message: string,
    readonly server: string,
    readonly waitedMs: number,
    options: { cause: unknown }
  ) {
    super(message, options);
  }
}

/** `95 s`, `2m 5s`, `10m`: a duration for a log line. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m}m` : `${m}m ${s % 60}s`;
}

/** The names (and codes) along an error's cause chain, e.g. `KafkaJSNonRetriableError ← KafkaJSConnectionError EPIPE`. */
export function describeErrorChain(err: unknown): string {
  const parts: string[] = [];
  let e = err as { name?: unknown; code?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    const code = typeof e.code === 'string' || typeof e.code === 'number' ? ` ${e.code}` : '';
    parts.push(`${typeof e.name === 'string' ? e.name : 'Error'}${code}`);
    if (e.cause === e) break;
    e = e.cause as typeof e;
  }
  return parts.length > 0 ? parts.join(' ← ') : String(err);
}

const ABORTED = Symbol('aborted');

/** `promise`, unless `signal` aborts first (then `ABORTED`; the promise runs on, its rejection ignored). */
function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T | typeof ABORTED> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.resolve(ABORTED);
  }
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      promise.catch(() => undefined);
      resolve(ABORTED);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      }
    );
  });
}

/** Sleeps `ms` (global timers, so Jest's fake timers drive it) or until `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * An {@link OutageWait} for one server. Each call is bounded by `maxMs` from its first attempt, and by its signal:
 * an attempt still in flight at that point is abandoned (a kafkajs send cannot be cancelled; it ends on its own
 * retries) and the call throws an {@link OutageError} whose cause is the last failure.
 */
export function createOutageWait(options: OutageWaitOptions): OutageWait {
  const now = options.now ?? Date.now;
  const describe = options.describe ?? describeErrorChain;
  const baseMs = options.backoff?.baseMs ?? 1_000;
  const maxDelayMs = options.backoff?.maxDelayMs ?? 15_000;
  const limit = formatDuration(options.maxMs);
  /** The outage in progress: when the first call started waiting, and how many calls have waited in it. */
  let outage: { since: number; calls: number; gaveUp: boolean } | undefined;

  const say = (line: string): void => options.log(`${options.who}: ${line}`);
  /**
   * A call that began at `since` starts waiting: `why` is its failure, or how long its attempt has gone unanswered.
   * The outage is dated from the start of its first waiting call (kafkajs spends up to a minute on its own first).
   */
  const enter = (why: string, since: number): void => {
    if (outage !== undefined) {
      outage.calls += 1;
      return;
    }
    outage = { since, calls: 1, gaveUp: false };
    say(
      `${options.server} is not answering (${why}); waiting for it, each call for up to ${limit} (${options.setting})`
    );
  };
  const recovered = (): void => {
    if (outage === undefined) return;
    say(
      `${options.server} answers again after ${formatDuration(now() - outage.since)}; ${outage.calls} call(s) waited`
    );
    outage = undefined;
  };

  return {
    get waiting() {
      return outage !== undefined;
    },
    async run(work, call = {}) {
      const started = now();
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), options.maxMs);
      const signal = call.signal ? AbortSignal.any([call.signal, deadline.signal]) : deadline.signal;
      let waited = false;
      let failure: unknown;
      let delayMs = baseMs;
      try {
        for (;;) {
          try {
            const result = await unlessAborted(work(), signal);
            if (result !== ABORTED) {
              recovered();
              return result;
            }
          } catch (err) {
            if (!options.isOutage(err)) throw err;
            failure = err;
            if (!waited) enter(describe(err), started);
            waited = true;
          }
          if (!signal.aborted) {
            await sleep(delayMs, signal);
            delayMs = Math.min(maxDelayMs, delayMs * 2);
          }
          if (signal.aborted) {
            const waitedMs = now() - started;
            const what = call.what !== undefined ? ` on ${call.what}` : '';
            // An attempt still unanswered at the end (kafkajs retrying on its own) is an outage too, so the
            // recovery is logged when a later call gets through.
            if (!waited) enter(`no answer within ${formatDuration(waitedMs)}`, started);
            if (!deadline.signal.aborted) {
              throw new OutageError(
                `${options.server} did not answer; gave up${what} at the caller's deadline after ${formatDuration(waitedMs)}`,
                options.server,
                waitedMs,
                { cause: failure }
              );
            }
            if (outage !== undefined && !outage.gaveUp) {
              outage.gaveUp = true;
              say(`${options.server} still not answering after ${limit} (${options.setting}); calls now fail`);
            }
            throw new OutageError(
              `${options.server} did not answer for ${formatDuration(waitedMs)} (${options.setting}=${limit}); ` +
                `gave up${what}${failure !== undefined ? `: ${describe(failure)}` : ''}`,
              options.server,
              waitedMs,
              { cause: failure }
            );
          }
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
