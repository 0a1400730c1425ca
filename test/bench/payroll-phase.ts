import type { Client } from '@temporalio/client';
import { liveRecord } from '../../infra/servers/processes';
import { inChunks } from '../support/temporal-cleanup';
import type { BenchChild } from './payroll-processes';
import { cpuBetween, residentMiB, sampleCpu, type CpuSample } from './payroll-procfs';
import { waitOnProgress } from '../support/progress';
import type { PhaseReport } from './payroll-report';

/** The local servers whose CPU a phase reports (their pids from .tools/run/<name>.pid, infra/servers/paths.ts). */
const SERVERS = ['temporal', 'kafka', 'postgres', 'mongodb'] as const;

/** One phase: M workflows of one type on one task queue, all woken at one instant, run to completion. */
export interface PhaseSpec {
  label: string;
  client: Client;
  taskQueue: string;
  workflowType: string;
  workflows: { workflowId: string; args: unknown[] }[];
  /** The phase's worker (RSS and CPU) and the other platform processes it runs (CPU). */
  worker: BenchChild;
  others: BenchChild[];
  /** Counts of the phase's own progress besides closed workflows (ledger entries, results stored). */
  progress?: () => Promise<Record<string, number>>;
  log: (line: string) => void;
  stallMs?: number;
}

/** What a phase measured; the report adds the cycle starts and the shape. */
export interface PhaseRun {
  wakeAtMs: number;
  startedBeforeWake: number;
  /** Close time of each workflow (visibility). */
  closedAtMs: Map<string, number>;
  seconds: number;
  cyclesPerSec: number;
  workerRss: PhaseReport['workerRss'];
  cpu: PhaseReport['cpu'];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** How far ahead the common wake-up instant is set: time to start every workflow first (about 15 ms each). */
export const wakeLeadMs = (workflows: number): number => 5_000 + 15 * workflows;

/**
 * Runs one phase: starts every workflow with a start delay ending at one common wake-up instant (a payroll's due
 * time: every award becomes runnable at once, the thundering herd of the payroll), samples CPU at the wake-up and
 * when the last workflow closed, and the worker's RSS every second in between. Waits on progress (closed workflows
 * and `progress` counts), failing when nothing moves for `stallMs` or a workflow closes other than completed.
 */
export async function runPhase(spec: PhaseSpec): Promise<PhaseRun> {
  const { client, taskQueue } = spec;
  const m = spec.workflows.length;
  const wakeAtMs = Date.now() + wakeLeadMs(m);
  let startedBeforeWake = 0;
  await inChunks(spec.workflows, 20, async (w) => {
    const delayMs = wakeAtMs - Date.now();
    await client.workflow.start(spec.workflowType, {
      taskQueue,
      workflowId: w.workflowId,
      args: w.args,
      ...(delayMs > 0 ? { startDelay: delayMs } : {}),
    });
    if (Date.now() < wakeAtMs) startedBeforeWake += 1;
  });
  spec.log(`${spec.label}: ${m} workflows started (${startedBeforeWake} before the wake-up)`);
  await sleep(Math.max(0, wakeAtMs - Date.now()));

  const trees: Record<string, number> = { [`${spec.worker.name}`]: spec.worker.pid };
  for (const c of spec.others) trees[c.name] = c.pid;
  for (const s of SERVERS) {
    const pid = liveRecord(s)?.pid;
    if (pid !== undefined) trees[s === 'mongodb' ? 'ferretdb' : s] = pid;
  }
  const own = { bench: process.pid };
  const cpu0: CpuSample = sampleCpu(trees, own);
  let peakSampledMiB = 0;
  const q = (status: string): string => `TaskQueue = "${taskQueue}" AND ${status}`;
  let lastLog = 0;
  await waitOnProgress(
    {
      read: async () => {
        const [completed, other, extra] = await Promise.all([
          client.workflow.count(q('ExecutionStatus = "Completed"')),
          client.workflow.count(q('ExecutionStatus != "Running" AND ExecutionStatus != "Completed"')),
          spec.progress?.() ?? Promise.resolve({}),
        ]);
        return { completed: completed.count, other: other.count, ...extra };
      },
      key: (s) => JSON.stringify(s),
      done: (s) => s.completed >= m,
      broken: (s) =>
        s.other > 0
          ? `${s.other} workflows failed, timed out or were terminated`
          : [spec.worker, ...spec.others].filter((c) => c.exited()).map((c) => `${c.name} exited`)[0],
      describe: (s) =>
        `${spec.label}: ${Object.entries(s)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')} of ${m}`,
    },
    {
      ...(spec.stallMs !== undefined ? { stallMs: spec.stallMs } : {}),
      onTick: (s) => {
        peakSampledMiB = Math.max(peakSampledMiB, residentMiB(spec.worker.pid)?.rssMiB ?? 0);
        if (Date.now() - lastLog >= 10_000) {
          lastLog = Date.now();
          spec.log(`${spec.label}: ${JSON.stringify(s)} of ${m}`);
        }
      },
    }
  );
  const cpu1 = sampleCpu(trees, own);
  const highWaterMiB = residentMiB(spec.worker.pid)?.peakMiB ?? 0;

  const closedAtMs = new Map<string, number>();
  for await (const wf of client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) {
    if (wf.closeTime) closedAtMs.set(wf.workflowId, wf.closeTime.getTime());
  }
  const lastClose = Math.max(wakeAtMs, ...closedAtMs.values());
  const seconds = (lastClose - wakeAtMs) / 1000;
  const c = cpuBetween(cpu0, cpu1);
  return {
    wakeAtMs,
    startedBeforeWake,
    closedAtMs,
    seconds,
    cyclesPerSec: seconds > 0 ? m / seconds : 0,
    workerRss: { peakSampledMiB, highWaterMiB },
    cpu: {
      windowSeconds: (cpu1.atMs - cpu0.atMs) / 1000,
      cores: c.cores,
      boxBusyOfAllCores: c.boxBusyOfAllCores,
      perProcess: c.perProcess,
    },
  };
}
