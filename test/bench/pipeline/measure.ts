import { cpuBetween, memoryKiB, snapshotCpu, type Watched } from './procfs';
import type { PhaseResult, ProcessCpu } from './report';
import { spreadOf } from './stats';

/** What a phase body hands back for the result: per claim id, when it was produced, started and settled (ms). */
export interface PhaseTimes {
  producedMs: ReadonlyMap<string, number>;
  startedMs: ReadonlyMap<string, number>;
  settledMs: ReadonlyMap<string, number>;
  outcomes: Record<string, number>;
  officerActed: number;
}

/** The processes a phase measures and samples. */
export interface Measured {
  /** CPU: the servers and platform processes (whole trees) and the bench (itself only). */
  cpu: Watched[];
  /** Resident memory, sampled each second: the platform processes. */
  memory: { name: string; pid: number }[];
}

/**
 * Runs one phase's `body` between two CPU snapshots, sampling the platform processes' memory each second, and turns
 * what it returns into a {@link PhaseResult}.
 */
export async function measurePhase(
  phase: PhaseResult['phase'],
  offeredPerSecond: number | null,
  claims: number,
  processes: Measured,
  body: () => Promise<PhaseTimes>
): Promise<PhaseResult> {
  const peaks: Record<string, number> = {};
  const sample = (): void => {
    for (const p of processes.memory) {
      const kib = memoryKiB(p.pid, 'VmRSS');
      if (kib !== undefined) peaks[p.name] = Math.max(peaks[p.name] ?? 0, kib / 1024);
    }
  };
  sample();
  const before = snapshotCpu(processes.cpu);
  const timer = setInterval(sample, 1_000);
  let times: PhaseTimes;
  try {
    times = await body();
  } finally {
    clearInterval(timer);
  }
  const cpu = cpuBetween(before, snapshotCpu(processes.cpu));
  sample();

  const produced = [...times.producedMs.values()];
  const settled = [...times.settledMs.entries()].filter(([id]) => times.producedMs.has(id));
  const first = Math.min(...produced);
  const lastSettled = Math.max(first, ...settled.map(([, t]) => t));
  const wallSeconds = (lastSettled - first) / 1000;
  const diff = (later: ReadonlyMap<string, number>): number[] =>
    [...times.producedMs].flatMap(([id, t0]) => {
      const t = later.get(id);
      return t === undefined ? [] : [t - t0];
    });
  const ours = Object.values(cpu.byProcess).reduce((a, b) => a + b, 0);
  const box = cpu.seconds * cpu.cpus;
  const processCpu: ProcessCpu[] = Object.entries(cpu.byProcess).map(([name, cpuSeconds]) => ({
    name,
    cpuSeconds,
    percentOfBox: box > 0 ? (cpuSeconds / box) * 100 : 0,
    shareOfPipeline: ours > 0 ? cpuSeconds / ours : 0,
    msPerClaim: settled.length > 0 ? (cpuSeconds * 1000) / settled.length : 0,
  }));
  return {
    phase,
    offeredPerSecond,
    claims,
    settled: settled.length,
    outcomes: times.outcomes,
    officerActed: times.officerActed,
    produceSeconds: (Math.max(...produced) - first) / 1000,
    wallSeconds,
    claimsPerSecond: wallSeconds > 0 ? settled.length / wallSeconds : 0,
    vsBaseline: null,
    startedMs: spreadOf(diff(times.startedMs)),
    settledMs: spreadOf(diff(times.settledMs)),
    cpu: {
      windowSeconds: cpu.seconds,
      cpus: cpu.cpus,
      processes: processCpu,
      otherSeconds: cpu.other,
      machineSeconds: cpu.machine,
    },
    rssPeakMiB: peaks,
  };
}
