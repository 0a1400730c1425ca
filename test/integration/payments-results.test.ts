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
import { createResultSignaller } from '../../workers/payments/result-signaller';
import { periodicWorkflowIdOfPayment } from '../../workflows/periodic/ids';
import { aPaymentResult } from '../support/builders';
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
});
