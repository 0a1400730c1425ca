import type { Client, Connection as TemporalConnection, WorkflowHandle } from '@temporalio/client';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureProjectTopics, topicName } from '../../infra/kafka/project-topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createPaymentResultStore, PAYMENT_RESULTS_COLLECTION } from '../../infra/mongo/payment-results';
import { loadReconciliationInputs } from '../../infra/mongo/reconciliation';
import { createTemporalClient, createTemporalConnection } from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { Topics } from '../../schemas/topics';
import {
  createBankConsumer,
  PAYMENTS_INSTRUCTIONS_DLQ_TOPIC,
  type BankConsumer,
} from '../../workers/bank/bank-consumer';
import type { BankRates } from '../../workers/bank/outcome';
import {
  BANK_TRANSFERS_COLLECTION,
  createBankTransferStore,
  type BankTransferDoc,
} from '../../workers/bank/transfer-store';
import {
  createPaymentResultsConsumer,
  PAYMENTS_RESULTS_DLQ_TOPIC,
  type PaymentResultsConsumer,
} from '../../workers/payments/payment-results-consumer';
import { reconcile } from '../../workers/payments/reconciliation-report';
import { createResultSignaller } from '../../workers/payments/result-signaller';
import { periodicWorkflowId } from '../../workflows/periodic/ids';
import { stopAwardUpdate } from '../../workflows/periodic/messages';
import type { periodicAwardWorkflow } from '../../workflows/periodic/periodic-award';
import type { PeriodicState } from '../../workflows/periodic/state';
import { aBankAccount } from '../support/builders';
import { inChunks, terminateRunningOn } from '../support/temporal-cleanup';
import { waitOnProgress } from '../support/progress';
import { eventually, uniqueSuffix } from '../support/unique';
import { aPdbPension } from '../workflows/periodic/harness';
import { startWorkerProcess, type WorkerProcess } from './fixtures/periodic-e2e-worker';

/**
 * Issue 5 end to end over the real servers: 100 periodic awards (a `{ seconds }` cycle stands in for the calendar
 * month) are paid January to April 2026 by the real worker PROCESS (workers/temporal-worker.ts) against the simulated
 * bank consuming `payments.instructions` from Kafka, its results coming back through the real `payments.results`
 * consumer as signals. The worker is SIGKILLed while February's or March's instructions are being issued and started
 * again. Nothing is mocked. The bank fails 10 % of attempts (re-sent after a second) and returns none (a return
 * suspends the award until new bank details: another test's subject).
 */
// Generous: the waits below fail first, when nothing moves for a minute.
jest.setTimeout(1_200_000);

const AWARDS = 100;
const CYCLE_SECONDS = 5;
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04'];
const LAST_PAID_DAY = '2026-04-30';
const RATES: BankRates = { failRate: 0.1, returnRate: 0 };
/** Kill once this many (and not yet this many more) instructions of a month are on Kafka: mid-cycle. */
const KILL_AFTER = 20;
const KILL_BEFORE = 80;

interface SeenInstruction {
  paymentId: string;
  eventId: string;
  /** When the test read it (ms). */
  at: number;
}

interface LedgerDoc {
  _id: string;
  published: boolean;
  attempts?: string[];
  instruction: { eventId: string; month: string; amountSen: number; period: { from: string; to: string } };
}

describe('periodic payments end to end (real worker process, Kafka, Temporal and FerretDB)', () => {
  const suffix = uniqueSuffix();
  const base = loadConfig();
  const config = { ...base, KAFKA_TOPIC_SUFFIX: `.${suffix}` };
  const topic = (t: string): string => topicName(config, t);
  const taskQueue = `periodic-e2e-${suffix}`;
  const dbName = `it_periodic_e2e_${suffix.replace(/-/g, '_')}`;
  const mongoUri = new URL(base.MONGODB_URI);
  mongoUri.pathname = `/${dbName}`;
  const workerEnv = {
    TEMPORAL_TASK_QUEUE: taskQueue,
    MONGODB_URI: mongoUri.toString(),
    KAFKA_TOPIC_SUFFIX: config.KAFKA_TOPIC_SUFFIX,
    LOG_LEVEL: 'warn',
  };
  let kafka: Kafka;
  let mongo: Connection;
  let clientConnection: TemporalConnection;
  let client: Client;
  let bank: BankConsumer | undefined;
  let results: PaymentResultsConsumer | undefined;
  let reader: Consumer | undefined;
  let admin: Admin | undefined;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    kafka = createKafka(config);
    await ensureProjectTopics(kafka, config);
    mongo = await createMongoConnection(base.MONGODB_URI, { dbName });
    clientConnection = await createTemporalConnection(config);
    client = createTemporalClient(clientConnection, config, getClientDataConverter(config));
  });

  afterAll(async () => {
    for (const w of workers) await w.kill().catch(() => undefined);
    await bank?.stop().catch(() => undefined);
    await results?.stop().catch(() => undefined);
    await reader?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    if (client) await terminateRunningOn(client, taskQueue, 'periodic e2e test cleanup');
    await clientConnection?.close();
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  /** Starts the worker process and remembers it for cleanup; its output is shown if it fails to start. */
  async function startWorker(): Promise<WorkerProcess> {
    const w = await startWorkerProcess(workerEnv);
    workers.push(w);
    return w;
  }

  /** Reads `payments.instructions` from the beginning; `caughtUp()` says whether every message written so far was read. */
  async function readInstructions(
    admin: Admin
  ): Promise<{ seen: SeenInstruction[]; caughtUp: () => Promise<boolean> }> {
    const seen: SeenInstruction[] = [];
    const next = new Map<number, string>();
    reader = kafka.consumer({ groupId: `periodic-e2e-reader-${suffix}` });
    await reader.connect();
    await reader.subscribe({ topic: topic(Topics.PaymentsInstructions), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ partition, message }) => {
        const body = JSON.parse(String(message.value)) as SeenInstruction;
        seen.push({ paymentId: body.paymentId, eventId: body.eventId, at: Date.now() });
        next.set(partition, (BigInt(message.offset) + 1n).toString());
      },
    });
    const caughtUp = async (): Promise<boolean> => {
      const ends = await admin.fetchTopicOffsets(topic(Topics.PaymentsInstructions));
      return ends.every((p) => p.high === '0' || next.get(p.partition) === p.high);
    };
    return { seen, caughtUp };
  }

  it('when 100 awards are paid for four months and the worker is killed mid-cycle, then each month is in the ledger once, every instruction has a result and none is duplicated', async () => {
    let worker = await startWorker();

    admin = kafka.admin();
    await admin.connect();
    const { seen, caughtUp } = await readInstructions(admin);
    bank = createBankConsumer({
      kafka,
      store: createBankTransferStore(mongo),
      rates: RATES,
      groupId: `periodic-e2e-bank-${suffix}`,
      sourceTopic: topic(Topics.PaymentsInstructions),
      resultsTopic: topic(Topics.PaymentsResults),
      dlqTopic: topic(PAYMENTS_INSTRUCTIONS_DLQ_TOPIC),
    });
    results = createPaymentResultsConsumer({
      kafka,
      store: createPaymentResultStore(mongo),
      signaller: createResultSignaller(client),
      groupId: `periodic-e2e-results-${suffix}`,
      sourceTopic: topic(Topics.PaymentsResults),
      dlqTopic: topic(PAYMENTS_RESULTS_DLQ_TOPIC),
    });
    await bank.start();
    await results.start();

    const awards = Array.from({ length: AWARDS }, (_, i) => {
      const awardId = `AW-PE2E-${suffix}-${i}`;
      const beneficiaryId = `IP-${String(1_000_000_000 + i)}`;
      return {
        awardId,
        beneficiaryId,
        input: aPdbPension(awardId, {
          claimId: `C-2026-${String(500_000 + i)}`,
          beneficiaryId,
          payee: {
            name: 'Aminah binti Test',
            bankAccount: aBankAccount({ accountNumber: `000${String(800_000_000 + i)}` }),
            paidToGuardian: false,
          },
          firstMonth: MONTHS[0],
          config: {
            cycle: { seconds: CYCLE_SECONDS },
            resultTimeout: '10 minutes',
            failedRetrySchedule: Array.from({ length: 8 }, () => '1 second'),
          },
        }),
      };
    });
    const expectedPaymentIds = awards.flatMap((a) => MONTHS.map((m) => `${a.awardId}:${a.beneficiaryId}:${m}`)).sort();

    // Start every award, then tell each (an operator update) to stop after April: each ends on its own.
    const t0 = Date.now();
    const handles: WorkflowHandle<typeof periodicAwardWorkflow>[] = await inChunks(awards, 20, async (a) => {
      const handle = await client.workflow.start<typeof periodicAwardWorkflow>('periodicAwardWorkflow', {
        taskQueue,
        workflowId: periodicWorkflowId(a.awardId, a.beneficiaryId),
        args: [a.input],
      });
      await handle.executeUpdate(stopAwardUpdate, {
        args: [
          {
            actorId: 'e2e.operator',
            reason: 'End-to-end test: the award ends after April 2026',
            lastPaidDay: LAST_PAID_DAY,
          },
        ],
      });
      return handle;
    });
    const startedMs = Date.now() - t0;

    // Crash: SIGKILL the worker while a month's instructions are going out, then start it again.
    const issuedOf = (month: string): number =>
      new Set(seen.filter((s) => s.paymentId.endsWith(`:${month}`)).map((s) => s.paymentId)).size;
    // No deadline: a loaded box is slow, not stuck. The waits fail only when nothing moves for a minute.
    const { killMonth } = await waitOnProgress(
      {
        read: async () => ({
          issued: seen.length,
          killMonth: MONTHS.slice(1).find((m) => issuedOf(m) >= KILL_AFTER && issuedOf(m) < KILL_BEFORE),
        }),
        key: (p) => String(p.issued),
        done: (p) => p.killMonth !== undefined,
        describe: (p) => `${p.issued} instructions issued, none yet mid-way through a month after January`,
      },
      { everyMs: 100 }
    );
    if (killMonth === undefined) throw new Error('unreachable: the wait ends with a month');
    await worker.kill();
    const killedAt = Date.now();
    // Everything the killed worker published is read before the new one starts: these counts are exact.
    await eventually(caughtUp, 30_000);
    const issuedAtKill = new Set(seen.map((s) => s.paymentId)).size;
    const killMonthIssuedAtKill = issuedOf(killMonth);
    expect(killMonthIssuedAtKill).toBeLessThan(AWARDS); // mid-cycle: the rest of the month is the new worker's
    const seenAtKill = seen.length;
    worker = await startWorker();
    const restartedAt = Date.now();

    // Every award ends by itself after paying April.
    let states: PeriodicState[];
    try {
      const running = `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`;
      await waitOnProgress({
        read: async () => ({ issued: seen.length, running: (await client.workflow.count(running)).count }),
        key: (p) => `${p.issued}/${p.running}`,
        done: (p) => p.running === 0,
        describe: (p) => `${p.issued} instructions issued, ${p.running} of ${AWARDS} awards still running`,
      });
      states = await Promise.all(handles.map((h) => h.result()));
    } catch (err) {
      throw new Error(`${String(err)}\nworker output:\n${worker.tail()}`);
    }
    const runMs = Date.now() - t0;
    await eventually(caughtUp, 30_000);

    // The workflows: stopped after April, every payment paid.
    for (const [i, s] of states.entries()) {
      const a = awards[i]!;
      expect({ awardId: a.awardId, status: s.status, paidToDate: s.paidToDate, nextMonth: s.nextMonth }).toEqual({
        awardId: a.awardId,
        status: 'stopped',
        paidToDate: LAST_PAID_DAY,
        nextMonth: '2026-05',
      });
      expect(s.lastPayments.map((p) => [p.month, p.result])).toEqual(MONTHS.map((m) => [m, 'paid']));
    }

    // The ledger: exactly one entry per award per month, each published, each for its own month.
    const ledger = (await mongo.collection<LedgerDoc>('payments').find({}).toArray()) as LedgerDoc[];
    expect(ledger.map((d) => d._id).sort()).toEqual(expectedPaymentIds);
    for (const d of ledger) {
      const month = d._id.slice(d._id.lastIndexOf(':') + 1);
      expect({ id: d._id, published: d.published, month: d.instruction.month }).toEqual({
        id: d._id,
        published: true,
        month,
      });
      expect(d.instruction.period.to.startsWith(month)).toBe(true);
      expect(d.instruction.amountSen).toBeGreaterThan(0);
    }

    // The bank's answers as stored by the results consumer: every one signalled to its workflow.
    const stored = await mongo
      .collection<{ _id: string; paymentId: string; eventId: string; status: string; delivery?: string }>(
        PAYMENT_RESULTS_COLLECTION
      )
      .find({})
      .toArray();
    expect(stored.filter((r) => r.delivery !== 'signalled').map((r) => r._id)).toEqual([]);
    const failedOf = new Map<string, number>();
    for (const r of stored) if (r.status === 'failed') failedOf.set(r.paymentId, (failedOf.get(r.paymentId) ?? 0) + 1);
    const failedAttempts = [...failedOf.values()].reduce((n, k) => n + k, 0);
    expect(failedAttempts).toBeGreaterThan(0); // the re-send path ran

    // No duplicate instruction: per payment, one attempt plus one re-send per failed answer, each with its own
    // eventId. A repeat of the same eventId (at-least-once publishing after the crash) is the same instruction.
    const eventIdsOf = new Map<string, Set<string>>();
    for (const s of seen) eventIdsOf.set(s.paymentId, (eventIdsOf.get(s.paymentId) ?? new Set()).add(s.eventId));
    expect([...eventIdsOf.keys()].sort()).toEqual(expectedPaymentIds);
    const ledgerOf = new Map(ledger.map((d) => [d._id, d]));
    for (const [paymentId, eventIds] of eventIdsOf) {
      const d = ledgerOf.get(paymentId)!;
      expect({ paymentId, attempts: eventIds.size }).toEqual({
        paymentId,
        attempts: 1 + (failedOf.get(paymentId) ?? 0),
      });
      expect({ paymentId, resends: (d.attempts ?? []).length }).toEqual({ paymentId, resends: eventIds.size - 1 });
      for (const e of [d.instruction.eventId, ...(d.attempts ?? [])]) expect(eventIds.has(e)).toBe(true);
    }
    const distinctInstructions = [...eventIdsOf.values()].reduce((n, s) => n + s.size, 0);

    // Every instruction has a result: the bank answered each attempt once, paid each payment once, for the ledger
    // amount, and each answer reached the results consumer.
    const transfers = (await mongo
      .collection<BankTransferDoc>(BANK_TRANSFERS_COLLECTION)
      .find({})
      .toArray()) as BankTransferDoc[];
    expect(transfers.map((t) => t._id).sort()).toEqual(expectedPaymentIds);
    const storedIds = new Set(stored.map((r) => r._id));
    for (const t of transfers) {
      const answered = Object.keys(t.attempts).sort();
      expect({ paymentId: t._id, answered }).toEqual({
        paymentId: t._id,
        answered: [...eventIdsOf.get(t._id)!].sort(),
      });
      expect({ paymentId: t._id, paid: t.paid?.status, sen: t.paidAmountSen }).toEqual({
        paymentId: t._id,
        paid: 'paid',
        sen: ledgerOf.get(t._id)!.instruction.amountSen,
      });
      for (const answer of Object.values(t.attempts)) {
        expect(storedIds.has(`${t._id}/${answer.eventId}`)).toBe(true);
      }
    }
    expect(stored).toHaveLength(distinctInstructions);

    // The operators' reconciliation agrees, month by month.
    for (const month of MONTHS) {
      const report = reconcile(month, await loadReconciliationInputs(mongo, month));
      expect(report).toMatchObject({ month, instructions: AWARDS, discrepancies: 0, amountsNotConfirmed: [] });
      expect(report.paymentsByLatestStatus).toMatchObject({ paid: AWARDS, none: 0 });
    }

    // The bank and the results consumer read everything, dead-lettered nothing.
    expect(bank.counters).toMatchObject({
      paid: expectedPaymentIds.length,
      failed: failedAttempts,
      returned: 0,
      deadLettered: 0,
    });
    expect(results.counters).toMatchObject({ signalled: distinctInstructions, noWorkflow: 0, deadLettered: 0 });

    // How the crash showed: the longest pause between instructions after the restart (an activity the killed worker
    // held is retried only once its start-to-close timeout expires).
    const after = seen.slice(seenAtKill).map((s) => s.at);
    const pauseMs = after.reduce((max, at, i) => Math.max(max, at - (i === 0 ? restartedAt : after[i - 1]!)), 0);
    const redelivered = seen.length - distinctInstructions;
    console.log(
      `periodic e2e: ${AWARDS} awards × ${MONTHS.length} months (cycle ${CYCLE_SECONDS} s) ran in ` +
        `${(runMs / 1000).toFixed(1)} s (started and stop-dated in ${(startedMs / 1000).toFixed(1)} s); worker SIGKILLed ` +
        `during ${killMonth} (${killMonthIssuedAtKill}/${AWARDS} of its instructions out, ${issuedAtKill} payments ` +
        `issued in all), polling again ${((restartedAt - killedAt) / 1000).toFixed(1)} s later, longest pause after ` +
        `the restart ${(pauseMs / 1000).toFixed(1)} s; ${distinctInstructions} instructions (${failedAttempts} ` +
        `re-sends after failed answers, ${redelivered} same-eventId repeats), ${stored.length} results, ledger ` +
        `${ledger.length} entries`
    );
  });
});
