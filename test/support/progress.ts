/** Raised when a bench or an end-to-end test stops making progress; the message says what stood still and where it stood. */
export class NoProgressError extends Error {
  override readonly name = 'NoProgressError';
}

/** What a progress wait polls. */
export interface ProgressProbe<T> {
  /** Reads the current state (counts); a read that throws counts as no movement. */
  read(): Promise<T>;
  /** A value that changes whenever anything moved (e.g. the counts joined). */
  key(state: T): string;
  done(state: T): boolean;
  /** A reason to stop at once (a workflow failed), else undefined. */
  broken?(state: T): string | undefined;
  describe(state: T): string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `probe` every `everyMs` until it is done. No deadline: it fails only when nothing moved for `stallMs`
 * (default 60 s), or when the probe reports the run broken. `onTick` sees each state read (progress lines, samples).
 */
export async function waitOnProgress<T>(
  probe: ProgressProbe<T>,
  options: { stallMs?: number; everyMs?: number; onTick?: (state: T) => void } = {}
): Promise<T> {
  const stallMs = options.stallMs ?? 60_000;
  const everyMs = options.everyMs ?? 1_000;
  let lastKey: string | undefined;
  let lastMoveAt = Date.now();
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      const state = await probe.read();
      last = state;
      lastError = undefined;
      options.onTick?.(state);
      const broken = probe.broken?.(state);
      if (broken !== undefined) throw new NoProgressError(`${broken} (${probe.describe(state)})`);
      if (probe.done(state)) return state;
      const key = probe.key(state);
      if (key !== lastKey) {
        lastKey = key;
        lastMoveAt = Date.now();
      }
    } catch (err) {
      if (err instanceof NoProgressError) throw err;
      lastError = err;
    }
    if (Date.now() - lastMoveAt > stallMs) {
      const where = last === undefined ? 'nothing read yet' : probe.describe(last);
      const why = lastError === undefined ? '' : `; last read failed: ${String(lastError)}`;
      throw new NoProgressError(`nothing moved for ${stallMs / 1000} s: ${where}${why}`);
    }
    await sleep(everyMs);
  }
}
