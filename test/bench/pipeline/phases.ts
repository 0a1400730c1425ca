import type { Client } from '@temporalio/client';
import type { Producer } from 'kafkajs';
import { CLAIM_WORKFLOW_TYPE, claimWorkflowId } from '../../../infra/temporal/claim-starter';
import { FINAL_STAGES, type ClaimsWatch } from './claims-watch';
import type { PhaseTimes } from './measure';
import type { OfficerCounters } from './officers';
import { produce, type ClaimMessage } from './produce';
import { waitWithProgress } from './progress';
import { countOf, workflowTimes, type WorkflowTimes } from './visibility';

/** Where a phase publishes and which task queue its workflows run on. */
export interface PhaseTarget {
  producer: Producer;
  client: Client;
  topic: string;
  taskQueue: string;
  stallMs: number;
}

/** The visibility query of the claim workflows (the real ones, or the no-op under their type name) on a queue. */
export const claimsOn = (taskQueue: string): string =>
  `TaskQueue = "${taskQueue}" AND WorkflowType = "${CLAIM_WORKFLOW_TYPE}"`;

/** Publishes while the caller waits; a failed send ends the wait at once instead of as a stall. */
function startProducing(
  target: PhaseTarget,
  messages: readonly ClaimMessage[],
  rate: number | undefined
): { sent: () => number; done: () => boolean; result: Promise<Map<string, number>> } {
  let sent = 0;
  let finished = false;
  let failure: unknown;
  const result = produce(target.producer, target.topic, messages, rate, (n) => (sent = n)).then(
    (m) => {
      finished = true;
      return m;
    },
    (err: unknown) => {
      failure = err;
      throw err;
    }
  );
  result.catch(() => undefined); // observed through done()
  return {
    sent: () => sent,
    done: () => {
      if (failure !== undefined) throw failure;
      return finished;
    },
    result,
  };
}

/** The start (and close) time of each claim's workflow, waiting for visibility to list them all. */
async function startTimes(target: PhaseTarget, ids: readonly string[]): Promise<Map<string, WorkflowTimes>> {
  let times = new Map<string, WorkflowTimes>();
  const missing = (): number => ids.filter((id) => !times.has(claimWorkflowId(id))).length;
  await waitWithProgress({
    what: 'workflow start times from visibility',
    done: async () => {
      times = await workflowTimes(target.client, claimsOn(target.taskQueue));
      return missing() === 0;
    },
    progress: () => missing(),
    describe: () => `${missing()} of ${ids.length} workflows not listed yet`,
    stallMs: target.stallMs,
    everyMs: 1_000,
  });
  return times;
}

/**
 * The real pipeline: publishes the claims (all at once, or at `rate` a second) and waits until the claims watch has
 * seen each settle. Start times come from visibility afterwards (one listing, so the wait itself costs Temporal
 * nothing); outcome times from the settling events.
 */
export async function realPhase(
  target: PhaseTarget,
  messages: readonly ClaimMessage[],
  rate: number | undefined,
  watch: ClaimsWatch,
  officers: Readonly<OfficerCounters>,
  what: string
): Promise<PhaseTimes> {
  const ids = messages.map((m) => m.key);
  const producing = startProducing(target, messages, rate);
  const settledCount = (): number => ids.filter((id) => watch.claims.get(id)?.settledMs !== undefined).length;
  await waitWithProgress({
    what,
    done: () => producing.done() && settledCount() === ids.length,
    progress: () => producing.sent() + watch.events() + officers.approved + officers.decided,
    describe: () => {
      const stages: Record<string, number> = {};
      for (const id of ids) {
        const t = watch.claims.get(id);
        if (t?.settledMs !== undefined) continue;
        const stage = t?.stage ?? 'not started';
        stages[stage] = (stages[stage] ?? 0) + 1;
      }
      const retrying = officers.lastError === undefined ? '' : `; officers' last error ${officers.lastError}`;
      return (
        `${producing.sent()} sent, ${settledCount()} of ${ids.length} settled; ` +
        `unsettled by stage ${JSON.stringify(stages)}${retrying}`
      );
    },
    stallMs: target.stallMs,
    everyMs: 500,
  });
  const producedMs = await producing.result;
  const started = await startTimes(target, ids);
  const startedMs = new Map<string, number>();
  const settledMs = new Map<string, number>();
  const outcomes: Record<string, number> = {};
  let officerActed = 0;
  for (const id of ids) {
    const s = started.get(claimWorkflowId(id));
    if (s) startedMs.set(id, s.startMs);
    const t = watch.claims.get(id);
    if (t?.settledMs !== undefined) settledMs.set(id, t.settledMs);
    if (t && FINAL_STAGES.has(t.stage)) outcomes[t.stage] = (outcomes[t.stage] ?? 0) + 1;
    if (t?.officer) officerActed += 1;
  }
  return { producedMs, startedMs, settledMs, outcomes, officerActed };
}

/**
 * The no-op baseline: publishes the claims all at once to the baseline's topic, where the production consumers
 * process starts each as the no-op workflow, and waits until visibility counts them all closed (one count every
 * 2 s: the baseline publishes no events to watch). `before` is how many had closed on the task queue already.
 */
export async function baselinePhase(
  target: PhaseTarget,
  messages: readonly ClaimMessage[],
  before: number
): Promise<PhaseTimes> {
  const ids = messages.map((m) => m.key);
  const producing = startProducing(target, messages, undefined);
  const all = claimsOn(target.taskQueue);
  let started = 0;
  let closed = 0;
  await waitWithProgress({
    what: 'baseline',
    done: async () => {
      [started, closed] = await Promise.all([
        countOf(target.client, all),
        countOf(target.client, `${all} AND ExecutionStatus != "Running"`),
      ]);
      return producing.done() && closed - before >= ids.length;
    },
    progress: () => producing.sent() + started + closed,
    describe: () => `${producing.sent()} sent, ${started - before} started, ${closed - before} closed of ${ids.length}`,
    stallMs: target.stallMs,
    everyMs: 2_000,
  });
  const producedMs = await producing.result;
  const times = await startTimes(target, ids);
  const startedMs = new Map<string, number>();
  const settledMs = new Map<string, number>();
  const outcomes: Record<string, number> = {};
  for (const id of ids) {
    const t = times.get(claimWorkflowId(id));
    if (!t) continue;
    startedMs.set(id, t.startMs);
    if (t.closeMs !== undefined) settledMs.set(id, t.closeMs);
    const outcome = t.status.toLowerCase();
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return { producedMs, startedMs, settledMs, outcomes, officerActed: 0 };
}
