import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../infra/servers/paths';
import type { PhaseResult, PipelineBenchReport } from '../bench/pipeline/report';

/**
 * `npm run bench:pipeline` in its small variant (30 claims a phase) over the real servers: the command runs to the
 * end, prints its table, and writes a report of the documented shape in which every claim of every phase settled.
 * Benches never assert on time: nothing here checks a rate, a latency or a CPU figure, only that each was measured.
 */
jest.setTimeout(900_000);

const CLAIMS = 30;

function runBench(outDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'test/bench/pipeline.ts',
        '--claims',
        String(CLAIMS),
        '--rate',
        '10',
        '--name',
        'bench-pipeline-test',
        '--out',
        outDir,
      ],
      { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] }
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;
const isMeasure = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n >= 0;

describe('npm run bench:pipeline (small variant, real servers)', () => {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'bench-pipeline-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('when it runs 30 claims a phase, then it prints the table and writes a report in which every claim settled', async () => {
    const { code, stdout, stderr } = await runBench(outDir);
    expect({ code, stderr: code === 0 ? '' : stderr.slice(-4000) }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('| phase | claims | settled | claims/s |');
    expect(stdout).toContain('every claim settled');
    const written = /written (.+\.json)/.exec(stdout)?.[1];
    expect(written).toBeDefined();
    const report = JSON.parse(readFileSync(written as string, 'utf8')) as PipelineBenchReport;

    expect(report.ok).toBe(true);
    expect(report.options).toMatchObject({ claims: CLAIMS, rate: 10, phases: ['baseline', 'unthrottled', 'rate'] });
    expect(report.phases.map((p) => p.phase)).toEqual(['baseline', 'unthrottled', 'rate']);
    expect(report.shape?.shape.totals.workflowTasks).toBeGreaterThan(0);
    expect(report.shape?.baselineDescription).toEqual(expect.any(String));
    expect(isMeasure(report.workerPeakRssMiB)).toBe(true);

    const byName = (p: PhaseResult): Record<string, number> =>
      Object.fromEntries(p.cpu.processes.map((c) => [c.name, c.cpuSeconds]));
    for (const p of report.phases) {
      // Every claim settled, each once, with both of its times measured.
      expect({ phase: p.phase, claims: p.claims, settled: p.settled }).toEqual({
        phase: p.phase,
        claims: CLAIMS,
        settled: CLAIMS,
      });
      expect(Object.values(p.outcomes).reduce((a, b) => a + b, 0)).toBe(CLAIMS);
      expect([p.startedMs.n, p.settledMs.n]).toEqual([CLAIMS, CLAIMS]);
      for (const s of [p.startedMs, p.settledMs]) expect([s.p50, s.p99, s.max].every(isMeasure)).toBe(true);
      expect([p.claimsPerSecond, p.wallSeconds, p.produceSeconds].every(isMeasure)).toBe(true);
      expect(isCount(p.officerActed)).toBe(true);
      // CPU of each process of the pipeline, and of the rest of the machine.
      const cpu = byName(p);
      for (const name of ['Temporal', 'Kafka', 'FerretDB', 'worker', 'consumers', 'bench']) {
        expect({ phase: p.phase, name, measured: isMeasure(cpu[name]) }).toEqual({
          phase: p.phase,
          name,
          measured: true,
        });
      }
      expect([p.cpu.otherSeconds, p.cpu.machineSeconds, p.cpu.windowSeconds].every(isMeasure)).toBe(true);
    }
    const [baseline, unthrottled, rate] = report.phases as [PhaseResult, PhaseResult, PhaseResult];
    expect(baseline.outcomes).toEqual({ completed: CLAIMS });
    expect(isMeasure(byName(baseline)['noop worker'])).toBe(true);
    expect(isMeasure(byName(baseline)['noop consumers'])).toBe(true);
    expect(isMeasure(baseline.rssPeakMiB['noop worker'])).toBe(true);
    for (const p of [unthrottled, rate]) {
      expect(Object.keys(p.outcomes).every((o) => ['awarded', 'rejected', 'withdrawn'].includes(o))).toBe(true);
      expect(isMeasure(p.vsBaseline)).toBe(true);
      expect(isMeasure(p.rssPeakMiB.worker)).toBe(true);
    }
    expect(rate.offeredPerSecond).toBe(10);
    expect(unthrottled.offeredPerSecond).toBeNull();
  });
});
