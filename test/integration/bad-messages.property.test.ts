import { randomInt } from 'node:crypto';
import type { Client, Connection as TemporalConnection } from '@temporalio/client';
import fc from 'fast-check';
import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureTopics } from '../../infra/kafka/topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createPaymentResultStore } from '../../infra/mongo/payment-results';
import { createRegistryRepository } from '../../infra/mongo/registry-repository';
import { claimWorkflowId, createClaimStarter } from '../../infra/temporal/claim-starter';
import { createTemporalClient, createTemporalConnection } from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import type { ClaimSubmitted } from '../../schemas/events/claim-submitted.v1';
import type { ContributionRecordedV1 } from '../../schemas/events/contribution-recorded.v1';
import type { EmployerUpsertedV1 } from '../../schemas/events/employer-upserted.v1';
import type { InsuredPersonUpsertedV1 } from '../../schemas/events/insured-person-upserted.v1';
import type { MedicalAssessmentDecidedV1 } from '../../schemas/events/medical-assessment-decided.v1';
import type { PaymentInstructionV1 } from '../../schemas/events/payment-instruction.v1';
import type { PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import type { MedicalBoardDecision } from '../../schemas/medical/board-decision';
import { createBankConsumer } from '../../workers/bank/bank-consumer';
import { createBankTransferStore } from '../../workers/bank/transfer-store';
import { createIntakeConsumer } from '../../workers/intake/intake-consumer';
import { createMedicalAssessmentConsumer } from '../../workers/medical/medical-assessment-consumer';
import { createPaymentResultsConsumer } from '../../workers/payments/payment-results-consumer';
import { createResultSignaller } from '../../workers/payments/result-signaller';
import { createRegistryConsumer } from '../../workers/registry/registry-consumer';
import {
  claimsCase,
  instructionsCase,
  medicalCase,
  paymentResultsCase,
  type TopicCase,
} from '../support/bad-messages/contracts';
import { contributionsCase, employersCase, insuredPersonsCase } from '../support/bad-messages/registry-contracts';
import {
  batchFor,
  consumeAll,
  expectCounted,
  expectDeadLetters,
  summarised,
  watchedPolicy,
  type Batches,
  type Sent,
} from '../support/bad-messages/run';
import { readToEnd } from '../support/topic-reader';
import { uniqueSuffix } from '../support/unique';

/**
 * Every consumer over the real broker against every kind of bad message (STYLE H16): for each consumed topic
 * fast-check generates one batch holding one message of each kind (at least 50 per topic, derived from the topic's
 * zod schema so every field gets a wrong type), mixed with valid messages and duplicates of them, in a generated
 * order. The real consumer runs over it; it must keep going and account for every message: count in = processed +
 * duplicates + dead-lettered by its counters, every bad message once in the DLQ with a reason and its original
 * bytes, no valid one there, each valid one processed, no attempt failed and nothing crashed.
 *
 * One run per consumer (numRuns 1, no shrinking: a run costs a consumer group and a DLQ read). The five runs start
 * side by side in `beforeAll` and each test reports its consumer's; a failure prints fast-check's seed, which
 * `BAD_MESSAGES_SEED=<seed>` replays (the same kinds and values; the business ids are new each run). Ports that
 * need no running workflow are the real ones (Temporal client, FerretDB stores); Medical Board decisions go to a
 * recording port, since accepting one needs a claim workflow in the right stage.
 */

describe('bad messages on every consumed topic (real Kafka, FerretDB and Temporal)', () => {
  const config = loadConfig();
  const run = uniqueSuffix();
  const topic = (base: string) => `${base}.bm.${run}`;
  const runDigits = String(randomInt(100_000_000, 1_000_000_000));
  /** Business ids unique to this run: the Temporal server is shared, and a claim id is never started twice. */
  const ids = (i: number) => `${runDigits}${String(i).padStart(4, '0')}`;
  let kafka: Kafka;
  let mongo: Connection;
  let temporal: TemporalConnection;
  let client: Client;
  const startedClaims: string[] = [];
  const createdTopics: string[] = [];
  const runs = new Map<string, Promise<void>>();

  /** Runs one consumer's property (one generated batch) and keeps its outcome for its test. */
  function property(
    name: string,
    cases: Array<{ topic: string; tc: TopicCase<unknown> }>,
    check: (batches: Batches) => Promise<void>
  ): void {
    const arbitrary = fc
      .tuple(...cases.map(({ tc }) => batchFor(tc)))
      .map((all) => summarised(all.map((messages, i) => ({ topic: cases[i]!.topic, messages }))));
    const seed = process.env.BAD_MESSAGES_SEED;
    const outcome = fc.assert(fc.asyncProperty(arbitrary, check), {
      numRuns: 1,
      endOnFailure: true,
      ...(seed !== undefined ? { seed: Number(seed) } : {}),
    });
    outcome.catch(() => undefined); // reported by the consumer's test
    runs.set(name, outcome);
  }

  beforeAll(async () => {
    kafka = createKafka(config);
    const admin = kafka.admin();
    await admin.connect();
    const sources = [
      'claims.submitted',
      'medical.assessments',
      'payments.results',
      'payments.instructions',
      'registry.insured-persons',
      'registry.employers',
      'registry.contributions',
    ];
    const dlqs = ['claims.submitted', 'medical.assessments', 'payments.results', 'payments.instructions', 'registry'];
    const topics = [
      ...sources.map((s) => ({ name: topic(s) })),
      ...dlqs.map((d) => ({ name: topic(`${d}.dlq`), partitions: 1 })),
      { name: topic('bank.results') },
    ];
    createdTopics.push(...topics.map((t) => t.name));
    await ensureTopics(admin, topics, { partitions: 3, replicationFactor: 1 });
    // Bodies just under what a source topic accepts (2 MB where it would allow that): the limit is on the record
    // batch, so 256 bytes stay free for its header (61), the record's framing, key and headers (at most ~220 here).
    // The dead-letter headers then no longer fit beside the body uncompressed.
    const { resources } = await admin.describeConfigs({
      resources: [
        { type: ConfigResourceTypes.TOPIC, name: topic('claims.submitted'), configNames: ['max.message.bytes'] },
      ],
      includeSynonyms: false,
    });
    await admin.disconnect();
    const maxValueBytes = Number(resources[0]?.configEntries[0]?.configValue ?? 1_048_588) - 256;
    mongo = await createMongoConnection(config.MONGODB_URI, { dbName: `it_bad_messages_${run.replace(/-/g, '_')}` });
    temporal = await createTemporalConnection(config);
    client = createTemporalClient(temporal, config, getClientDataConverter(config));

    const claims = claimsCase(ids, maxValueBytes);
    startedClaims.push(...claims.valid.map((c) => claimWorkflowId(c.claimId)));
    property('intake', [{ topic: topic('claims.submitted'), tc: claims }], async (batches) => {
      const watch = watchedPolicy();
      const consumer = createIntakeConsumer({
        kafka,
        policy: watch.policy,
        starter: createClaimStarter(client, `bad-messages-${run}`),
        groupId: `bm-intake-${run}`,
        sourceTopic: topic('claims.submitted'),
        dlqTopic: topic('claims.submitted.dlq'),
      });
      const sent = await consumeAll(kafka, batches, consumer);
      const c = consumer.counters;
      expectCounted(watch, sent, {
        accepted: c.started + c.duplicate,
        duplicates: c.duplicate,
        deadLettered: c.deadLettered,
      });
      expectDeadLetters(sent, await readToEnd(kafka, topic('claims.submitted.dlq')));
      for (const claim of claims.valid as ClaimSubmitted[]) {
        const description = await client.workflow.getHandle(claimWorkflowId(claim.claimId)).describe();
        expect(description.memo?.intakeEventId).toBe(claim.eventId);
      }
    });

    const medical = medicalCase((i) => ids(100 + i), maxValueBytes);
    property('medical', [{ topic: topic('medical.assessments'), tc: medical }], async (batches) => {
      // The claim workflows' update is not under test: a port that accepts every decision and records it.
      const delivered: MedicalBoardDecision[] = [];
      const watch = watchedPolicy();
      const consumer = createMedicalAssessmentConsumer({
        kafka,
        policy: watch.policy,
        delivery: {
          async deliver(decision) {
            delivered.push(decision);
            return 'delivered';
          },
        },
        groupId: `bm-medical-${run}`,
        sourceTopic: topic('medical.assessments'),
        dlqTopic: topic('medical.assessments.dlq'),
      });
      const sent = await consumeAll(kafka, batches, consumer);
      // A repeated decision is delivered again (the workflow ignores a repeated assessmentId).
      const c = consumer.counters;
      expectCounted(watch, sent, { accepted: c.delivered, deadLettered: c.deadLettered });
      expectDeadLetters(sent, await readToEnd(kafka, topic('medical.assessments.dlq')));
      const expected = sent.filter((m) => m.kind === 'valid' || m.kind === 'duplicate');
      const decisionOf = (m: Sent) => (JSON.parse(String(m.value)) as MedicalAssessmentDecidedV1).decision;
      expect(delivered.map((d) => d.assessmentId).sort()).toEqual(
        expected.map((m) => decisionOf(m).assessmentId).sort()
      );
    });

    const results = paymentResultsCase((i) => ids(200 + i), maxValueBytes);
    property('payment results', [{ topic: topic('payments.results'), tc: results }], async (batches) => {
      const store = createPaymentResultStore(mongo);
      const watch = watchedPolicy();
      const consumer = createPaymentResultsConsumer({
        kafka,
        policy: watch.policy,
        store,
        signaller: createResultSignaller(client),
        groupId: `bm-results-${run}`,
        sourceTopic: topic('payments.results'),
        dlqTopic: topic('payments.results.dlq'),
      });
      const sent = await consumeAll(kafka, batches, consumer);
      const c = consumer.counters;
      expectCounted(watch, sent, {
        accepted: c.signalled + c.noWorkflow + c.duplicate,
        duplicates: c.duplicate,
        deadLettered: c.deadLettered,
      });
      expectDeadLetters(sent, await readToEnd(kafka, topic('payments.results.dlq')));
      for (const result of results.valid as PaymentResultV1[]) {
        expect((await store.ofPayment(result.paymentId)).map((r) => r.eventId)).toEqual([result.eventId]);
      }
    });

    const instructions = instructionsCase((i) => ids(300 + i), maxValueBytes);
    property('simulated bank', [{ topic: topic('payments.instructions'), tc: instructions }], async (batches) => {
      const store = createBankTransferStore(mongo);
      const watch = watchedPolicy();
      const consumer = createBankConsumer({
        kafka,
        policy: watch.policy,
        store,
        rates: { failRate: 0.3, returnRate: 0.2 },
        groupId: `bm-bank-${run}`,
        sourceTopic: topic('payments.instructions'),
        resultsTopic: topic('bank.results'),
        dlqTopic: topic('payments.instructions.dlq'),
      });
      const sent = await consumeAll(kafka, batches, consumer);
      const c = consumer.counters;
      expectCounted(watch, sent, {
        accepted: c.paid + c.failed + c.returned + c.resent,
        duplicates: c.resent,
        deadLettered: c.deadLettered,
      });
      expectDeadLetters(sent, await readToEnd(kafka, topic('payments.instructions.dlq')));
      for (const p of instructions.valid as PaymentInstructionV1[]) {
        expect(Object.keys((await store.get(p.paymentId))?.attempts ?? {})).toEqual([p.eventId]);
      }
    });

    const persons = insuredPersonsCase((i) => ids(400 + i), maxValueBytes);
    const employers = employersCase((i) => ids(500 + i), maxValueBytes);
    const contributions = contributionsCase((i) => ids(600 + i), maxValueBytes);
    const registryTopics = {
      'insured-persons': topic('registry.insured-persons'),
      employers: topic('registry.employers'),
      contributions: topic('registry.contributions'),
    };
    property(
      'registry',
      [
        { topic: registryTopics['insured-persons'], tc: persons },
        { topic: registryTopics.employers, tc: employers },
        { topic: registryTopics.contributions, tc: contributions },
      ],
      async (batches) => {
        const registry = await createRegistryRepository(mongo);
        const watch = watchedPolicy();
        const consumer = createRegistryConsumer({
          kafka,
          policy: watch.policy,
          registry,
          groupId: `bm-registry-${run}`,
          topics: registryTopics,
          dlqTopic: topic('registry.dlq'),
        });
        const sent = await consumeAll(kafka, batches, consumer);
        // A repeated record is applied again or found stale: either way it is not dead-lettered.
        const c = consumer.counters;
        expectCounted(watch, sent, { accepted: c.applied + c.stale, deadLettered: c.deadLettered });
        const dead = await readToEnd(kafka, topic('registry.dlq'));
        expectDeadLetters(sent, dead);
        for (const e of persons.valid as InsuredPersonUpsertedV1[]) {
          expect(await registry.findInsuredPerson(e.insuredPerson.insuredPersonId)).toEqual(e.insuredPerson);
        }
        for (const e of employers.valid as EmployerUpsertedV1[]) {
          expect(await registry.findEmployer(e.employer.employerId)).toEqual(e.employer);
        }
        for (const e of contributions.valid as ContributionRecordedV1[]) {
          const { insuredPersonId, month } = e.contribution;
          expect(await registry.listContributions(insuredPersonId, month, month)).toContainEqual(e.contribution);
        }
      }
    );
  });

  afterAll(async () => {
    await Promise.allSettled(runs.values());
    await Promise.all(
      startedClaims.map((id) =>
        client?.workflow
          .getHandle(id)
          .terminate('bad-messages test cleanup')
          .catch(() => undefined)
      )
    );
    await temporal?.close();
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close();
    // Megabytes of bodies just under the limit: this run's topics are dropped, not left on the shared broker.
    const admin = kafka?.admin();
    await admin?.connect();
    await admin?.deleteTopics({ topics: createdTopics }).catch(() => undefined);
    await admin?.disconnect();
  });

  it.each(['intake', 'medical', 'payment results', 'simulated bank', 'registry'])(
    'when the %s consumer gets every kind of bad message mixed with valid ones and duplicates, then it keeps going, dead-letters each bad one once with its bytes and processes each valid one',
    async (name) => {
      const outcome = runs.get(name);
      if (outcome === undefined) throw new Error(`no run for ${name}: the set-up failed`);
      await outcome;
    }
  );
});
