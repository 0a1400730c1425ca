import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Connection as TemporalConnection, Client } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig, type Config } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { readTopicToEnd } from '../../infra/kafka/read-to-end';
import { createMongoConnection } from '../../infra/mongo/connection';
import { PAYMENT_RESULTS_COLLECTION, type StoredPaymentResult } from '../../infra/mongo/payment-results';
import { loadReconciliationInputs } from '../../infra/mongo/reconciliation';
import { LOG_DIR, ROOT } from '../../infra/servers/paths';
import { down, up } from '../../infra/servers/stack';
import { createTemporalClient, createTemporalConnection } from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { ClaimSubmitted } from '../../schemas/events/claim-submitted.v1';
import { Topics } from '../../schemas/topics';
import { BANK_TRANSFERS_COLLECTION, type BankTransferDoc } from '../../workers/bank/transfer-store';
import { reconcile } from '../../workers/payments/reconciliation-report';
import { periodicWorkflowId } from '../../workflows/periodic/ids';
import { stopAwardUpdate } from '../../workflows/periodic/messages';
import {
  icNumbersIn,
  tallyClaims,
  tallyPayments,
  type ClaimRun,
  type ClaimTally,
  type IntakeRecord,
  type PaymentFacts,
  type PaymentTally,
} from './accounting';
import { killProcess, restartServer, startServer, stopServer } from './faults';

/** How big the run is and which faults it injects. */
export interface ChaosPlan {
  name: 'full' | 'small';
  claims: number;
  claimsPerMinute: number;
  periodicAwards: number;
  /** Seconds per periodic cycle (the direct awards and the claims' pensions). */
  cycleSeconds: number;
  workerKills: number;
  kafkaDownMs: number;
  /** The longest wait for every claim to come to rest after the stream. */
  settleTimeoutMs: number;
}

export const FULL_PLAN: ChaosPlan = {
  name: 'full',
  claims: 1000,
  claimsPerMinute: 120,
  periodicAwards: 300,
  cycleSeconds: 30,
  workerKills: 3,
  kafkaDownMs: 180_000,
  settleTimeoutMs: 20 * 60_000,
};

export const SMALL_PLAN: ChaosPlan = {
  name: 'small',
  claims: 200,
  claimsPerMinute: 150,
  periodicAwards: 40,
  cycleSeconds: 20,
  workerKills: 1,
  kafkaDownMs: 20_000,
  settleTimeoutMs: 6 * 60_000,
};

/** What the run found. */
export interface ChaosReport {
  plan: ChaosPlan;
  seconds: number;
  claims: ClaimTally;
  payments: PaymentTally;
  /** Months whose reconciliation listed something other than the payments still held or in flight. */
  reconcileBreaks: string[];
  /** IC numbers found in the platform's logs or in raw (undecoded) workflow histories. */
  icNumbersInLogs: number;
  icNumbersInHistories: number;
  faults: string[];
  /** Why the run failed; empty when every check holds. */
  breaks: string[];
}

const say = (msg: string): void => {
  process.stdout.write(`[chaos] ${msg}\n`);
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The claims and payments the run reads back: its own topics, database and task queue. */
interface RunScope {
  suffix: string;
  config: Config;
  env: NodeJS.ProcessEnv;
  dbName: string;
  taskQueue: string;
  logFile: string;
}

function scopeFor(plan: ChaosPlan): RunScope {
  const suffix = `chaos${Date.now().toString(36)}`;
  const base = loadConfig();
  const dbName = `chaos_${suffix}`;
  const uri = new URL(base.MONGODB_URI);
  uri.pathname = `/${dbName}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_TOPIC_SUFFIX: `.${suffix}`,
    MONGODB_URI: uri.toString(),
    TEMPORAL_TASK_QUEUE: `chaos-${suffix}`,
    DEMO_SEED: suffix,
    DEMO_CLAIMS: String(plan.claims),
    DEMO_CLAIMS_PER_MINUTE: String(plan.claimsPerMinute),
    PERIODIC_CYCLE_SECONDS: String(plan.cycleSeconds),
    LOG_LEVEL: 'warn',
  };
  return {
    suffix,
    config: loadConfig(env),
    env,
    dbName,
    taskQueue: `chaos-${suffix}`,
    logFile: path.join(LOG_DIR, `chaos-${suffix}.log`),
  };
}

/** `npm start` with the run's scope: the same supervisor, processes and demo stream (board and checker included). */
function startPlatform(scope: RunScope): ChildProcess {
  const out = createWriteStream(scope.logFile);
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'workers/start.ts'], {
    cwd: ROOT,
    env: scope.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

/** Starts the direct periodic awards, each told to stop after its third month: 3 instalments each. */
async function startPeriodicAwards(
  client: Client,
  scope: RunScope,
  plan: ChaosPlan
): Promise<{ expected: string[]; workflowIds: string[] }> {
  const expected: string[] = [];
  const workflowIds: string[] = [];
  for (let i = 0; i < plan.periodicAwards; i += 1) {
    const awardId = `AW-${scope.suffix}-${i}`;
    const beneficiaryId = `IP-${String(2_000_000_000 + i)}`;
    const workflowId = periodicWorkflowId(awardId, beneficiaryId);
    const handle = await client.workflow.start('periodicAwardWorkflow', {
      taskQueue: scope.taskQueue,
      workflowId,
      args: [
        {
          claimId: `C-2026-${String(900_000 + i)}`,
          awardId,
          lineId: 'PDB-1',
          beneficiaryId,
          benefitType: 'permanent-disablement',
          relationship: 'self',
          terms: {
            rate: { periodUnit: 'month', monthlyAmountSen: 100_000 + i },
            rateAsOf: '2026-01-01',
            benefitStartDate: '2026-01-01',
            ruleIds: ['EI-PDB-002'],
            rateTableVersions: ['EI-RATES-2014-01-01'],
          },
          payee: {
            name: 'Chaos Test',
            bankAccount: {
              bankCode: 'MBBEMYKL',
              accountNumber: String(600_000_000_000 + i),
              accountHolderName: 'Chaos Test',
            },
            paidToGuardian: false,
          },
          firstMonth: '2026-01',
          config: {
            cycle: { seconds: plan.cycleSeconds },
            resultTimeout: '10 minutes',
            failedRetrySchedule: ['5 seconds', '10 seconds', '20 seconds'],
            declarationsRequired: false,
          },
        },
      ],
    });
    await handle.executeUpdate(stopAwardUpdate, {
      args: [{ actorId: 'chaos.operator', reason: 'Chaos run: three instalments', lastPaidDay: '2026-03-31' }],
      updateId: `chaos-stop-${workflowId}`,
    });
    for (const m of ['2026-01', '2026-02', '2026-03']) expected.push(`${awardId}:${beneficiaryId}:${m}`);
    workflowIds.push(workflowId);
  }
  return { expected, workflowIds };
}

/**
 * The months each ended award still owes (its `unpaidMonths`): an award held after a returned payment pays no new
 * month until new bank details arrive, and ends owing them, with an operator event. Their payment ids.
 */
async function owedByEndedAwards(client: Client, workflowIds: string[]): Promise<Set<string>> {
  const owed = new Set<string>();
  for (const workflowId of workflowIds) {
    const state = (await client.workflow.getHandle(workflowId).result()) as { unpaidMonths?: string[] };
    const [, rest] = workflowId.split(/^award-/);
    const cut = rest?.lastIndexOf('-IP-') ?? -1;
    const awardId = rest?.slice(0, cut);
    const beneficiaryId = rest?.slice(cut + 1);
    for (const m of state.unpaidMonths ?? []) owed.add(`${awardId}:${beneficiaryId}:${m}`);
  }
  return owed;
}

/** Every claim workflow of the run, with its status and stage (visibility). */
async function claimRuns(client: Client, scope: RunScope): Promise<ClaimRun[]> {
  const runs: ClaimRun[] = [];
  for await (const wf of client.workflow.list({
    query: `TaskQueue = "${scope.taskQueue}" AND WorkflowType = "claimProcessingWorkflow"`,
  })) {
    const stage = wf.searchAttributes?.ClaimStage;
    runs.push({
      claimId: wf.workflowId.replace(/^claim-/, ''),
      status: wf.status.name,
      ...(Array.isArray(stage) && typeof stage[0] === 'string' ? { stage: stage[0] } : {}),
    });
  }
  return runs;
}

/** Periodic awards of the run still running (the direct ones end after their third month). */
async function runningDirectAwards(client: Client, scope: RunScope): Promise<number> {
  let n = 0;
  for await (const wf of client.workflow.list({
    query: `TaskQueue = "${scope.taskQueue}" AND WorkflowType = "periodicAwardWorkflow" AND ExecutionStatus = "Running"`,
  })) {
    if (wf.workflowId.startsWith(`award-AW-${scope.suffix}-`)) n += 1;
  }
  return n;
}

async function intakeRecords(kafka: Kafka, scope: RunScope): Promise<{ records: IntakeRecord[]; ics: Set<string> }> {
  const raw = await readTopicToEnd(kafka, `${Topics.ClaimsSubmitted}.${scope.suffix}`, { timeoutMs: 120_000 });
  const ics = new Set<string>();
  const records = raw.map(({ partition, message }) => {
    const text = message.value?.toString('utf8') ?? '';
    for (const m of text.matchAll(/"icNumber"\s*:\s*"([0-9-]{12,14})"/g)) ics.add((m[1] ?? '').replace(/-/g, ''));
    let claimId: string | undefined;
    try {
      const parsed = ClaimSubmitted.safeParse(JSON.parse(text));
      if (parsed.success && message.key?.toString('utf8') === parsed.data.claimId) claimId = parsed.data.claimId;
    } catch {
      /* not JSON: invalid */
    }
    return { partition, offset: message.offset, ...(claimId !== undefined ? { claimId } : {}) };
  });
  return { records, ics };
}

async function dlqSources(kafka: Kafka, scope: RunScope): Promise<Set<string>> {
  const raw = await readTopicToEnd(kafka, `${Topics.ClaimsSubmitted}.dlq.${scope.suffix}`, {
    timeoutMs: 120_000,
  }).catch(() => []);
  const out = new Set<string>();
  for (const { message } of raw) {
    const h = (name: string) => message.headers?.[name]?.toString();
    if (h('x-source-partition') !== undefined) out.add(`${h('x-source-partition')}:${h('x-source-offset')}`);
  }
  return out;
}

async function paymentFacts(mongo: Connection): Promise<PaymentFacts[]> {
  const ledger = await mongo
    .collection<{ _id: string; instruction: { amountSen: number; issuedAt: string } }>('payments')
    .find({})
    .toArray();
  const bank = new Map(
    (await mongo.collection<BankTransferDoc>(BANK_TRANSFERS_COLLECTION).find({}).toArray()).map((d) => [d._id, d])
  );
  const latest = new Map<string, StoredPaymentResult>();
  for (const r of await mongo.collection<StoredPaymentResult>(PAYMENT_RESULTS_COLLECTION).find({}).toArray()) {
    const prev = latest.get(r.paymentId);
    if (!prev || r.result.settledAt > prev.result.settledAt) latest.set(r.paymentId, r);
  }
  return ledger.map((l) => {
    const b = bank.get(l._id);
    const paidAttempts = Object.values(b?.attempts ?? {}).filter((a) => a.status === 'paid').length;
    const last = latest.get(l._id);
    return {
      paymentId: l._id,
      amountSen: l.instruction.amountSen,
      issuedAtMs: Date.parse(l.instruction.issuedAt),
      bankPaidAttempts: paidAttempts,
      ...(b?.paidAmountSen !== undefined ? { bankPaidAmountSen: b.paidAmountSen } : {}),
      ...(last ? { latestResult: last.status } : {}),
    };
  });
}

/** Raw histories (as the server stores them, no codec) of up to `n` claims: searched for IC numbers. */
async function rawHistories(scope: RunScope, runs: ClaimRun[], n: number): Promise<string> {
  const connection = await TemporalConnection.connect({ address: scope.config.TEMPORAL_ADDRESS });
  try {
    const raw = new Client({ connection, namespace: scope.config.TEMPORAL_NAMESPACE });
    const texts: string[] = [];
    for (const r of runs.slice(0, n)) {
      const history = await raw.workflow.getHandle(`claim-${r.claimId}`).fetchHistory();
      texts.push(
        JSON.stringify(history, (_k, v: unknown) =>
          v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : (v as unknown)
        )
      );
    }
    return texts.join('\n');
  } finally {
    await connection.close();
  }
}

/** Runs the plan: platform up, claims and awards in, faults during, then the accounting. */
export async function runChaos(plan: ChaosPlan): Promise<ChaosReport> {
  const t0 = Date.now();
  const started = await up();
  const scope = scopeFor(plan);
  const faults: string[] = [];
  const breaks: string[] = [];
  say(`run ${scope.suffix}: ${plan.claims} claims, ${plan.periodicAwards} periodic awards; log ${scope.logFile}`);
  const platform = startPlatform(scope);
  const platformPid = platform.pid ?? 0;
  let temporalConnection: TemporalConnection | undefined;
  let mongo: Connection | undefined;
  try {
    temporalConnection = await createTemporalConnection(scope.config);
    const client = createTemporalClient(temporalConnection, scope.config, getClientDataConverter(scope.config));
    // The worker must be polling before awards start: wait for the platform to come up.
    await sleep(15_000);
    const awards = await startPeriodicAwards(client, scope, plan);
    say(`${plan.periodicAwards} periodic awards started`);

    // Faults spread over the stream (about claims / rate minutes).
    const streamMs = (plan.claims / plan.claimsPerMinute) * 60_000;
    const at = (fraction: number) => sleep(Math.max(5_000, streamMs * fraction));
    const fault = async (what: string, act: () => Promise<unknown>): Promise<void> => {
      const s = Date.now();
      say(`fault: ${what}`);
      await act();
      faults.push(`${what} (${((Date.now() - s) / 1000).toFixed(0)} s)`);
    };
    for (let k = 0; k < plan.workerKills; k += 1) {
      await at(0.15);
      await fault(`kill -9 worker #${k + 1}`, async () => {
        const pids = killProcess(platformPid, 'workers/temporal-worker.ts');
        if (pids.length === 0) breaks.push('no worker process found to kill');
      });
    }
    await at(0.15);
    await fault('restart the Temporal dev server', () => restartServer('temporal'));
    await at(0.15);
    await fault(`stop Kafka for ${plan.kafkaDownMs / 1000} s`, async () => {
      await stopServer('kafka');
      await sleep(plan.kafkaDownMs);
      await startServer('kafka');
    });
    await at(0.1);
    await fault('restart the store (FerretDB and PostgreSQL) over the backlog', async () => {
      await stopServer('mongodb');
      await stopServer('postgres');
      await startServer('postgres');
      await startServer('mongodb');
    });

    // Settle: every claim at rest, every direct award ended.
    const kafka = createKafka(scope.config);
    const settleDeadline = Date.now() + plan.settleTimeoutMs;
    let intake = await intakeRecords(kafka, scope);
    let claimTally = tallyClaims(intake.records, await dlqSources(kafka, scope), await claimRuns(client, scope));
    for (;;) {
      const awardsRunning = await runningDirectAwards(client, scope);
      // The demo logs `streamed …` once every claim of the stream is on Kafka.
      const streamDone = existsSync(scope.logFile) && readFileSync(scope.logFile, 'utf8').includes('demo: streamed ');
      if (streamDone && claimTally.inProgress === 0 && claimTally.lost === 0 && awardsRunning === 0) break;
      if (Date.now() > settleDeadline) {
        breaks.push(
          `not at rest after ${plan.settleTimeoutMs / 60_000} min: ${claimTally.inProgress} claims in progress, ` +
            `${claimTally.lost} unaccounted, ${awardsRunning} periodic awards running`
        );
        break;
      }
      say(
        `settling: ${claimTally.claimsIn} claims in, ${claimTally.terminal} terminal, ${claimTally.waiting} waiting, ` +
          `${claimTally.inProgress} in progress, ${claimTally.lost} unaccounted; ${awardsRunning} awards running`
      );
      await sleep(15_000);
      intake = await intakeRecords(kafka, scope);
      claimTally = tallyClaims(intake.records, await dlqSources(kafka, scope), await claimRuns(client, scope));
    }
    // Payments issued more than 2 minutes ago have had every retry of the schedule and their answers.
    await sleep(10_000);
    const cutoffMs = Date.now() - 120_000;
    mongo = await createMongoConnection(loadConfig(), { dbName: scope.dbName });
    const facts = await paymentFacts(mongo);
    const payments = tallyPayments(
      facts,
      cutoffMs,
      awards.expected,
      await owedByEndedAwards(client, awards.workflowIds)
    );

    // Reconciliation per month: what it lists must be exactly the payments held or in flight.
    const reconcileBreaks: string[] = [];
    const open = new Set(facts.filter((f) => f.latestResult !== 'paid').map((f) => f.paymentId));
    const months = [...new Set(facts.map((f) => f.paymentId.slice(f.paymentId.lastIndexOf(':') + 1)))].sort();
    for (const month of months) {
      const report = reconcile(month, await loadReconciliationInputs(mongo, month));
      const listed = [...report.unsettled.map((u) => u.paymentId)];
      const unexpected = listed.filter((id) => !open.has(id));
      if (report.discrepancies > 0 && unexpected.length > 0) {
        reconcileBreaks.push(`${month}: ${unexpected.length} listed that are not held (${unexpected.slice(0, 3)})`);
      }
    }

    // No IC number in the platform's logs or the servers' logs, nor in raw histories.
    const runs = await claimRuns(client, scope);
    // This run's platform log and the servers' logs (not other chaos runs').
    const logs = readdirSync(LOG_DIR)
      .filter((f) => f.endsWith('.log') && (!f.startsWith('chaos-') || f === path.basename(scope.logFile)))
      .map((f) => readFileSync(path.join(LOG_DIR, f), 'utf8'))
      .join('\n');
    if (intake.ics.size === 0) breaks.push('no IC numbers read from the claims: the log check would prove nothing');
    const icNumbersInLogs = icNumbersIn(logs, intake.ics).length;
    const icNumbersInHistories = icNumbersIn(await rawHistories(scope, runs, 50), intake.ics).length;

    if (claimTally.lost > 0) breaks.push(`claims lost: ${claimTally.lostIds.slice(0, 5).join(', ')}`);
    if (claimTally.failed > 0) breaks.push(`${claimTally.failed} claim workflows failed or were terminated`);
    if (payments.duplicates > 0) breaks.push(`payments doubled: ${payments.duplicateIds.slice(0, 5).join(', ')}`);
    if (payments.lost > 0) breaks.push(`payments lost: ${payments.lostIds.slice(0, 5).join(', ')}`);
    if (payments.missingFromLedger.length > 0) {
      breaks.push(`award months missing from the ledger: ${payments.missingFromLedger.slice(0, 5).join(', ')}`);
    }
    breaks.push(...reconcileBreaks.map((b) => `reconcile ${b}`));
    if (icNumbersInLogs > 0) breaks.push(`${icNumbersInLogs} IC numbers in logs`);
    if (icNumbersInHistories > 0) breaks.push(`${icNumbersInHistories} IC numbers in raw histories`);
    return {
      plan,
      seconds: Math.round((Date.now() - t0) / 1000),
      claims: claimTally,
      payments,
      reconcileBreaks,
      icNumbersInLogs,
      icNumbersInHistories,
      faults,
      breaks,
    };
  } finally {
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close().catch(() => undefined);
    await temporalConnection?.close().catch(() => undefined);
    platform.kill('SIGINT');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        platform.kill('SIGKILL');
        resolve();
      }, 60_000);
      platform.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (started.length > 0) await down(started);
  }
}

/** The table README shows: claims and payments, in and out. */
export function formatReport(r: ChaosReport): string {
  const c = r.claims;
  const p = r.payments;
  const rows: [string, string | number][] = [
    ['claims in (distinct valid claim ids)', c.claimsIn],
    ['  records on claims.submitted', c.recordsIn],
    ['  duplicates (same claim id again)', c.duplicates],
    ['  terminal (awarded, rejected, withdrawn)', c.terminal],
    ['  waiting for a person (approval, documents)', c.waiting],
    ['  still in progress', c.inProgress],
    ['  dead-lettered (invalid records)', c.deadLettered],
    ['  lost', c.lost],
    ['payments expected (issued before the cut-off)', p.expected],
    ['  paid', p.paid],
    ['  held (failed or returned, operator event)', p.held],
    ['  duplicates', p.duplicates],
    ['  lost', p.lost],
    ['  in flight at the cut-off (not counted)', p.inFlight],
    ['  months owed by awards held for new bank details', p.owed],
    ['IC numbers in logs / raw histories', `${r.icNumbersInLogs} / ${r.icNumbersInHistories}`],
  ];
  return [
    `chaos run (${r.plan.name}) in ${r.seconds} s; faults: ${r.faults.join('; ')}`,
    '| | |',
    '| --- | ---: |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    r.breaks.length === 0 ? 'no breaks' : `BREAKS:\n- ${r.breaks.join('\n- ')}`,
  ].join('\n');
}
