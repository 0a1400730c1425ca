import {
  ApplicationFailure,
  condition,
  defineSignal,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { CycleStep } from './payroll-shape';
import type { NoopActivities } from './payroll-noop-activities';

/** The no-op baseline's stand-in for the bank's answer (any payload: the workflow only notes that it came). */
export const noopAnswerSignal = defineSignal<[{ step: number }]>('paymentResult');

/** What a no-op cycle reports: the workflow time it reached the activity that brings the signal (its "issue"). */
export interface NoopCycleResult {
  issuedAt: string;
}

/** The periodic award's step timeout (workflows/activity-options.ts PERIODIC_IO). */
const acts = proxyActivities<NoopActivities>({ startToCloseTimeout: '15 seconds' });
const localActs = proxyLocalActivities<NoopActivities>({ startToCloseTimeout: '15 seconds' });

/**
 * Bench only (npm run bench:payroll): one periodic cycle's shape without its work. Runs `steps` in order: each
 * activity (scheduled or local, as the real award ran it) does nothing (the one marked `signals` has its workflow signalled once it returns, as the bank's answer
 * is), each timer sleeps, each signal wait waits for that signal with the same timeout as the real award.
 */
export async function payrollNoopCycleWorkflow(steps: CycleStep[]): Promise<NoopCycleResult> {
  let answers = 0;
  let waited = 0;
  let issuedAt = '';
  setHandler(noopAnswerSignal, () => {
    answers += 1;
  });
  for (const [i, step] of steps.entries()) {
    if (step.kind === 'activity') {
      if (step.signals) issuedAt = new Date().toISOString();
      await (step.local ? localActs : acts).noop({ step: i, signal: step.signals === true });
    } else if (step.kind === 'timer') {
      await sleep(step.ms);
    } else {
      waited += 1;
      const answered = () => answers >= waited;
      if (step.timeoutMs === undefined) await condition(answered);
      else if (!(await condition(answered, step.timeoutMs))) {
        throw ApplicationFailure.nonRetryable(`no signal within ${step.timeoutMs} ms`, 'NoSignal');
      }
    }
  }
  return { issuedAt };
}
