import { formatPayrollReport, writePayrollReport } from './payroll-report';
import { RESULTS_DIR, runPayrollBench } from './payroll-run';

/** `--awards M` (default 5,000): a positive whole number. */
export function parseAwards(argv: readonly string[]): number {
  const i = argv.indexOf('--awards');
  if (i === -1) return 5_000;
  const text = argv[i + 1] ?? '';
  const m = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(m) || m < 1) {
    throw new RangeError(`--awards: expected a positive whole number, got "${text}"`);
  }
  return m;
}

/**
 * `npm run bench:payroll [-- --awards M]`: the payroll over the real local servers (test/bench/payroll-run.ts).
 * Prints the table, writes the JSON to bench-results/payroll-<timestamp>.json, and exits 1 when a check fails or
 * the run stopped making progress.
 */
async function main(): Promise<number> {
  const report = await runPayrollBench({ awards: parseAwards(process.argv.slice(2)) });
  process.stdout.write(`\n${formatPayrollReport(report)}`);
  process.stdout.write(`written ${writePayrollReport(report, RESULTS_DIR)}\n`);
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench:payroll failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    }
  );
}
