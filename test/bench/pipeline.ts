import { parseArgs } from 'node:util';
import { formatPipelineReport, writePipelineReport, type PhaseName } from './pipeline/report';
import { RESULTS_DIR, runPipelineBench, type PipelineBenchOptions } from './pipeline/run';

const PHASES: readonly PhaseName[] = ['baseline', 'unthrottled', 'rate'];

function positive(flag: string, text: string, whole: boolean): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n))) {
    throw new RangeError(`--${flag}: expected a positive ${whole ? 'whole ' : ''}number, got "${text}"`);
  }
  return n;
}

/**
 * The flags of `npm run bench:pipeline`: `--claims N` (per phase, default 2,000), `--rate R` (claims a second in
 * the rate phase, default 20), `--warmup W` (default 10), `--phases baseline,unthrottled,rate` (default all three),
 * `--stall-seconds S` (fail when nothing moved for S, default 60), `--name` (of the results file, default
 * `pipeline`), `--out DIR` (default bench-results/).
 */
export function parsePipelineArgs(argv: readonly string[]): PipelineBenchOptions & { out: string } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      claims: { type: 'string', default: '2000' },
      rate: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '10' },
      phases: { type: 'string', default: PHASES.join(',') },
      'stall-seconds': { type: 'string', default: '60' },
      name: { type: 'string', default: 'pipeline' },
      out: { type: 'string', default: RESULTS_DIR },
    },
    strict: true,
    allowPositionals: false,
  });
  const phases = (values.phases ?? '').split(',').map((p) => p.trim()) as PhaseName[];
  const unknown = phases.filter((p) => !PHASES.includes(p));
  if (unknown.length > 0 || phases.length === 0) {
    throw new RangeError(`--phases: expected some of ${PHASES.join(',')}, got "${values.phases}"`);
  }
  if (!/^[A-Za-z0-9._-]+$/.test(values.name ?? '')) throw new RangeError('--name: letters, digits, . _ - only');
  return {
    claims: positive('claims', values.claims ?? '', true),
    rate: positive('rate', values.rate ?? '', false),
    warmup: positive('warmup', values.warmup ?? '', true),
    phases: PHASES.filter((p) => phases.includes(p)),
    stallMs: positive('stall-seconds', values['stall-seconds'] ?? '', false) * 1000,
    name: values.name ?? 'pipeline',
    out: values.out ?? RESULTS_DIR,
  };
}

/**
 * `npm run bench:pipeline [-- --claims N --rate R …]`: claims through the real pipeline over the local servers,
 * against a no-op baseline (test/bench/pipeline/run.ts). Prints the tables, writes the JSON to
 * bench-results/<name>-<timestamp>.json and prints its path, and exits 1 when a claim did not settle or the run
 * stopped making progress.
 */
async function main(): Promise<number> {
  const options = parsePipelineArgs(process.argv.slice(2));
  const report = await runPipelineBench(options);
  process.stdout.write(`\n${formatPipelineReport(report)}`);
  process.stdout.write(`written ${writePipelineReport(report, options.out)}\n`);
  return report.ok ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench:pipeline failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    }
  );
}
