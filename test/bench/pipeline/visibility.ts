import type { Client } from '@temporalio/client';

/** When the server started and closed a workflow (its own clock: the same machine as the bench's). */
export interface WorkflowTimes {
  startMs: number;
  closeMs?: number;
  /** RUNNING, COMPLETED, FAILED, … */
  status: string;
}

/** Start and close times of every workflow matching `query` (one visibility page per 1,000 workflows). */
export async function workflowTimes(client: Client, query: string): Promise<Map<string, WorkflowTimes>> {
  const out = new Map<string, WorkflowTimes>();
  for await (const wf of client.workflow.list({ query })) {
    out.set(wf.workflowId, {
      startMs: wf.startTime.getTime(),
      status: wf.status.name,
      ...(wf.closeTime !== undefined ? { closeMs: wf.closeTime.getTime() } : {}),
    });
  }
  return out;
}

/** How many workflows match `query`. */
export async function countOf(client: Client, query: string): Promise<number> {
  return (await client.workflow.count(query)).count;
}
