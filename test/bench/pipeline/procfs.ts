import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/*
 * CPU time and memory of processes from /proc (Linux), cheap enough to read while the pipeline runs: one pass over
 * /proc/<pid>/stat per snapshot. A process's CPU is its user + system time plus that of the children it has reaped
 * (a PostgreSQL backend that exits moves into its postmaster's count), summed over its live descendants.
 */

/** Clock ticks per second of the times in /proc (`getconf CLK_TCK`, 100 on Linux as a rule). */
export const CLOCK_TICKS: number = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(out.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

interface StatLine {
  ppid: number;
  /** utime + stime */
  own: number;
  /** cutime + cstime: reaped children */
  reaped: number;
}

function readStat(pid: number | string): StatLine | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone
  }
  // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (i: number): number => Number(f[i] ?? 0);
  return { ppid: n(1), own: n(11) + n(12), reaped: n(13) + n(14) };
}

/** Every live process: pid → its stat line. */
function processTable(): Map<number, StatLine> {
  const table = new Map<number, StatLine>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(name);
    if (stat) table.set(Number(name), stat);
  }
  return table;
}

/** What to measure: a process and all its descendants, or the process alone (the bench, whose children are listed). */
export interface Watched {
  name: string;
  pid: number;
  tree: boolean;
}

/** CPU ticks of each watched process and of the whole machine at one instant. */
export interface CpuSnapshot {
  atMs: number;
  ticks: Record<string, number>;
  /** Busy ticks of all CPUs (/proc/stat: everything but idle and iowait). */
  machine: number;
}

function machineBusyTicks(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return [user, nice, system, irq, softirq, steal].reduce<number>((a, b) => a + (b ?? 0), 0);
}

/** One snapshot of the watched processes' CPU ticks. */
export function snapshotCpu(watched: readonly Watched[]): CpuSnapshot {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, s] of table) {
    const siblings = children.get(s.ppid);
    if (siblings) siblings.push(pid);
    else children.set(s.ppid, [pid]);
  }
  const ticks: Record<string, number> = {};
  for (const w of watched) {
    const root = table.get(w.pid);
    if (!root) continue;
    if (!w.tree) {
      ticks[w.name] = root.own;
      continue;
    }
    let sum = 0;
    const stack = [w.pid];
    while (stack.length > 0) {
      const pid = stack.pop() as number;
      const s = table.get(pid);
      if (!s) continue;
      sum += s.own + s.reaped;
      stack.push(...(children.get(pid) ?? []));
    }
    ticks[w.name] = sum;
  }
  return { atMs: Date.now(), ticks, machine: machineBusyTicks() };
}

/** CPU used between two snapshots, per watched process, in CPU-seconds. */
export interface CpuUse {
  seconds: number;
  /** CPU-seconds per process (absent: the process was not there at both snapshots). */
  byProcess: Record<string, number>;
  /** Everything else the machine ran meanwhile (other engineers' tests, the servers' other clients …). */
  other: number;
  /** All CPU-seconds used on the machine. */
  machine: number;
  cpus: number;
}

export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): CpuUse {
  const byProcess: Record<string, number> = {};
  for (const [name, t] of Object.entries(b.ticks)) {
    const before = a.ticks[name];
    if (before !== undefined) byProcess[name] = Math.max(0, t - before) / CLOCK_TICKS;
  }
  const machine = Math.max(0, b.machine - a.machine) / CLOCK_TICKS;
  const ours = Object.values(byProcess).reduce((x, y) => x + y, 0);
  return {
    seconds: (b.atMs - a.atMs) / 1000,
    byProcess,
    other: Math.max(0, machine - ours),
    machine,
    cpus: os.cpus().length,
  };
}

/** A field of /proc/<pid>/status in KiB (`VmRSS`: now, `VmHWM`: peak since start), or undefined when gone. */
export function memoryKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}
