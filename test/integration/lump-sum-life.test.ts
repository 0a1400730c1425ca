import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, Connection as TemporalConnection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { Activities } from '../../activities';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureProjectTopics } from '../../infra/kafka/project-topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createPaymentResultStore } from '../../infra/mongo/payment-results';
import { loadReconciliationInputs } from '../../infra/mongo/reconciliation';
import {
  createTemporalClient,
  createTemporalConnection,
  createWorkerConnection,
} from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { sen } from '../../schemas/common/money';
import type { PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import { LumpSumPaymentStatus } from '../../schemas/payments/lump-sum';
import { Topics } from '../../schemas/topics';
import { createBankConsumer } from '../../workers/bank/bank-consumer';
import { isClosedAccount } from '../../workers/bank/outcome';
import {
  BANK_TRANSFERS_COLLECTION,
  createBankTransferStore,
  type BankTransferDoc,
} from '../../workers/bank/transfer-store';
import { createPaymentResultsConsumer } from '../../workers/payments/payment-results-consumer';
import { reconcile } from '../../workers/payments/reconciliation-report';
import { createResultSignaller } from '../../workers/payments/result-signaller';
import { createClaimsWorker, createWorkerActivities } from '../../workers/temporal-worker';
import { lumpSumPaymentWorkflow } from '../../workflows';
import { lumpSumWorkflowId } from '../../workflows/payments/ids';
import { getPaymentStatusQuery, paymentResultSignal } from '../../workflows/payments/messages';
import { aBankAccount, anAwardLine, aPaymentResult, CLAIM_ID } from '../support/builders';
import { runCli } from '../support/cli';
import { terminateRunningOn } from '../support/temporal-cleanup';
import { eventually, uniqueSuffix } from '../support/unique';

/**
 * One payment life for lump sums, over the real servers: lump sums issued through the real `issuePayment` activity
 * (FerretDB ledger, then Kafka), the simulated bank failing and returning some of them, the results consumer
 * signalling each lump sum's payment workflow on a real worker, and officers releasing the held ones with the CLI.
 * In the end every lump sum is paid exactly once, for its ledger amount, and the month reconciles clean.
 */
jest.setTimeout(240_000);

const RATES = { returnRate: 0.3, failRate: 0.3 };
const MONTH = '2026-11';

describe('lump sums settle like instalments (real Kafka, Temporal and FerretDB)', () => {
  const suffix = uniqueSuffix();
  const topicSuffix = `.${suffix}`;
  const config = { ...loadConfig(), KAFKA_TOPIC_SUFFIX: topicSuffix };
  const taskQueue = `lump-sum-life-${suffix}`;
  const dbName = `it_lump_sum_${suffix.replace(/-/g, '_')}`;
  const saved = { uri: process.env.MONGODB_URI };
  let kafka: Kafka;
  let producer: Producer;
  let mongo: Connection;
  let workerConnection: NativeConnection;
  let clientConnection: TemporalConnection;
  let client: Client;
  let worker: Worker;
  let workerRun: Promise<void>;
  let activities: Activities;
  let tmp: string;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'lump-sum-life-'));
    const uri = new URL(config.MONGODB_URI);
    uri.pathname = `/${dbName}`;
    process.env.MONGODB_URI = uri.toString();
    kafka = createKafka(config);
    await ensureProjectTopics(kafka, config);
    mongo = await createMongoConnection(config.MONGODB_URI, { dbName });
    workerConnection = await createWorkerConnection(config);
    clientConnection = await createTemporalConnection(config);
    client = createTemporalClient(clientConnection, config, getClientDataConverter(config));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    activities = await createWorkerActivities({ mongo, producer, client, topicName: (t) => `${t}${topicSuffix}` });
    worker = await createClaimsWorker(workerConnection, config, taskQueue, activities);
    workerRun = worker.run();
  });

  afterAll(async () => {
    if (saved.uri === undefined) delete process.env.MONGODB_URI;
    else process.env.MONGODB_URI = saved.uri;
    if (client) await terminateRunningOn(client, taskQueue, 'lump-sum life test cleanup');
    if (worker) {
      worker.shutdown();
      await workerRun.catch(() => undefined);
    }
    await producer?.disconnect().catch(() => undefined);
    await clientConnection?.close();
    await workerConnection?.close();
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** An account number the simulated bank treats as closed (or open), found by its deterministic hash. */
  function account(closed: boolean, from: number): { accountNumber: string; next: number } {
    for (let n = from; ; n += 1) {
      const candidate = aBankAccount({ accountNumber: String(700_000_000 + n) });
      if (isClosedAccount(candidate, RATES) === closed) return { accountNumber: candidate.accountNumber, next: n + 1 };
    }
  }

  it('when the bank fails and returns lump sums, then each is re-sent or held, officers release the held ones, and every one is paid once at its ledger amount', async () => {
    // 12 lump sums: 4 to closed accounts (returned until new details), 8 to open ones (30 % of attempts fail).
    let cursor = 0;
    const lumpSums = Array.from({ length: 12 }, (_, i) => {
      const a = account(i < 4, cursor);
      cursor = a.next;
      return {
        line: anAwardLine({
          lineId: `PDB-${i}`,
          kind: 'lump-sum',
          amountSen: sen(100_000 + i * 1_001),
          amountBasis: 'lump-sum',
          period: { from: '2026-07-25', to: '2026-07-25' },
        }),
        payee: {
          name: 'Aminah binti Test',
          bankAccount: aBankAccount({ accountNumber: a.accountNumber }),
          paidToGuardian: false,
        },
      };
    });
    const awardId = `${CLAIM_ID}-AWD-${suffix.replace(/[^A-Za-z0-9]/g, '')}`;
    const bank = createBankConsumer({
      kafka,
      store: createBankTransferStore(mongo),
      rates: RATES,
      groupId: `bank-${suffix}`,
      sourceTopic: `${Topics.PaymentsInstructions}${topicSuffix}`,
      resultsTopic: `${Topics.PaymentsResults}${topicSuffix}`,
      dlqTopic: `${Topics.PaymentsInstructions}.dlq${topicSuffix}`,
    });
    const results = createPaymentResultsConsumer({
      kafka,
      store: createPaymentResultStore(mongo),
      signaller: createResultSignaller(client),
      groupId: `results-${suffix}`,
      sourceTopic: `${Topics.PaymentsResults}${topicSuffix}`,
      dlqTopic: `${Topics.PaymentsResults}.dlq${topicSuffix}`,
    });
    await bank.start();
    await results.start();
    try {
      const paymentIds: string[] = [];
      for (const { line, payee } of lumpSums) {
        // As the claim workflow does: issue (ledger, then Kafka), then start the payment workflow.
        const issued = await activities.issuePayment({
          claimId: CLAIM_ID,
          awardId,
          lineId: line.lineId,
          beneficiaryId: 'IP-0000012345',
          month: MONTH,
          line,
          payee,
          issuedAt: new Date().toISOString(),
        });
        paymentIds.push(issued.paymentId);
        await client.workflow.start(lumpSumPaymentWorkflow, {
          taskQueue,
          workflowId: lumpSumWorkflowId(issued.paymentId),
          args: [
            {
              paymentId: issued.paymentId,
              claimId: CLAIM_ID,
              awardId: issued.paymentId.split(':')[0] ?? '',
              beneficiaryId: 'IP-0000012345',
              benefitType: line.benefitType,
              amountSen: sen(issued.amountSen),
              config: { resultTimeout: '2 minutes', failedRetrySchedule: ['1 second', '2 seconds'] },
            },
          ],
        });
      }
      const statusOf = async (id: string) =>
        LumpSumPaymentStatus.parse(await client.workflow.getHandle(lumpSumWorkflowId(id)).query(getPaymentStatusQuery));

      // Officers work the held payments until every one is paid: new details for a return, a retry for a failure.
      const payeeFile = path.join(tmp, 'payee.json');
      const released = { bankAccount: 0, retry: 0 };
      await eventually(async () => {
        let open = 0;
        for (const id of paymentIds) {
          const s = await statusOf(id);
          if (s.state === 'paid') continue;
          open += 1;
          if (s.state !== 'held') continue;
          if (s.holdReason === 'payment-returned') {
            const a = account(false, cursor);
            cursor = a.next;
            writeFileSync(
              payeeFile,
              JSON.stringify({
                name: 'Aminah binti Test',
                bankAccount: aBankAccount({ accountNumber: a.accountNumber }),
                paidToGuardian: false,
              })
            );
            const run = await runCli(
              'payment-bank-account',
              id,
              '--actor',
              'officer.aziz',
              '--reason',
              'New account from the claimant (BKA-1).',
              '--payee',
              payeeFile
            );
            expect(run).toMatchObject({ code: 0 });
            released.bankAccount += 1;
          } else {
            const run = await runCli('payment-retry', id, '--actor', 'officer.aziz', '--reason', 'Bank is up again.');
            expect(run).toMatchObject({ code: 0 });
            released.retry += 1;
          }
        }
        return open === 0;
      }, 200_000).catch(async (err: Error) => {
        // Name where each payment stood, so a hang says which step it is stuck at.
        const states = await Promise.all(
          paymentIds.map(async (id) => {
            const s = await statusOf(id);
            return `${id} ${s.state}/${s.holdReason ?? '-'} attempts ${s.attempts} [${s.results.map((r) => r.status).join(',')}]`;
          })
        );
        throw new Error(`${err.message}\n${states.join('\n')}`);
      });
      // The four closed accounts were each held once and paid after new details.
      expect(released.bankAccount).toBe(4);

      // Each payment id: one ledger entry, paid by the bank exactly once, for the ledger amount.
      const docs = await mongo
        .collection<BankTransferDoc>(BANK_TRANSFERS_COLLECTION)
        .find({ _id: { $in: paymentIds } })
        .toArray();
      expect(docs).toHaveLength(12);
      for (const [i, id] of paymentIds.entries()) {
        const doc = docs.find((d) => d._id === id);
        const paidAttempts = Object.values(doc?.attempts ?? {}).filter((a) => a.status === 'paid');
        expect(paidAttempts).toHaveLength(1);
        expect(doc?.paidAmountSen).toBe(lumpSums[i]?.line.amountSen);
        const s = await statusOf(id);
        expect(s.amountSen).toBe(lumpSums[i]?.line.amountSen);
        expect(s.results.at(-1)?.status).toBe('paid');
      }
      const report = reconcile(MONTH, await loadReconciliationInputs(mongo, MONTH));
      expect(report.paymentsByLatestStatus.paid).toBe(12);
      expect(report.unsettled).toEqual([]);
      expect(report.discrepancies).toBe(0);

      // An officer action on a paid lump sum is refused (its workflow has ended).
      const late = await runCli('payment-retry', paymentIds[0] ?? '', '--actor', 'officer.aziz', '--reason', 'again');
      expect(late.code).toBe(2);
    } finally {
      await bank.stop();
      await results.stop();
    }
  });

  it('when a re-sent lump sum fails and is held again, then the same retry command acts again on the new hold, while repeating it on one hold re-sends once', async () => {
    // No bank here: the test answers for it with signals, so every attempt fails until it says paid.
    const issued = await activities.issuePayment({
      claimId: CLAIM_ID,
      awardId: `${CLAIM_ID}-AWD-${suffix.replace(/[^A-Za-z0-9]/g, '')}H`,
      lineId: 'PDB-HOLD',
      beneficiaryId: 'IP-0000012345',
      month: MONTH,
      line: anAwardLine({ lineId: 'PDB-HOLD', kind: 'lump-sum', amountSen: sen(123_456), amountBasis: 'lump-sum' }),
      payee: { name: 'Aminah binti Test', bankAccount: aBankAccount(), paidToGuardian: false },
      issuedAt: new Date().toISOString(),
    });
    const { paymentId } = issued;
    const handle = await client.workflow.start(lumpSumPaymentWorkflow, {
      taskQueue,
      workflowId: lumpSumWorkflowId(paymentId),
      args: [
        {
          paymentId,
          claimId: CLAIM_ID,
          awardId: paymentId.split(':')[0] ?? '',
          beneficiaryId: 'IP-0000012345',
          benefitType: 'permanent-disablement',
          amountSen: issued.amountSen,
          // Held after the first failure: every failure below is a new hold.
          config: { resultTimeout: '2 minutes', failedRetrySchedule: [] },
        },
      ],
    });
    const status = async () => LumpSumPaymentStatus.parse(await handle.query(getPaymentStatusQuery));
    const answer = (result: 'failed' | 'paid') =>
      handle.signal(
        paymentResultSignal,
        result === 'paid'
          ? aPaymentResult({ paymentId, amountSen: sen(issued.amountSen), settledAt: new Date().toISOString() })
          : aPaymentResult({
              paymentId,
              status: 'failed',
              amountSen: sen(issued.amountSen),
              reasonCode: 'BANK_UNAVAILABLE',
              reasonText: 'The bank was down.',
              settledAt: new Date().toISOString(),
            } as Partial<PaymentResultV1>)
      );
    const heldAt = (holds: number) =>
      eventually(async () => {
        const s = await status();
        return s.state === 'held' && s.holds === holds ? s : undefined;
      }, 60_000);
    const retry = async () => {
      const run = await runCli(
        'payment-retry',
        paymentId,
        '--actor',
        'officer.aziz',
        '--reason',
        'Bank is up again.',
        '--json'
      );
      expect(run).toMatchObject({ code: 0 });
      return LumpSumPaymentStatus.parse(JSON.parse(run.stdout));
    };

    await answer('failed');
    expect(await heldAt(1)).toMatchObject({ attempts: 1, holdReason: 'payment-failed' });
    expect(await retry()).toMatchObject({ state: 'held', holds: 1 });
    await eventually(async () => (await status()).attempts === 2, 60_000);
    // The same command again on the same hold (a double click, a lost answer): answered, not re-sent again.
    await retry();
    expect(await status()).toMatchObject({ state: 'sent', attempts: 2 });

    await answer('failed');
    await heldAt(2);
    // The same words on the new hold are a new action: a third attempt.
    await retry();
    await eventually(async () => (await status()).attempts === 3, 60_000);
    await answer('paid');
    const final = LumpSumPaymentStatus.parse(await handle.result());
    expect(final).toMatchObject({ state: 'paid', attempts: 3, holds: 2 });
    expect(final.results.map((r) => r.status)).toEqual(['failed', 'failed', 'paid']);
  });
});
