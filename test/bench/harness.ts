import { performance } from 'node:perf_hooks';

/** One measured case: throughput, latency percentiles and heap growth. */
export interface BenchResult {
  name: string;
  ops: number;
  opsPerSec: number;
  p50us: number;
  p99us: number;
  heapDeltaMiB: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Runs `fn` for a warm-up and then for at least `durationMs`, timing each call. Benchmarks never assert on time:
 * results are reported as ratios against a baseline measured in the same process (machine noise cancels out).
 */
export async function bench(
  name: string,
  fn: () => unknown | Promise<unknown>,
  durationMs = 2_000
): Promise<BenchResult> {
  for (let i = 0; i < 200; i++) await fn();
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const samples: number[] = [];
  const start = performance.now();
  while (performance.now() - start < durationMs) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) * 1000);
  }
  const elapsed = performance.now() - start;
  const heapDeltaMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  samples.sort((a, b) => a - b);
  return {
    name,
    ops: samples.length,
    opsPerSec: (samples.length / elapsed) * 1000,
    p50us: percentile(samples, 50),
    p99us: percentile(samples, 99),
    heapDeltaMiB,
  };
}

/** Prints results as a table with each case's throughput and p50 latency as a ratio to the baseline. */
export function report(title: string, baseline: BenchResult, results: BenchResult[]): void {
  process.stdout.write(`\n## ${title}\n`);
  process.stdout.write('| case | ops/s | × baseline ops/s | p50 µs | p99 µs | p50 × baseline | heap Δ MiB |\n');
  process.stdout.write('| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n');
  for (const r of [baseline, ...results]) {
    process.stdout.write(
      `| ${r.name} | ${r.opsPerSec.toFixed(0)} | ${(r.opsPerSec / baseline.opsPerSec).toFixed(4)} | ${r.p50us.toFixed(1)} | ` +
        `${r.p99us.toFixed(1)} | ${(r.p50us / baseline.p50us).toFixed(1)} | ${r.heapDeltaMiB.toFixed(1)} |\n`
    );
  }
}
