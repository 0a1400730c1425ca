/** Raised when the pipeline stops moving; the message says what it was waiting for and where things stand. */
export class StallError extends Error {
  override readonly name = 'StallError';
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** What {@link waitWithProgress} polls. */
export interface ProgressWait {
  /** What is being waited for, for the error message. */
  what: string;
  done(): boolean | Promise<boolean>;
  /** Any number that changes while work gets done (events read, workflows closed, messages sent). */
  progress(): number | Promise<number>;
  /** Where things stand, for the log and the error message. */
  describe(): string | Promise<string>;
  stallMs: number;
  everyMs: number;
}

/**
 * Polls until `done`, failing only when `progress` has not changed for `stallMs`: a loaded box is slow, not stuck,
 * so there is no deadline. Logs where things stand to stderr about every 5 s.
 */
export async function waitWithProgress(w: ProgressWait): Promise<void> {
  let last: number | undefined;
  let lastChangeMs = Date.now();
  let lastLogMs = Date.now();
  for (;;) {
    if (await w.done()) return;
    const p = await w.progress();
    const now = Date.now();
    if (p !== last) {
      last = p;
      lastChangeMs = now;
    } else if (now - lastChangeMs > w.stallMs) {
      throw new StallError(`${w.what}: nothing moved for ${w.stallMs / 1000} s; ${await w.describe()}`);
    }
    if (now - lastLogMs >= 5_000) {
      process.stderr.write(`[bench] ${w.what}: ${await w.describe()}\n`);
      lastLogMs = now;
    }
    await sleep(w.everyMs);
  }
}
