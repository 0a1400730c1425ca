import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/*
 * CPU time and memory of processes from /proc (Linux): what a bench reports per process. CPU is counted over a
 * process TREE: PostgreSQL does its work in one forked backend per connection, so the postmaster's own ticks are
 * almost nothing; children that exited and were reaped are in the parent's cutime/cstime.
 */

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux the project runs on). */
export const CLOCK_TICKS = 100;

interface StatLine {
  ppid: number;
  /** utime + stime of the process itself, in ticks. */
  own: number;
  /** cutime + cstime: its reaped children's ticks. */
  reaped: number;
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function readStat(pid: number): StatLine | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // f[0] is field 3 (state): ppid is field 4, utime..cstime fields 14..17.
  const n = (field: number): number => Number(f[field - 3] ?? 0);
  return { ppid: n(4), own: n(14) + n(15), reaped: n(16) + n(17) };
}

/** Every live process's parent, read once per sample. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = readStat(pid);
    if (s) out.set(pid, s.ppid);
  }
  return out;
}

/** CPU ticks used so far by `pid` and its descendants (live ones, plus the reaped ones the root waited for). */
export function treeTicks(pid: number, parentOf: Map<number, number> = parents()): number | undefined {
  const root = readStat(pid);
  if (!root) return undefined;
  let ticks = root.own + root.reaped;
  const children = new Map<number, number[]>();
  for (const [child, parent] of parentOf) children.set(parent, [...(children.get(parent) ?? []), child]);
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    const s = readStat(p);
    if (s) ticks += s.own;
    stack.push(...(children.get(p) ?? []));
  }
  return ticks;
}

/** CPU ticks of each named process tree at one instant, with the wall clock and the whole box's busy ticks. */
export interface CpuSample {
  atMs: number;
  ticks: Record<string, number | undefined>;
  /** Non-idle ticks of all CPUs (/proc/stat), whoever used them. */
  boxBusyTicks: number;
}

/** All CPUs' busy ticks from the first line of /proc/stat (user nice system irq softirq steal). */
function boxBusyTicks(): number {
  const first = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = first.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = v;
  return user + nice + system + irq + softirq + steal;
}

/**
 * Samples the CPU ticks of each process tree in `trees` (name → pid), and of each process in `own` without its
 * children (the bench itself, whose children are measured on their own).
 */
export function sampleCpu(trees: Record<string, number>, own: Record<string, number> = {}): CpuSample {
  const parentOf = parents();
  const ticks: Record<string, number | undefined> = {};
  for (const [name, pid] of Object.entries(trees)) ticks[name] = treeTicks(pid, parentOf);
  for (const [name, pid] of Object.entries(own)) ticks[name] = readStat(pid)?.own;
  return { atMs: Date.now(), ticks, boxBusyTicks: boxBusyTicks() };
}

/** One process tree's CPU between two samples. */
export interface CpuShare {
  /** CPU seconds used in the window. */
  cpuSeconds: number;
  /** Share of ONE core over the window (1 = a core fully busy). */
  ofOneCore: number;
  /** Share of the CPU the named processes used together in the window. */
  ofMeasured: number;
}

/** CPU of each process between `a` and `b`, and the whole box's use of all its cores. */
export function cpuBetween(
  a: CpuSample,
  b: CpuSample
): { perProcess: Record<string, CpuShare>; boxBusyOfAllCores: number; cores: number } {
  const wallS = Math.max(1e-3, (b.atMs - a.atMs) / 1000);
  const used: Record<string, number> = {};
  for (const name of Object.keys(b.ticks)) {
    const from = a.ticks[name];
    const to = b.ticks[name];
    if (from !== undefined && to !== undefined) used[name] = Math.max(0, to - from) / CLOCK_TICKS;
  }
  const total = Object.values(used).reduce((s, x) => s + x, 0);
  const perProcess: Record<string, CpuShare> = {};
  for (const [name, cpuSeconds] of Object.entries(used)) {
    perProcess[name] = { cpuSeconds, ofOneCore: cpuSeconds / wallS, ofMeasured: total > 0 ? cpuSeconds / total : 0 };
  }
  const cores = os.cpus().length;
  return {
    perProcess,
    boxBusyOfAllCores: (b.boxBusyTicks - a.boxBusyTicks) / CLOCK_TICKS / (wallS * cores),
    cores,
  };
}

/** Resident memory of `pid` now and at its peak (VmRSS, VmHWM of /proc/<pid>/status), in MiB. */
export function residentMiB(pid: number): { rssMiB: number; peakMiB: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0);
  return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
}
