import {
  CancellationScope,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  sleep,
  startChild,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { ClaimStageKey } from '../../../workflows/search-attributes';
import type { NoopActivities } from './noop-activities';
import type { ShapeStep } from './shape';

/*
 * The workflowsPath of the no-op baseline's worker (noop-worker.ts): a workflow that repeats the shape of a real
 * claim's history (shape.ts) doing nothing, so the baseline costs the orchestrator what a claim costs it, and no
 * more. It is exported as `claimProcessingWorkflow`, the type the production intake starts, so the baseline runs the
 * real consumers process unchanged, on a task queue of its own where only this worker polls.
 */

const local = proxyLocalActivities<NoopActivities>({ startToCloseTimeout: '30 seconds' });
const remote = proxyActivities<NoopActivities>({ startToCloseTimeout: '1 minute' });

/** Steps the workflow waits on: the next workflow task starts when they complete (or the child has started). */
const AWAITED: ReadonlySet<ShapeStep> = new Set<ShapeStep>(['activity', 'timer-fired', 'child']);

/**
 * A child that only waits: it stands for the claim's payment and award children, which outlive the claim (they wait
 * for the bank, or for the next month) and do more. One that ended at once would wake its parent with its completion,
 * a workflow task the claim never has. The bench terminates the children that are left when it ends.
 */
export async function benchNoopChildWorkflow(): Promise<void> {
  await sleep('1 day');
}

/**
 * Repeats the shape task by task. A first local activity reads the shape (it stands for the first task's first
 * local activity, so the counts match). A cancelled timer is started and cancelled in the next task, as the claim's SLA timer is. Where the claim
 * waited for an outside input (the Medical Board's update), a 1 ms timer ends the task instead.
 */
export async function benchNoopClaimWorkflow(_submitted: unknown, _config?: unknown): Promise<{ steps: number }> {
  const shape = await local.benchShape();
  let n = 0;
  let openTimers: CancellationScope[] = [];
  const run = async (step: ShapeStep): Promise<void> => {
    n += 1;
    switch (step) {
      case 'local-activity':
        await local.benchNoop();
        return;
      case 'activity':
        await remote.benchNoop();
        return;
      case 'timer-fired':
        await sleep(1);
        return;
      case 'timer-cancelled': {
        const scope = new CancellationScope();
        openTimers.push(scope);
        void scope.run(() => sleep('1 day')).catch(() => undefined);
        return;
      }
      case 'search-attributes':
        upsertSearchAttributes([{ key: ClaimStageKey, value: `bench-noop-${n}` }]);
        return;
      case 'memo':
        upsertMemo({ benchStep: n });
        return;
      case 'patch':
        patched(`bench-noop-${n}`);
        return;
      case 'child':
        await startChild(benchNoopChildWorkflow, {
          workflowId: `${workflowInfo().workflowId}-child-${n}`,
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        return;
    }
  };
  for (const [t, task] of shape.tasks.entries()) {
    for (const scope of openTimers) scope.cancel();
    openTimers = [];
    const steps = [...task.steps];
    // The shape's read stands for the first task's first local activity.
    if (t === 0 && steps.includes('local-activity')) steps.splice(steps.indexOf('local-activity'), 1);
    for (let i = 0; i < steps.length;) {
      const step = steps[i] as ShapeStep;
      // Awaited steps issued together (several children, several activities) ran concurrently in the claim.
      let j = i + 1;
      if (AWAITED.has(step)) while (steps[j] === step) j += 1;
      await Promise.all(steps.slice(i, j).map(run));
      i = j;
    }
    const last = task.steps.at(-1);
    if (t < shape.tasks.length - 1 && (last === undefined || !AWAITED.has(last))) await sleep(1);
  }
  return { steps: n };
}
