import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { noopAnswerSignal } from './payroll-noop-workflows';

/**
 * The no-op baseline's one activity (bench only): returns at once. When `signal` is set it then signals its own
 * workflow, after returning, as the bank's answer reaches a real award after its issuePeriodicPayment completed.
 * A signal that keeps failing is logged; the workflow then waits and the bench reports no progress.
 */
export function createNoopActivities(client: Client) {
  return {
    async noop(input: { step: number; signal: boolean }): Promise<void> {
      if (!input.signal) return;
      const workflowId = Context.current().info.workflowExecution?.workflowId;
      if (workflowId === undefined) throw new Error('noop: not called from a workflow');
      setImmediate(() => void signalWithRetries(client, workflowId, input.step));
    },
  };
}

export type NoopActivities = ReturnType<typeof createNoopActivities>;

async function signalWithRetries(client: Client, workflowId: string, step: number): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.workflow.getHandle(workflowId).signal(noopAnswerSignal, { step });
      return;
    } catch (err) {
      if (attempt >= 5) {
        process.stderr.write(`noop: signal to ${workflowId} failed: ${String(err)}\n`);
        return;
      }
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
