import type { Client } from '@temporalio/client';

/** Runs `fn` over `items` at most `size` at a time (bounded load on a 2-core test machine), results in input order. */
export async function inChunks<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/**
 * Terminates every workflow still running on a test's task queue, so an end-to-end test leaves nothing behind on
 * the shared dev server (abandoned children included). Best effort: a workflow that closed meanwhile is skipped.
 */
export async function terminateRunningOn(client: Client, taskQueue: string, reason: string): Promise<void> {
  const running: string[] = [];
  for await (const wf of client.workflow.list({
    query: `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`,
  })) {
    running.push(wf.workflowId);
  }
  await inChunks(running, 20, (id) =>
    client.workflow
      .getHandle(id)
      .terminate(reason)
      .catch(() => undefined)
  );
}
