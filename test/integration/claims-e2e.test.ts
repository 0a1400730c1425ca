import { execFile } from 'node:child_process';
import { createClaimsWorker, createWorkerActivities } from '../../workers/temporal-worker';
import { promisify } from 'node:util';
import { Client, type Connection as TemporalConnection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Worker } from '@temporalio/worker';
import { Runtime, type NativeConnection } from '@temporalio/worker';
import type { Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureProjectTopics } from '../../infra/kafka/project-topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createRegistryRepository, type RegistryItem } from '../../infra/mongo/registry-repository';
import { TEMPORAL_BIN } from '../../infra/servers/paths';
import { CLAIM_WORKFLOW_TYPE, claimWorkflowId, createClaimStarter } from '../../infra/temporal/claim-starter';
import {
  createTemporalClient,
  createTemporalConnection,
  createWorkerConnection,
} from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { ClaimLifecycleEvent } from '../../schemas/events/claim-lifecycle-event.v1';
import { Topics } from '../../schemas/topics';
import { getClaimStatusQuery } from '../../workflows/claim/messages';
import { ClaimStageKey, SlaBreachedKey } from '../../workflows/search-attributes';
import { mytDate } from '../../workers/demo/dates';
import { generateClaimStream, type DemoClaimMessage } from '../../workers/demo/synthetic-claims';
import { generateRegistry } from '../../workers/demo/synthetic-registry';
import { createIntakeConsumer, type IntakeConsumer } from '../../workers/intake/intake-consumer';
import { inChunks, terminateRunningOn } from '../support/temporal-cleanup';
import { waitOnProgress } from '../support/progress';
import { eventually, uniqueSuffix } from '../support/unique';

/**
 * Issue 4 end to end over the real servers: a synthetic registry in a fresh MongoDB database, a mixed batch of 220
 * demo claims (valid of every kind, unknown persons, exact duplicates, re-submissions, malformed JSON, schema-invalid)
 * produced to a fresh `claims.submitted` topic, the real intake consumer, and a real worker with the real activities
 * on a fresh task queue. The Medical Board never answers, so claims that reach it wait there until the (5 s) SLA
 * breaches. Nothing is mocked.
 */
// Generous: the waits below fail first, when nothing moves for a minute.
jest.setTimeout(1_200_000);

const execFileAsync = promisify(execFile);
const CLAIM_COUNT = 220;
const ASSESSMENT_SLA = '5 seconds';
/** Stages a claim passes through on its own: a claim still in one of them has not settled. */
const TRANSIENT = ['received', 'verifying', 'awarding'];
const TERMINAL_OR_WAITING = ['rejected', 'awarded', 'withdrawn', 'awaiting-information', 'awaiting-approval'];

interface StoredClaim {
  claimId: string;
  stage: string;
  lastSequence: number;
}

/** Every 12-digit IC number in a parsed claim (claimant, dependants, anyone), with its dashed spelling too. */
function icNumbersIn(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => icNumbersIn(n, out));
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k === 'icNumber' && typeof v === 'string') {
        out.add(v);
        if (/^\d{12}$/.test(v)) out.add(`${v.slice(0, 6)}-${v.slice(6, 8)}-${v.slice(8)}`);
      } else icNumbersIn(v, out);
    }
  }
}

/** The text of a JSON document plus every base64 string in it decoded (unencrypted payload bytes would show). */
function searchableText(json: string): string {
  const parts = [json];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') {
      if (node.length >= 16 && /^[A-Za-z0-9+/]+={0,2}$/.test(node))
        parts.push(Buffer.from(node, 'base64').toString('latin1'));
    } else if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') Object.values(node).forEach(walk);
  };
  try {
    walk(JSON.parse(json));
  } catch {
    // not JSON (a CLI error line): the raw text is still searched
  }
  return parts.join('\n');
}

describe('claim workflow end to end (real Kafka, Temporal and FerretDB)', () => {
  const suffix = uniqueSuffix();
  const topicSuffix = `.${suffix}`;
  const base = loadConfig();
  const config = { ...base, KAFKA_TOPIC_SUFFIX: topicSuffix };
  const topic = (t: string): string => `${t}${topicSuffix}`;
  const taskQueue = `claims-e2e-${suffix}`;
  const dbName = `it_e2e_${suffix.replace(/-/g, '_')}`;
  let kafka: Kafka;
  let mongo: Connection;
  let workerConnection: NativeConnection;
  let clientConnection: TemporalConnection;
  let client: Client;
  let eventsProducer: Producer;
  let worker: Worker;
  let workerRun: Promise<void>;
  let intake: IntakeConsumer | undefined;
  const logLines: string[] = [];
  let logSpy: jest.SpyInstance | undefined;

  beforeAll(async () => {
    kafka = createKafka(config);
    await ensureProjectTopics(kafka, config);
    mongo = await createMongoConnection(config.MONGODB_URI, { dbName });
    workerConnection = await createWorkerConnection(config);
    clientConnection = await createTemporalConnection(config);
    client = createTemporalClient(clientConnection, config, getClientDataConverter(config));
    eventsProducer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await eventsProducer.connect();

    // Every line the worker, its workflows' and activities' loggers write goes through the process-wide runtime
    // logger: record them all (before level filtering) to search for personal data; print errors only.
    const runtimeLogger = Runtime.instance().logger;
    const original = runtimeLogger.log.bind(runtimeLogger);
    logSpy = jest.spyOn(runtimeLogger, 'log').mockImplementation((level, message, meta) => {
      logLines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
      if (level === 'ERROR') original(level, message, meta);
    });

    worker = await createClaimsWorker(
      workerConnection,
      config,
      taskQueue,
      await createWorkerActivities({ mongo, producer: eventsProducer, client, topicName: topic })
    );
    workerRun = worker.run();
  });

  afterAll(async () => {
    await intake?.stop().catch(() => undefined);
    if (client) await terminateRunningOn(client, taskQueue, 'claims e2e test cleanup');
    if (worker) {
      worker.shutdown();
      await workerRun.catch(() => undefined);
    }
    logSpy?.mockRestore();
    await eventsProducer?.disconnect().catch(() => undefined);
    await clientConnection?.close();
    await workerConnection?.close();
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  it('when 220 mixed claims arrive, then each valid one settles in its expected stage, each bad one is dead-lettered, and no IC number leaks', async () => {
    // A registry of 400 synthetic persons, written straight into the read model.
    const asOf = `${mytDate(Date.now())}T00:00:00+08:00`;
    const registry = generateRegistry({ seed: `e2e-${suffix}`, asOf, persons: 400, employers: 40 });
    const items: RegistryItem[] = [
      ...registry.employers.map((e) => ({ kind: 'employers' as const, record: e.employer })),
      ...registry.insuredPersons.map((e) => ({ kind: 'insured-persons' as const, record: e.insuredPerson })),
      ...registry.contributions.map((e) => ({ kind: 'contributions' as const, record: e.contribution })),
    ];
    await (await createRegistryRepository(mongo)).applyBatch(items);

    const stream: DemoClaimMessage[] = generateClaimStream(
      registry.people,
      registry.employers.map((e) => e.employer.employerId),
      {
        seed: `e2e-${suffix}`,
        startMs: Date.now() - 120_000,
        count: CLAIM_COUNT,
        spacingMs: 500,
        mix: { malformed: 0.05, invalid: 0.05 },
      }
    );
    const count = (e: DemoClaimMessage['expected']): number => stream.filter((m) => m.expected === e).length;
    const validMessages = stream.filter((m) => m.expected === 'valid');
    const validIds = validMessages.map((m) => m.key);
    const kindOf = new Map(validMessages.map((m) => [m.key, m.kind]));
    const badMessages = stream.filter((m) => m.expected === 'malformed' || m.expected === 'invalid');
    expect(new Set(validIds).size).toBe(validIds.length);
    expect(count('malformed')).toBeGreaterThan(0);
    expect(count('invalid')).toBeGreaterThan(0);
    expect(count('duplicate') + count('resubmission')).toBeGreaterThan(0);

    const icNumbers = new Set<string>();
    for (const m of stream) {
      try {
        icNumbersIn(JSON.parse(m.value), icNumbers);
      } catch {
        // malformed: never reaches a workflow
      }
    }
    for (const p of registry.people) icNumbersIn(p.person.personal, icNumbers);
    expect(icNumbers.size).toBeGreaterThan(100);

    intake = createIntakeConsumer({
      kafka,
      starter: createClaimStarter(client, taskQueue, {
        assessmentOverdueAfter: ASSESSMENT_SLA,
        assessmentReminderInterval: '1 hour',
        informationDeadline: '1 hour',
        informationReminderInterval: '1 hour',
      }),
      groupId: `claims-e2e-${suffix}`,
      sourceTopic: topic(Topics.ClaimsSubmitted),
      dlqTopic: topic(Topics.ClaimsSubmittedDlq),
      onBatch: (c) =>
        logLines.push(
          `intake received=${c.received} started=${c.started} duplicate=${c.duplicate} dead-lettered=${c.deadLettered}`
        ),
    });
    await intake.start();

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const t0 = Date.now();
    await producer.send({
      topic: topic(Topics.ClaimsSubmitted),
      acks: -1,
      messages: stream.map((m) => ({ key: m.key, value: m.value })),
    });
    await producer.disconnect();

    // Counters: every message is counted once as exactly one of started, duplicate, dead-lettered.
    const counters = intake.counters;
    // No deadline: a loaded box is slow, not stuck. Each wait fails only when nothing moves for a minute.
    await waitOnProgress({
      read: async () => ({ ...counters }),
      key: (c) => String(c.received),
      done: (c) => c.received >= CLAIM_COUNT,
      describe: (c) => `intake received ${c.received} of ${CLAIM_COUNT} messages`,
    });
    expect(counters.received).toBe(CLAIM_COUNT);
    expect(counters.started + counters.duplicate + counters.deadLettered).toBe(counters.received);
    expect(counters.started).toBe(validIds.length);
    expect(counters.duplicate).toBe(count('duplicate') + count('resubmission'));
    expect(counters.deadLettered).toBe(badMessages.length);

    // Settling: no claim workflow of this batch is left in a stage it passes through on its own.
    const mine = `WorkflowType = "${CLAIM_WORKFLOW_TYPE}" AND TaskQueue = "${taskQueue}"`;
    const countOf = async (filter: string): Promise<number> =>
      (await client.workflow.count(`${mine} AND ${filter}`)).count;
    const settled = [...TERMINAL_OR_WAITING, 'awaiting-medical-assessment'];
    await waitOnProgress({
      read: async () => {
        const byStage: Record<string, number> = {};
        for (const stage of [...TRANSIENT, ...settled]) byStage[stage] = await countOf(`ClaimStage = "${stage}"`);
        return { started: (await client.workflow.count(mine)).count, byStage };
      },
      key: (s) => JSON.stringify(s),
      done: (s) =>
        s.started === validIds.length &&
        settled.reduce((n, stage) => n + (s.byStage[stage] ?? 0), 0) === validIds.length,
      describe: (s) => `${s.started} of ${validIds.length} claims started; by stage ${JSON.stringify(s.byStage)}`,
    });
    const settledMs = Date.now() - t0;

    // Operators' List Filter: every claim waiting for the board is found once its SLA has breached.
    await eventually(
      async () =>
        (await countOf('ClaimStage = "awaiting-medical-assessment"')) ===
        (await countOf('ClaimStage = "awaiting-medical-assessment" AND SlaBreached = true')),
      60_000
    );
    const overdue: string[] = [];
    for await (const wf of client.workflow.list({
      query: `ClaimStage = "awaiting-medical-assessment" AND SlaBreached = true AND TaskQueue = "${taskQueue}"`,
    })) {
      overdue.push(wf.workflowId);
    }
    expect(overdue.length).toBeGreaterThan(0);

    // Per claim: the query, the search attributes and Mongo agree; the stage is the one its kind must reach.
    const claimsColl = mongo.collection<StoredClaim>('claims');
    const stored = new Map((await claimsColl.find({}).toArray()).map((d) => [d.claimId, d] as [string, StoredClaim]));
    const stages = new Map<string, string>();
    await inChunks(validIds, 20, async (claimId) => {
      const handle = client.workflow.getHandle(claimWorkflowId(claimId));
      const [status, description] = await Promise.all([handle.query(getClaimStatusQuery), handle.describe()]);
      const saStage = description.typedSearchAttributes.get(ClaimStageKey);
      expect({ claimId, stage: saStage }).toEqual({ claimId, stage: status.stage });
      expect({ claimId, stage: stored.get(claimId)?.stage }).toEqual({ claimId, stage: status.stage });
      expect({ claimId, seq: stored.get(claimId)?.lastSequence }).toEqual({ claimId, seq: status.lastSequence });
      if (status.stage === 'awaiting-medical-assessment') {
        expect({ claimId, sla: description.typedSearchAttributes.get(SlaBreachedKey) }).toEqual({ claimId, sla: true });
        expect(overdue).toContain(claimWorkflowId(claimId));
      }
      stages.set(claimId, status.stage);
    });
    expect(stored.size).toBe(validIds.length);
    for (const claimId of validIds) {
      const kind = kindOf.get(claimId) ?? '';
      const stage = stages.get(claimId);
      // An unknown person at a registered employer goes on to officer review (EI-COV-005): to the board, or for a
      // death straight to an officer's approval; at an employer that is not active it is refused (EI-COV-003).
      const expected = kind.endsWith('unknown insured person')
        ? kind.startsWith('death')
          ? ['awaiting-approval', 'awaiting-information', 'rejected']
          : ['awaiting-medical-assessment', 'awaiting-information', 'rejected']
        : kind === 'nei-abroad' || kind === 'nei-before-start'
          ? ['rejected']
          : kind === 'death'
            ? ['awarded', 'awaiting-approval', 'rejected']
            : ['awaiting-medical-assessment', 'awaiting-information', 'rejected'];
      expect({ claimId, kind, allowed: expected.includes(stage ?? '') }).toEqual({ claimId, kind, allowed: true });
    }
    const tally: Record<string, number> = {};
    for (const s of stages.values()) tally[s] = (tally[s] ?? 0) + 1;
    console.log(
      `claims e2e: ${CLAIM_COUNT} messages (${validIds.length} claims) settled in ${(settledMs / 1000).toFixed(1)} s: ` +
        `${((CLAIM_COUNT / settledMs) * 1000).toFixed(1)} messages/s, ${((validIds.length / settledMs) * 1000).toFixed(1)} claims/s; stages ${JSON.stringify(tally)}`
    );
    expect(tally['awaiting-medical-assessment']).toBeGreaterThan(0);
    expect(tally.rejected).toBeGreaterThan(0);

    // claims.events and the DLQ, read from the beginning.
    const events: KafkaMessage[] = [];
    const dead: KafkaMessage[] = [];
    const reader = kafka.consumer({ groupId: `claims-e2e-reader-${suffix}` });
    await reader.connect();
    await reader.subscribe({
      topics: [topic(Topics.ClaimsEvents), topic(Topics.ClaimsSubmittedDlq)],
      fromBeginning: true,
    });
    await reader.run({
      eachMessage: async ({ topic: t, message }) =>
        void (t === topic(Topics.ClaimsEvents) ? events.push(message) : dead.push(message)),
    });
    const expectedEvents = [...stored.values()].reduce((n, c) => n + c.lastSequence, 0);
    try {
      await eventually(
        async () =>
          dead.length >= badMessages.length &&
          new Set(
            events.map((m) => `${m.key?.toString()}:${m.headers?.['event-id']?.toString() ?? m.value?.toString()}`)
          ).size >= expectedEvents,
        60_000
      );
    } finally {
      await reader.disconnect();
    }

    // DLQ: every bad message, its original bytes, the reason and the source named in headers.
    expect(dead).toHaveLength(badMessages.length);
    const dlqEntries = dead.map((m) => `${m.key?.toString()}|${m.value?.toString() ?? ''}`).sort();
    expect(dlqEntries).toEqual(badMessages.map((m) => `${m.key}|${m.value}`).sort());
    for (const m of dead) {
      const reason = m.headers?.['x-dlq-reason']?.toString() ?? '';
      const original = badMessages.find((b) => b.key === m.key?.toString() && b.value === (m.value?.toString() ?? ''));
      expect(reason.length).toBeGreaterThan(0);
      if (original?.expected === 'malformed') expect(reason).toMatch(/^(malformed JSON|empty message value)/);
      else expect(reason).not.toMatch(/^(malformed JSON|empty message value)/);
      expect(m.headers?.['x-source-topic']?.toString()).toBe(topic(Topics.ClaimsSubmitted));
    }

    // claims.events: per claim, sequences 1..n without gap or repeat, and the last event's stage is Mongo's.
    // Publishing is at least once (an activity retried after a timeout publishes again): a repeat carries the same
    // event id and sequence, which is how consumers de-duplicate. Distinct events per claim are then 1..n.
    const lifecycle = events;
    const perClaim = new Map<string, Map<number, { eventId: string; stage: string }>>();
    let repeats = 0;
    for (const m of lifecycle) {
      const e = ClaimLifecycleEvent.parse(JSON.parse(m.value!.toString()));
      expect(m.key?.toString()).toBe(e.claimId);
      const bySequence = perClaim.get(e.claimId) ?? new Map<number, { eventId: string; stage: string }>();
      const seen = bySequence.get(e.sequence);
      if (seen !== undefined) {
        repeats += 1;
        expect({ claimId: e.claimId, sequence: e.sequence, eventId: seen.eventId }).toEqual({
          claimId: e.claimId,
          sequence: e.sequence,
          eventId: e.eventId,
        });
      }
      bySequence.set(e.sequence, { eventId: e.eventId, stage: e.stage });
      perClaim.set(e.claimId, bySequence);
    }
    if (repeats > 0) console.log(`claims e2e: ${repeats} lifecycle event(s) published more than once (same event id)`);
    expect([...perClaim.keys()].sort()).toEqual([...validIds].sort());
    for (const [claimId, bySequence] of perClaim) {
      const sequences = [...bySequence.keys()].sort((a, b) => a - b);
      expect({ claimId, sequences }).toEqual({ claimId, sequences: sequences.map((_, i) => i + 1) });
      expect({ claimId, last: sequences.length }).toEqual({ claimId, last: stored.get(claimId)?.lastSequence });
      expect({ claimId, stage: bySequence.get(sequences.length)?.stage }).toEqual({
        claimId,
        stage: stored.get(claimId)?.stage,
      });
    }
    // No personal data in the events either.
    const eventText = events.map((m) => m.value?.toString() ?? '').join('\n');

    // No IC number in any raw history: every history as the server stores it (a client without the codec, wire
    // bytes), and a sample of one claim per stage as `temporal workflow show` (no codec) prints it.
    const plain = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE });
    const wire = await inChunks(validIds, 10, async (claimId) =>
      Buffer.from(
        temporal.api.history.v1.History.encode(
          await plain.workflow.getHandle(claimWorkflowId(claimId)).fetchHistory()
        ).finish()
      ).toString('latin1')
    );
    const sample = [...new Map([...stages].map(([claimId, stage]) => [stage, claimId])).values()];
    const histories = await inChunks(sample, 4, async (claimId) => {
      const { stdout } = await execFileAsync(
        TEMPORAL_BIN,
        [
          'workflow',
          'show',
          '--address',
          config.TEMPORAL_ADDRESS,
          '--namespace',
          config.TEMPORAL_NAMESPACE,
          '--workflow-id',
          claimWorkflowId(claimId),
          '--output',
          'json',
        ],
        { maxBuffer: 64 * 1024 * 1024 }
      );
      return stdout;
    });
    expect(histories.every((h) => /workflowExecutionStarted/i.test(h))).toBe(true);
    const historyText = [...histories.map(searchableText), ...wire].join('\n');
    const logText = logLines.join('\n');
    expect(logLines.length).toBeGreaterThan(0);
    const leaks = [...icNumbers].filter(
      (ic) => historyText.includes(ic) || logText.includes(ic) || eventText.includes(ic)
    );
    expect(leaks).toEqual([]);
  });
});
