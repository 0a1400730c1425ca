import { randomBytes } from 'node:crypto';

/** A short unique suffix for topic, database, task-queue and workflow names: tests isolate by name (STYLE H22). */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/** A task queue derived from the current test's title, unique per run. */
export function taskQueueFor(title: string): string {
  return `${title.replace(/[^a-zA-Z0-9]+/g, '-').slice(0, 60)}-${uniqueSuffix()}`;
}

/** Polls `check` every 200 ms until it returns a truthy value or `timeoutMs` passes (no fixed sleeps). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
