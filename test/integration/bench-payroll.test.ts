import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatPayrollReport, writePayrollReport, type PhaseReport } from '../bench/payroll-report';
import { runPayrollBench } from '../bench/payroll-run';

// No deadline of its own: the bench fails when nothing moves for 60 s; this only bounds a hung run.
jest.setTimeout(30 * 60_000);

const number = expect.any(Number);

/** A phase's figures: present and numeric. Never compared with a time or a rate (a shared box decides those). */
const phaseShape = (workflows: number): Partial<Record<keyof PhaseReport, unknown>> => ({
  workflows,
  startedBeforeWake: number,
  wakeAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
  seconds: number,
  cyclesPerSec: number,
  wakeUps: { peakPerSec: number, meanPerSec: number, secondsToWakeAll: number },
  workerRss: { peakSampledMiB: number, highWaterMiB: number },
  cpu: expect.objectContaining({
    windowSeconds: number,
    cores: number,
    boxBusyOfAllCores: number,
    perProcess: expect.objectContaining({
      worker: { cpuSeconds: number, ofOneCore: number, ofMeasured: number },
      temporal: expect.any(Object),
      bench: expect.any(Object),
    }),
  }),
  shape: expect.objectContaining({ activities: number, localActivities: number, signals: 1, steps: expect.any(Array) }),
});

describe('npm run bench:payroll, small variant (test/bench/payroll-run.ts over the real servers)', () => {
  it('when 30 awards each pay one instalment through the real worker, ledger, Kafka, bank and results consumer, then every check holds and the report has its shape', async () => {
    const lines: string[] = [];
    const report = await runPayrollBench({ awards: 30, log: (line) => lines.push(line) });

    expect(report.error).toBeUndefined();
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(report.checks.map((c) => c.name)).toEqual([
      'ledger: one entry per award, published once',
      'payments.instructions: one instruction per award',
      'payments.results: one paid result per award, signalled to its workflow',
      'bank: each payment id instructed and paid once, at the ledger amount',
      `reconcile ${report.month}: clean`,
      'workflows: every award paid its one month and ended',
      'bank counters',
      'results counters',
      'baseline: the same activities and signal waits per cycle as a real award',
    ]);
    expect(report.ok).toBe(true);

    expect(report).toMatchObject({
      schemaVersion: 1,
      bench: 'payroll',
      awards: 30,
      month: expect.stringMatching(/^\d{4}-(0[1-9]|1[0-2])$/),
      box: { cores: number, node: process.version, loadAverage: expect.any(Array) },
      code: { commit: expect.stringMatching(/^[0-9a-f]{7,}$/), uncommitted: expect.any(Array) },
      real: {
        ...phaseShape(30),
        paymentsPerSec: number,
        issueToPaidMs: { p50: number, p95: number, max: number },
      },
      baseline: phaseShape(30),
      ratioToBaseline: number,
    });
    expect(report.real?.cpu.perProcess).toEqual(
      expect.objectContaining({ bank: expect.any(Object), results: expect.any(Object), kafka: expect.any(Object) })
    );
    expect(report.baseline?.shape.activities).toBe(report.real?.shape.activities);
    expect(report.baseline?.shape.localActivities).toBe(report.real?.shape.localActivities);

    // The table and the JSON file.
    const table = formatPayrollReport(report);
    expect(table).toContain('| payments settled paid / s |');
    expect(table).toContain('ratio to the no-op baseline');
    expect(table).toContain('| worker |');
    expect(table).toContain('payroll bench: all checks hold');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-payroll-'));
    try {
      const file = writePayrollReport(report, dir);
      expect(path.basename(file)).toMatch(/^payroll-\d{4}-\d{2}-\d{2}T[\d-]+Z\.json$/);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
