/** Percentiles of a sample (nearest rank, as test/bench/harness.ts), in the sample's unit. */
export interface Spread {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** The p50, p99 and max of `values` (all 0 when empty). */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { n: sorted.length, p50: at(50), p99: at(99), max: sorted.at(-1) ?? 0 };
}
