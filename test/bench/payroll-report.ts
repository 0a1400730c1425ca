import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BenchCheck } from './payroll-checks';
import type { CpuShare } from './payroll-procfs';
import type { CycleShape } from './payroll-shape';

/** The figures of one phase (the real payroll, or the no-op baseline of the same shape). */
export interface PhaseReport {
  workflows: number;
  /** Workflows whose start RPC returned before the common wake-up instant (the rest ran as soon as started). */
  startedBeforeWake: number;
  wakeAt: string;
  /** From the wake-up instant to the last workflow closed. */
  seconds: number;
  /** Workflows completed per second over `seconds`. */
  cyclesPerSec: number;
  /** Real payroll: paid results stored per second, from the wake-up to the last one. */
  paymentsPerSec?: number;
  /** Cycles started per second: when each workflow issued its instruction (workflow time), in 1-s buckets. */
  wakeUps: { peakPerSec: number; meanPerSec: number; secondsToWakeAll: number };
  /** Real payroll: from the instruction's issue to its paid result stored. */
  issueToPaidMs?: { p50: number; p95: number; max: number };
  /** The phase's worker process: the highest RSS sampled during the window, and its high-water mark (VmHWM). */
  workerRss: { peakSampledMiB: number; highWaterMiB: number };
  cpu: { windowSeconds: number; cores: number; boxBusyOfAllCores: number; perProcess: Record<string, CpuShare> };
  shape: CycleShape;
}

/** Everything `npm run bench:payroll` reports; written as JSON to bench-results/payroll-<timestamp>.json. */
export interface PayrollBenchReport {
  schemaVersion: 1;
  bench: 'payroll';
  at: string;
  runId: string;
  awards: number;
  month: string;
  box: { cores: number; node: string; loadAverage: number[] };
  /** The commit measured and the platform files that were not committed (`git status --porcelain` lines). */
  code: { commit: string; uncommitted: string[] };
  real?: PhaseReport;
  baseline?: PhaseReport;
  /** Real cycles completed per second ÷ no-op cycles completed per second (same start, wake-up and shape). */
  ratioToBaseline?: number;
  checks: BenchCheck[];
  ok: boolean;
  /** Why the run stopped early (no progress, a process that died), when it did. */
  error?: string;
}

/** The `p`-th percentile (nearest rank) of `xs`, 0 for none. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

/** The most events in any one wall-clock second. */
export function peakPerSecond(timesMs: readonly number[]): number {
  const buckets = new Map<number, number>();
  for (const t of timesMs) buckets.set(Math.floor(t / 1000), (buckets.get(Math.floor(t / 1000)) ?? 0) + 1);
  return Math.max(0, ...buckets.values());
}

/** Wake-up figures from each workflow's cycle start (ms), counted from the common wake-up instant. */
export function wakeUpsOf(startsMs: readonly number[], wakeAtMs: number): PhaseReport['wakeUps'] {
  const last = Math.max(wakeAtMs, ...startsMs);
  const seconds = (last - wakeAtMs) / 1000;
  return {
    peakPerSec: peakPerSecond(startsMs),
    meanPerSec: seconds > 0 ? startsMs.length / seconds : startsMs.length,
    secondsToWakeAll: seconds,
  };
}

const n0 = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
const n1 = (x: number): string => x.toFixed(1);
const n2 = (x: number): string => x.toFixed(2);
const pct = (x: number): string => `${(x * 100).toFixed(0)} %`;

/** The report as Markdown tables: the two phases side by side, CPU per process, then the checks. */
export function formatPayrollReport(r: PayrollBenchReport): string {
  const a = r.real;
  const b = r.baseline;
  const cell = (p: PhaseReport | undefined, f: (p: PhaseReport) => string): string => (p ? f(p) : '–');
  const both = (label: string, f: (p: PhaseReport) => string): [string, string, string] => [
    label,
    cell(a, f),
    cell(b, f),
  ];
  const real = (label: string, f: (p: PhaseReport) => string): [string, string, string] => [label, cell(a, f), '–'];
  const s1 = (ms: number): string => n1(ms / 1000);
  const rows: [string, string, string][] = [
    both('workflows started before the wake-up', (p) => `${p.startedBeforeWake}/${p.workflows}`),
    both('wake-up → last workflow closed (s)', (p) => n1(p.seconds)),
    real('payments settled paid / s', (p) => n2(p.paymentsPerSec ?? 0)),
    both('cycles completed / s', (p) => n2(p.cyclesPerSec)),
    both('wake-ups / s: peak (1-s buckets)', (p) => n0(p.wakeUps.peakPerSec)),
    both('wake-ups / s: mean until all woke', (p) => n2(p.wakeUps.meanPerSec)),
    real('issue → paid p50 / p95 / max (s)', ({ issueToPaidMs: t }) =>
      t ? `${s1(t.p50)} / ${s1(t.p95)} / ${s1(t.max)}` : '–'
    ),
    both(
      'worker RSS: peak sampled / high-water (MiB)',
      ({ workerRss: w }) => `${n0(w.peakSampledMiB)} / ${n0(w.highWaterMiB)}`
    ),
    both(
      'per cycle: activities (local) / signals / timers',
      ({ shape: x }) => `${x.activities} (${x.localActivities}) / ${x.signals} / ${x.timers}`
    ),
    both('per cycle: history events / workflow tasks', ({ shape: x }) => `${x.historyEvents} / ${x.workflowTasks}`),
    both("box CPU busy, all cores (anyone's)", (p) => pct(p.cpu.boxBusyOfAllCores)),
  ];
  const names = [...new Set([...Object.keys(a?.cpu.perProcess ?? {}), ...Object.keys(b?.cpu.perProcess ?? {})])];
  const cpu = (p: PhaseReport | undefined, name: string): string => {
    const c = p?.cpu.perProcess[name];
    return c ? `${n1(c.cpuSeconds)} | ${pct(c.ofOneCore)} | ${pct(c.ofMeasured)}` : '– | – | –';
  };
  const lines = [
    `## Payroll bench: ${r.awards.toLocaleString('en-US')} awards, one instalment each (${r.month}), ${r.box.cores} cores, load ${r.box.loadAverage.map(n1).join(' ')}`,
    '',
    '| | real payroll | no-op baseline |',
    '| --- | ---: | ---: |',
    ...rows.map(([k, x, y]) => `| ${k} | ${x} | ${y} |`),
    `| **ratio to the no-op baseline** (cycles/s) | **${r.ratioToBaseline === undefined ? '–' : r.ratioToBaseline.toFixed(3)}** | 1 |`,
    '',
    '| process (CPU in the window) | real: CPU s | of one core | of measured | no-op: CPU s | of one core | of measured |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...names.map((name) => `| ${name} | ${cpu(a, name)} | ${cpu(b, name)} |`),
    '',
    ...r.checks.map((c) => `- ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
    ...(r.error ? [`- FAIL ${r.error}`] : []),
    `code: ${r.code.commit}${r.code.uncommitted.length ? ` with ${r.code.uncommitted.length} uncommitted platform files` : ''}`,
    r.ok ? 'payroll bench: all checks hold' : 'payroll bench: FAILED',
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes the report as JSON to `<dir>/payroll-<timestamp>.json`; returns the path. */
export function writePayrollReport(r: PayrollBenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `payroll-${r.at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}
