import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Client, Connection as TemporalConnection } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig, type Config } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { DLQ_TOPICS, ensureProjectTopics, PROJECT_TOPICS, topicName } from '../../infra/kafka/project-topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { PAYMENT_RESULTS_COLLECTION } from '../../infra/mongo/payment-results';
import { ROOT } from '../../infra/servers/paths';
import { up } from '../../infra/servers/stack';
import { createTemporalClient, createTemporalConnection } from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { Topics } from '../../schemas/topics';
import { inChunks, terminateRunningOn } from '../support/temporal-cleanup';
import { payrollAwards, payrollMonth } from './payroll-awards';
import { checkAwardStates, checkPayroll, counterCheck } from './payroll-checks';
import { CONSUMER_READY } from './payroll-consumer';
import { NOOP_WORKER_READY } from './payroll-noop-worker';
import type { NoopCycleResult } from './payroll-noop-workflows';
import { runPhase, type PhaseRun } from './payroll-phase';
import { startChild, type BenchChild } from './payroll-processes';
import { percentile, wakeUpsOf, type PayrollBenchReport, type PhaseReport } from './payroll-report';
import { commonShape, cycleShapeOf, type CycleShape } from './payroll-shape';

/** Options of {@link runPayrollBench}. */
export interface PayrollBenchOptions {
  awards: number;
  /** Fail when nothing moves for this long (default 60 s). */
  stallMs?: number;
  log?: (line: string) => void;
}

/** The run's own names: topics, database and task queues, so it never meets another run or the platform. */
interface Scope {
  runId: string;
  config: Config;
  env: Record<string, string>;
  dbName: string;
  taskQueue: string;
  noopTaskQueue: string;
}

function scopeOf(): Scope {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const base = loadConfig();
  const dbName = `bench_payroll_${runId}`;
  const uri = new URL(base.MONGODB_URI);
  uri.pathname = `/${dbName}`;
  const env = {
    KAFKA_TOPIC_SUFFIX: `.payroll-${runId}`,
    MONGODB_URI: uri.toString(),
    TEMPORAL_TASK_QUEUE: `payroll-${runId}`,
    LOG_LEVEL: 'warn',
    // Every attempt paid: exactly one instruction and one result per award (re-sends are the chaos run's subject).
    BANK_FAIL_RATE: '0',
    BANK_RETURN_RATE: '0',
    BANK_DELAY_MS: '0',
  };
  return {
    runId,
    config: loadConfig({ ...process.env, ...env }),
    env,
    dbName,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    noopTaskQueue: `payroll-noop-${runId}`,
  };
}

/** The report of one phase from its run, the cycle starts and the shape. */
function phaseReport(run: PhaseRun, m: number, starts: number[], shape: CycleShape, paid?: number[]): PhaseReport {
  const issued = [...starts];
  return {
    workflows: m,
    startedBeforeWake: run.startedBeforeWake,
    wakeAt: new Date(run.wakeAtMs).toISOString(),
    seconds: run.seconds,
    cyclesPerSec: run.cyclesPerSec,
    ...(paid
      ? { paymentsPerSec: paid.length / Math.max(1e-3, (Math.max(run.wakeAtMs, ...paid) - run.wakeAtMs) / 1000) }
      : {}),
    wakeUps: wakeUpsOf(issued, run.wakeAtMs),
    workerRss: run.workerRss,
    cpu: run.cpu,
    shape,
  };
}

/**
 * `npm run bench:payroll`: M periodic awards, each due now, pay one instalment through the real worker process
 * (workers/temporal-worker.ts), the payments ledger, Kafka, the simulated bank and the payment-results consumer, on
 * the local servers (`up()`, as the integration tests' global setup); then M no-op workflows of the same shape (the
 * activities, timers and signal wait counted from a real award's history) on a worker built the same way. Every run
 * has its own topics, database and task queues, dropped or left closed afterwards.
 */
export async function runPayrollBench(options: PayrollBenchOptions): Promise<PayrollBenchReport> {
  const m = options.awards;
  const log = options.log ?? ((line: string) => void process.stderr.write(`[bench:payroll] ${line}\n`));
  const at = new Date().toISOString();
  await up();
  const scope = scopeOf();
  const month = payrollMonth();
  const report: PayrollBenchReport = {
    schemaVersion: 1,
    bench: 'payroll',
    at,
    runId: scope.runId,
    awards: m,
    month,
    box: { cores: os.cpus().length, node: process.version, loadAverage: os.loadavg() },
    code: codeVersion(),
    real: undefined,
    baseline: undefined,
    ratioToBaseline: undefined,
    checks: [],
    ok: false,
  };
  const kafka: Kafka = createKafka(scope.config);
  const children: BenchChild[] = [];
  let mongo: Connection | undefined;
  let temporal: TemporalConnection | undefined;
  let client: Client | undefined;
  log(`run ${scope.runId}: ${m} awards paying ${month}; database ${scope.dbName}, task queue ${scope.taskQueue}`);
  try {
    await ensureProjectTopics(kafka, scope.config);
    mongo = await createMongoConnection(loadConfig().MONGODB_URI, { dbName: scope.dbName });
    temporal = await createTemporalConnection(scope.config);
    client = createTemporalClient(temporal, scope.config, getClientDataConverter(scope.config));
    const consumer = (role: 'bank' | 'results') =>
      startChild(role, 'test/bench/payroll-consumer.ts', {
        env: { ...scope.env, BENCH_GROUP_ID: `bench-payroll-${role}-${scope.runId}` },
        ready: CONSUMER_READY,
        args: [role],
      });
    const [worker, bank, results] = await Promise.all([
      startChild('worker', 'workers/temporal-worker.ts', { env: scope.env, ready: 'worker polling task queue' }),
      consumer('bank'),
      consumer('results'),
    ]);
    children.push(worker, bank, results);
    log('worker, bank and payment-results consumer running');

    // Phase 1: the real payroll.
    const awards = payrollAwards(scope.runId, month, m);
    const db = mongo;
    const real = await runPhase({
      label: 'payroll',
      client,
      taskQueue: scope.taskQueue,
      workflowType: 'periodicAwardWorkflow',
      workflows: awards.map((a) => ({ workflowId: a.workflowId, args: [a.input] })),
      worker,
      others: [bank, results],
      progress: async () => ({
        ledger: await db.collection('payments').countDocuments({}),
        results: await db.collection(PAYMENT_RESULTS_COLLECTION).countDocuments({}),
      }),
      log,
      ...(options.stallMs !== undefined ? { stallMs: options.stallMs } : {}),
    });
    const shape = await commonShape(
      client,
      awards.map((a) => a.workflowId)
    );
    if (shape.signals > 0 && !shape.steps.some((x) => x.kind === 'activity' && x.signals === true)) {
      throw new Error(`no activity before the signal wait in a real award's history: ${JSON.stringify(shape.steps)}`);
    }
    await Promise.all([worker.stop(), bank.stop(), results.stop()]);
    const facts = await checkPayroll(
      mongo,
      kafka,
      { instructions: topicName(scope.config, Topics.PaymentsInstructions) },
      month,
      awards.map((a) => a.paymentId)
    );
    report.checks.push(
      ...facts.checks,
      await checkAwardStates(
        client,
        awards.map((a) => a.workflowId),
        month
      ),
      counterCheck(bank, { received: m, paid: m, failed: 0, returned: 0, resent: 0, deadLettered: 0 }),
      counterCheck(results, { received: m, signalled: m, noWorkflow: 0, duplicate: 0, deadLettered: 0 })
    );
    const paidAt = facts.timings.flatMap((t) => (t.paidAtMs !== undefined ? [t.paidAtMs] : []));
    const issueToPaid = facts.timings.flatMap((t) => (t.paidAtMs !== undefined ? [t.paidAtMs - t.issuedAtMs] : []));
    report.real = {
      ...phaseReport(
        real,
        m,
        facts.timings.map((t) => t.issuedAtMs),
        shape,
        paidAt
      ),
      issueToPaidMs: {
        p50: percentile(issueToPaid, 50),
        p95: percentile(issueToPaid, 95),
        max: percentile(issueToPaid, 100),
      },
    };
    log(`payroll done: ${report.real.paymentsPerSec?.toFixed(2)} payments/s; baseline next`);

    // Phase 2: the no-op baseline of the same shape.
    const noopWorker = await startChild('worker', 'test/bench/payroll-noop-worker.ts', {
      env: { ...scope.env, TEMPORAL_TASK_QUEUE: scope.noopTaskQueue },
      ready: NOOP_WORKER_READY,
    });
    children.push(noopWorker);
    const noopIds = Array.from({ length: m }, (_, i) => `payroll-noop-${scope.runId}-${i}`);
    const noop = await runPhase({
      label: 'no-op',
      client,
      taskQueue: scope.noopTaskQueue,
      workflowType: 'payrollNoopCycleWorkflow',
      workflows: noopIds.map((workflowId) => ({ workflowId, args: [shape.steps] })),
      worker: noopWorker,
      others: [],
      log,
      ...(options.stallMs !== undefined ? { stallMs: options.stallMs } : {}),
    });
    const noopShape = cycleShapeOf(await client.workflow.getHandle(noopIds[0] ?? '').fetchHistory());
    const noopResults = await inChunks(
      noopIds,
      50,
      (id) => client?.workflow.getHandle(id).result() as Promise<NoopCycleResult>
    );
    await noopWorker.stop();
    // Timers may differ by the settle wait's: no timer is started when the answer came before the wait began.
    report.checks.push({
      name: 'baseline: the same activities and signal waits per cycle as a real award',
      ok:
        noopShape.activities === shape.activities &&
        noopShape.localActivities === shape.localActivities &&
        noopShape.signals === shape.signals,
      detail:
        `activities (local)/signals/timers: real ${shape.activities} (${shape.localActivities})/${shape.signals}/` +
        `${shape.timers}, no-op ${noopShape.activities} (${noopShape.localActivities})/${noopShape.signals}/${noopShape.timers}`,
    });
    report.baseline = phaseReport(
      noop,
      m,
      noopResults.map((r) => Date.parse(r.issuedAt)),
      noopShape
    );
    report.ratioToBaseline = report.baseline.cyclesPerSec > 0 ? real.cyclesPerSec / report.baseline.cyclesPerSec : 0;
  } catch (err) {
    report.error = err instanceof Error ? err.message : String(err);
    for (const c of children) if (!c.exited()) log(`${c.name} output (last lines):\n${c.output().slice(-2_000)}`);
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    if (client) {
      await terminateRunningOn(client, scope.taskQueue, 'payroll bench cleanup').catch(() => undefined);
      await terminateRunningOn(client, scope.noopTaskQueue, 'payroll bench cleanup').catch(() => undefined);
    }
    await temporal?.close().catch(() => undefined);
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close().catch(() => undefined);
    await deleteRunTopics(kafka, scope.config).catch(() => undefined);
  }
  report.ok = report.error === undefined && report.checks.length > 0 && report.checks.every((c) => c.ok);
  return report;
}

/**
 * The commit the run measured, and the platform files that differed from it (the working tree is shared: a run may
 * measure someone's uncommitted change).
 */
function codeVersion(): PayrollBenchReport['code'] {
  // Only trailing whitespace goes: a porcelain line starts with a space for a file changed but not staged.
  const git = (args: string[]): string =>
    (spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout ?? '').replace(/\s+$/, '');
  const changed = git(['status', '--porcelain', '--', 'workflows', 'activities', 'workers', 'infra', 'schemas']);
  return { commit: git(['rev-parse', '--short', 'HEAD']), uncommitted: changed ? changed.split('\n') : [] };
}

/** The run's topics (its suffix only): 5,000 instructions and results need not stay on the shared broker. */
async function deleteRunTopics(kafka: Kafka, config: Config): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const names = [...PROJECT_TOPICS.map((t) => t.name), ...DLQ_TOPICS].map((t) => topicName(config, t));
    await admin.deleteTopics({ topics: names });
  } finally {
    await admin.disconnect();
  }
}

/** Where `npm run bench:payroll` writes its JSON (git-ignored). */
export const RESULTS_DIR = path.join(ROOT, 'bench-results');
