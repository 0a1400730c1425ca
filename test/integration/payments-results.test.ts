import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureTopics } from '../../infra/kafka/topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createPaymentResultStore, PAYMENT_RESULTS_COLLECTION } from '../../infra/mongo/payment-results';
import type { PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import { createPaymentResultsConsumer } from '../../workers/payments/payment-results-consumer';
import { createBankConsumer } from '../../workers/bank/bank-consumer';
import { decideOutcome } from '../../workers/bank/outcome';
import { createBankTransferStore } from '../../workers/bank/transfer-store';
import { loadReconciliationInputs } from '../../infra/mongo/reconciliation';
import { reconcile } from '../../workers/payments/reconciliation-report';
import { createResultSignaller } from '../../workers/payments/result-signaller';
import { periodicWorkflowIdOfPayment } from '../../workflows/periodic/ids';
import { aBankAccount, aPaymentInstruction, aPaymentResult } from '../support/builders';
import { quietBundlerLogger, quietTemporalRuntime } from '../support/quiet-temporal';
import { connectDevServerEnv } from '../support/temporal-env';
import { eventually, taskQueueFor, uniqueSuffix } from '../support/unique';
import {
  finishProbeSignal,
  paymentResultProbeWorkflow,
  receivedPaymentResultsQuery,
} from './fixtures/payment-result-workflows';

/**
 * The `payments.results` consumer over real Kafka, FerretDB and the Temporal dev server: a probe workflow with the
 * periodic workflow's id and signal stands in for the periodic-award workflow.
 */
describe('payment results consumer (real Kafka, FerretDB and Temporal)', () => {
  const config = loadConfig();
  const suffix = uniqueSuffix();
  const sourceTopic = `payments.results.${suffix}`;
  const dlqTopic = `payments.results.dlq.${suffix}`;
  const instructionsTopic = `payments.instructions.${suffix}`;
  const instructionsDlqTopic = `payments.instructions.dlq.${suffix}`;
  const e2eResultsTopic = `payments.results.e2e.${suffix}`;
  let kafka: Kafka;
  let conn: Connection;
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    quietTemporalRuntime();
    kafka = createKafka(config);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(
      admin,
      [
        { name: sourceTopic, partitions: 3 },
        { name: dlqTopic, partitions: 1 },
        { name: instructionsTopic, partitions: 3 },
        { name: instructionsDlqTopic, partitions: 1 },
        { name: e2eResultsTopic, partitions: 3 },
      ],
      { partitions: 3, replicationFactor: 1 }
    );
    await admin.disconnect();
    conn = await createMongoConnection(config.MONGODB_URI, { dbName: `it_results_${suffix.replace(/-/g, '_')}` });
    env = await connectDevServerEnv();
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/payment-result-workflows'),
      logger: quietBundlerLogger,
    });
  });

  afterAll(async () => {
    await conn?.dropDatabase().catch(() => undefined);
    await conn?.close();
    await env?.teardown();
  });

  it('when results are redelivered, returned after paid, for a lump sum or unreadable, then each is stored once, signalled once, kept or dead-lettered', async () => {
    const taskQueue = taskQueueFor('payment results');
    const awardId = `AW-IT-${suffix}`;
    const periodicPaymentId = `${awardId}:IP-0000012345:2026-10`;
    const lumpSumPaymentId = `AW-LUMP-${suffix}:IP-0000012345:2026-10`;
    const paid = aPaymentResult({ paymentId: periodicPaymentId });
    const returned = aPaymentResult({
      paymentId: periodicPaymentId,
      status: 'returned',
      reasonCode: 'ACCOUNT_CLOSED',
      reasonText: 'Account closed after crediting',
    } as Partial<PaymentResultV1>);
    const lumpSum = aPaymentResult({ paymentId: lumpSumPaymentId });
    const invalid = JSON.stringify({ ...paid, status: 'lost' });

    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle });
    const store = createPaymentResultStore(conn);
    await worker.runUntil(async () => {
      const probe = await env.client.workflow.start(paymentResultProbeWorkflow, {
        taskQueue,
        workflowId: periodicWorkflowIdOfPayment(periodicPaymentId),
      });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: sourceTopic,
        messages: [
          { key: paid.paymentId, value: JSON.stringify(paid) },
          { key: paid.paymentId, value: JSON.stringify(paid) }, // redelivered / re-sent by the bank
          { key: lumpSum.paymentId, value: JSON.stringify(lumpSum) },
          { key: paid.paymentId, value: invalid },
        ],
      });
      const groupId = `results-it-${suffix}`;
      const first = createPaymentResultsConsumer({
        kafka,
        store,
        signaller: createResultSignaller(env.client),
        groupId,
        sourceTopic,
        dlqTopic,
      });
      await first.start();
      await eventually(async () => first.counters.received >= 4, 60_000);
      await first.stop();

      // A second consumer in the same group after a restart, and the same paid result once more plus a return.
      await producer.send({
        topic: sourceTopic,
        messages: [
          { key: paid.paymentId, value: JSON.stringify(paid) },
          { key: returned.paymentId, value: JSON.stringify(returned) },
        ],
      });
      await producer.disconnect();
      const second = createPaymentResultsConsumer({
        kafka,
        store,
        signaller: createResultSignaller(env.client),
        groupId,
        sourceTopic,
        dlqTopic,
      });
      await second.start();
      await eventually(async () => second.counters.received >= 2, 60_000);
      await second.stop();

      expect(first.counters).toEqual({ received: 4, signalled: 1, noWorkflow: 1, duplicate: 1, deadLettered: 1 });
      expect(second.counters).toEqual({ received: 2, signalled: 1, noWorkflow: 0, duplicate: 1, deadLettered: 0 });
      const signals = await probe.query(receivedPaymentResultsQuery);
      expect(signals).toEqual([paid, returned]);
      await probe.signal(finishProbeSignal);
      await probe.result();
    });

    const history = await store.ofPayment(periodicPaymentId);
    expect(history.map((h) => [h.status, h.eventId, h.delivery])).toEqual([
      ['paid', paid.eventId, 'signalled'],
      ['returned', returned.eventId, 'signalled'],
    ]);
    expect((await store.ofPayment(lumpSumPaymentId)).map((h) => h.delivery)).toEqual(['no-workflow']);
    expect(await conn.collection(PAYMENT_RESULTS_COLLECTION).countDocuments()).toBe(3);

    const dead: { value: string; reason: string }[] = [];
    const reader = kafka.consumer({ groupId: `results-dlq-reader-${suffix}` });
    await reader.connect();
    await reader.subscribe({ topic: dlqTopic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) =>
        void dead.push({ value: String(message.value), reason: String(message.headers?.['x-dlq-reason']) }),
    });
    await eventually(async () => dead.length >= 1, 30_000);
    await reader.disconnect();
    expect(dead).toHaveLength(1);
    expect(dead[0]!.value).toBe(invalid);
    expect(dead[0]!.reason).toMatch(/status/);
  }, 180_000);

  it('when the simulated bank answers instructions, then each periodic workflow receives its one result and the month reconciles', async () => {
    const taskQueue = taskQueueFor('bank to workflow');
    const rates = { returnRate: 0.2, failRate: 0.2 };
    const instructions = Array.from({ length: 12 }, (_, i) =>
      aPaymentInstruction({
        awardId: `AW-E2E-${suffix}-${i}`,
        month: '2026-09',
        payee: {
          name: 'Aminah binti Test',
          bankAccount: aBankAccount({ accountNumber: String(900_000_000 + i) }),
          paidToGuardian: false,
        },
      })
    );
    for (const p of instructions) {
      await conn.collection<{ _id: string; [field: string]: unknown }>('payments').insertOne({
        _id: p.paymentId,
        paymentId: p.paymentId,
        claimId: p.claimId,
        awardId: p.awardId,
        instruction: p,
        published: true,
      });
    }
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle });
    await worker.runUntil(async () => {
      const probes = await Promise.all(
        instructions.map((p) =>
          env.client.workflow.start(paymentResultProbeWorkflow, {
            taskQueue,
            workflowId: periodicWorkflowIdOfPayment(p.paymentId),
          })
        )
      );
      const bank = createBankConsumer({
        kafka,
        store: createBankTransferStore(conn),
        rates,
        groupId: `bank-e2e-${suffix}`,
        sourceTopic: instructionsTopic,
        resultsTopic: e2eResultsTopic,
        dlqTopic: instructionsDlqTopic,
      });
      const results = createPaymentResultsConsumer({
        kafka,
        store: createPaymentResultStore(conn),
        signaller: createResultSignaller(env.client),
        groupId: `results-e2e-${suffix}`,
        sourceTopic: e2eResultsTopic,
        dlqTopic,
      });
      await bank.start();
      await results.start();
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({
        topic: instructionsTopic,
        messages: instructions.map((p) => ({
          key: p.claimId,
          value: JSON.stringify(p),
          headers: { 'payment-id': p.paymentId },
        })),
      });
      await producer.disconnect();
      try {
        await eventually(async () => bank.counters.received >= 12, 60_000);
        await eventually(async () => results.counters.received >= 12, 60_000);
      } finally {
        await bank.stop();
        await results.stop();
      }
      expect(results.counters).toEqual({ received: 12, signalled: 12, noWorkflow: 0, duplicate: 0, deadLettered: 0 });
      for (const [i, probe] of probes.entries()) {
        const p = instructions[i]!;
        const got = await probe.query(receivedPaymentResultsQuery);
        const expected = decideOutcome(
          { paymentId: p.paymentId, instructionEventId: p.eventId, bankAccount: p.payee.bankAccount },
          rates
        );
        expect(got.map((r) => [r.paymentId, r.status])).toEqual([[p.paymentId, expected.status]]);
        await probe.signal(finishProbeSignal);
      }
    });
    const report = reconcile('2026-09', await loadReconciliationInputs(conn, '2026-09'));
    // Every payment was answered at its ledger amount; those the bank failed or returned are listed as unsettled.
    const unpaid = report.paymentsByLatestStatus.failed + report.paymentsByLatestStatus.returned;
    expect(report).toMatchObject({ instructions: 12, results: 12, amountMismatches: [], amountsNotConfirmed: [] });
    expect(report.unsettled).toHaveLength(unpaid);
    expect(report.discrepancies).toBe(unpaid);
    expect(report.paymentsByLatestStatus.none).toBe(0);
  }, 180_000);
});
