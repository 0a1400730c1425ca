import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../../infra/servers/paths';
import type { HistoryShape } from './shape';
import type { Spread } from './stats';

/** The phases of a run: the no-op baseline, then the real pipeline unthrottled and at a fixed offered rate. */
export type PhaseName = 'baseline' | 'unthrottled' | 'rate';

/** One process's CPU over a phase. */
export interface ProcessCpu {
  name: string;
  cpuSeconds: number;
  /** Of all the machine's CPUs over the phase (100 % = every core busy the whole time). */
  percentOfBox: number;
  /** Of the CPU the pipeline's processes used together (the servers, platform processes and the bench). */
  shareOfPipeline: number;
  /** CPU-milliseconds per settled claim: steadier than shares on a busy machine. */
  msPerClaim: number;
}

/** What one phase measured. */
export interface PhaseResult {
  phase: PhaseName;
  /** Claims a second the bench offered; null: all at once. */
  offeredPerSecond: number | null;
  claims: number;
  settled: number;
  /** Final stages (the no-op baseline: `completed`). */
  outcomes: Record<string, number>;
  /** Claims a simulated officer acted on (referred lines decided, awards approved). */
  officerActed: number;
  /** First message handed to Kafka → last one handed over. */
  produceSeconds: number;
  /** First message handed to Kafka → last outcome reached. */
  wallSeconds: number;
  /** settled / wallSeconds. */
  claimsPerSecond: number;
  /** claimsPerSecond / the baseline's (null without a baseline, or for the baseline itself). */
  vsBaseline: number | null;
  /** Produce → workflow started (Temporal's start time). */
  startedMs: Spread;
  /** Produce → outcome (the settling `claims.events` event's timestamp; the baseline: the workflow's close time). */
  settledMs: Spread;
  cpu: {
    windowSeconds: number;
    cpus: number;
    processes: ProcessCpu[];
    /** CPU-seconds of everything else on the machine (other engineers' tests and tools). */
    otherSeconds: number;
    machineSeconds: number;
  };
  /** Peak resident memory per platform process over the phase, sampled each second. */
  rssPeakMiB: Record<string, number>;
}

/** Everything a run found; written as JSON to bench-results/. */
export interface PipelineBenchReport {
  name: string;
  runId: string;
  startedAt: string;
  finishedAt: string;
  options: { claims: number; rate: number; warmup: number; phases: PhaseName[]; stallSeconds: number };
  machine: { cpus: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  git: { commit: string; changedFiles: number };
  /**
   * The real claim whose history the baseline repeats, and what a no-op claim's own history came to (the check that
   * the baseline did repeat it).
   */
  shape: {
    claimId: string;
    kind: string;
    description: string;
    shape: HistoryShape;
    baselineDescription?: string;
  } | null;
  phases: PhaseResult[];
  /** The worker's peak resident memory since it started (VmHWM), MiB. */
  workerPeakRssMiB: number | null;
  /**
   * Workflows still open on the real task queue after the last phase: the payment and periodic-award children of
   * awarded claims, waiting for a bank the bench does not run. The worker keeps them in its workflow cache.
   */
  openWorkflowsAtEnd: number | null;
  warnings: string[];
  /** Every claim of every phase settled. */
  ok: boolean;
}

const fixed = (n: number, digits = 0): string => n.toFixed(digits);

function label(p: PhaseResult): string {
  return p.phase === 'rate' ? `rate ${p.offeredPerSecond}/s` : p.phase;
}

/** The report as Markdown tables (the style of `npm run bench`). */
export function formatPipelineReport(r: PipelineBenchReport): string {
  const out: string[] = [];
  out.push(
    `## Pipeline bench ${r.runId}: ${r.options.claims} claims a phase, ${r.machine.cpus} CPUs, ` +
      `load ${r.machine.loadAverageAtStart.map((l) => l.toFixed(1)).join('/')} at start`
  );
  out.push(
    '| phase | claims | settled | claims/s | × baseline | started p50 ms | started p99 ms | outcome p50 ms | ' +
      'outcome p99 ms | worker RSS peak MiB (baseline: no-op worker) |'
  );
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const p of r.phases) {
    const rss = p.phase === 'baseline' ? p.rssPeakMiB['noop worker'] : p.rssPeakMiB.worker;
    out.push(
      `| ${label(p)} | ${p.claims} | ${p.settled} | ${fixed(p.claimsPerSecond, 2)} | ` +
        `${p.vsBaseline === null ? '' : fixed(p.vsBaseline, 3)} | ${fixed(p.startedMs.p50)} | ${fixed(p.startedMs.p99)} | ` +
        `${fixed(p.settledMs.p50)} | ${fixed(p.settledMs.p99)} | ${rss === undefined ? '' : fixed(rss)} |`
    );
  }
  out.push('');
  out.push("CPU per process: % of the whole box over the phase (share of the pipeline's CPU), CPU-ms per claim");
  out.push(`| process | ${r.phases.map(label).join(' | ')} |`);
  out.push(`| --- | ${r.phases.map(() => '---:').join(' | ')} |`);
  const names = [...new Set(r.phases.flatMap((p) => p.cpu.processes.map((c) => c.name)))];
  for (const name of names) {
    const cells = r.phases.map((p) => {
      const c = p.cpu.processes.find((x) => x.name === name);
      return c === undefined
        ? ''
        : `${fixed(c.percentOfBox, 1)} % (${fixed(c.shareOfPipeline * 100)} %), ${fixed(c.msPerClaim)} ms`;
    });
    out.push(`| ${name} | ${cells.join(' | ')} |`);
  }
  const other = r.phases.map((p) => `${fixed((p.cpu.otherSeconds / (p.cpu.windowSeconds * p.cpu.cpus)) * 100, 1)} %`);
  out.push(`| other (not the pipeline) | ${other.join(' | ')} |`);
  out.push('');
  out.push('| phase | outcomes | officer acted | produce s | wall s |');
  out.push('| --- | --- | ---: | ---: | ---: |');
  for (const p of r.phases) {
    const outcomes = Object.entries(p.outcomes)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    out.push(
      `| ${label(p)} | ${outcomes} | ${p.officerActed} | ${fixed(p.produceSeconds, 1)} | ${fixed(p.wallSeconds, 1)} |`
    );
  }
  if (r.shape) {
    out.push('', `Baseline shape, from claim ${r.shape.claimId} (${r.shape.kind}): ${r.shape.description}`);
    if (r.shape.baselineDescription) out.push(`A no-op claim's own history: ${r.shape.baselineDescription}`);
  }
  if (r.workerPeakRssMiB !== null) {
    out.push(
      `Worker peak RSS since start (VmHWM): ${fixed(r.workerPeakRssMiB)} MiB` +
        (r.openWorkflowsAtEnd === null ? '' : `, with ${r.openWorkflowsAtEnd} workflows still open on its task queue`)
    );
  }
  for (const w of r.warnings) out.push(`WARNING: ${w}`);
  out.push(r.ok ? 'every claim settled' : 'NOT every claim settled');
  return `${out.join('\n')}\n`;
}

/** Writes the report to `<dir>/<name>-<timestamp>.json` and returns the path. */
export function writePipelineReport(r: PipelineBenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${r.name}-${r.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}

/** The commit the run measured, and how many files the working tree had changed (the tree is shared). */
export function gitState(): PipelineBenchReport['git'] {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' });
    return { commit, changedFiles: status.split('\n').filter((l) => l.trim() !== '').length };
  } catch {
    return { commit: 'unknown', changedFiles: 0 };
  }
}
