import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { Client, Connection as TemporalConnection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureProjectTopics } from '../../infra/kafka/project-topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createRegistryRepository } from '../../infra/mongo/registry-repository';
import { claimWorkflowId, createClaimStarter } from '../../infra/temporal/claim-starter';
import {
  createTemporalClient,
  createTemporalConnection,
  createWorkerConnection,
} from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { Award, type AwardLine } from '../../schemas/benefits/award';
import { formatZodIssues } from '../../schemas/common/errors';
import { sen } from '../../schemas/common/money';
import { ClaimFacts } from '../../schemas/benefits/facts';
import type { ClaimStatus } from '../../schemas/claim/status';
import { BenefitAwardedV1 } from '../../schemas/events/benefit-awarded.v1';
import { ClaimSubmittedV1 } from '../../schemas/events/claim-submitted.v1';
import { Topics } from '../../schemas/topics';
import {
  approveAwardUpdate,
  decideAwardLineUpdate,
  getClaimStatusQuery,
  submitMedicalAssessmentUpdate,
} from '../../workflows/claim/messages';
import { mytDate } from '../../workers/demo/dates';
import { createIntakeConsumer, type IntakeConsumer } from '../../workers/intake/intake-consumer';
import { createClaimsWorker, createWorkerActivities } from '../../workers/temporal-worker';
import { buildCase, caseSpec, CLAIM_KINDS, type ClaimCase } from '../support/claim-cases';
import { runCli } from '../support/cli';
import { inChunks, terminateRunningOn } from '../support/temporal-cleanup';
import { uniqueSuffix } from '../support/unique';

/**
 * Issue 10's invariant over the real servers: for generated claims of every kind (fast-check over the registry facts
 * and the claim messages), the lines and amounts the claim workflow awards, as published on `benefits.awarded`,
 * equal what `claims award` computes from the same facts; and a claim waits for a second officer only when the
 * rules refer it to one or an award is above the authority limit, so every other claim closes on its own. The test
 * plays the Medical Board (it answers each request) and a second officer (it approves whatever waits, after
 * recording why it waited). Registry records go straight into the read model; claims go through Kafka intake.
 */
jest.setTimeout(600_000);

const PER_KIND = 5;
/** A low authority limit (RM8,000.00), so long MCs and pensions' arrears meet the maker-checker step. */
const AUTHORITY_LIMIT_SEN = 800_000;
/** Fail only when no claim has moved for this long (a loaded box is slow, not stuck). */
const STALL_MS = 120_000;
const CHECKER = 'test.checker';
/** The officer who sets referred lines' amounts, and the amount (RM123.45). */
const DECIDER = 'test.decider';
const DECIDED_SEN = 12_345;
const INJURY_KINDS: readonly string[] = [
  'work-accident',
  'commuting-accident',
  'occupational-disease',
  'lindung-off-duty',
];

const isTdb = (l: AwardLine) => l.benefitType === 'temporary-disablement';
/** A line as compared: what, to whom, how much, by which rules, with which status. */
const key = (l: AwardLine) =>
  JSON.stringify([l.lineId, l.benefitType, l.beneficiaryId, l.kind, l.status, l.amountSen, [...l.ruleIds].sort()]);

describe('award invariant: the claim path awards what the engine awards (real Kafka, Temporal and FerretDB)', () => {
  const suffix = uniqueSuffix();
  const topicSuffix = `.${suffix}`;
  const config = { ...loadConfig(), KAFKA_TOPIC_SUFFIX: topicSuffix };
  const topic = (t: string): string => `${t}${topicSuffix}`;
  const taskQueue = `award-invariant-${suffix}`;
  const dbName = `it_inv_${suffix.replace(/-/g, '_')}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'award-invariant-'));
  let kafka: Kafka;
  let mongo: Connection;
  let workerConnection: NativeConnection;
  let clientConnection: TemporalConnection;
  let client: Client;
  let producer: Producer;
  let worker: Worker;
  let workerRun: Promise<void>;
  let intake: IntakeConsumer | undefined;

  beforeAll(async () => {
    kafka = createKafka(config);
    await ensureProjectTopics(kafka, config);
    mongo = await createMongoConnection(config.MONGODB_URI, { dbName });
    workerConnection = await createWorkerConnection(config);
    clientConnection = await createTemporalConnection(config);
    client = createTemporalClient(clientConnection, config, getClientDataConverter(config));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    worker = await createClaimsWorker(
      workerConnection,
      config,
      taskQueue,
      await createWorkerActivities({ mongo, producer, client, topicName: topic })
    );
    workerRun = worker.run();
  });

  afterAll(async () => {
    await intake?.stop().catch(() => undefined);
    if (client) await terminateRunningOn(client, taskQueue, 'award invariant test cleanup');
    if (worker) {
      worker.shutdown();
      await workerRun.catch(() => undefined);
    }
    await producer?.disconnect().catch(() => undefined);
    await clientConnection?.close();
    await workerConnection?.close();
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when generated claims of every kind go through the pipeline, then each award equals `claims award` on the same facts, and only referred or over-limit awards wait for an officer', async () => {
    const today = mytDate(Date.now());
    const seed = Number(process.env.INVARIANT_SEED ?? Date.now() % 2_147_483_647);
    const runId = String(Date.now() % 1_000_000).padStart(6, '0');
    const specs = CLAIM_KINDS.flatMap((kind, k) =>
      fc.sample(
        caseSpec.map((s) => ({ ...s, kind })),
        { seed: seed + k, numRuns: PER_KIND }
      )
    );
    const cases: ClaimCase[] = specs.map((spec, i) => buildCase(spec, runId, i, today));
    console.log(`award invariant: ${cases.length} claims, INVARIANT_SEED=${seed}`);
    // The generator itself must produce valid input, or the test proves nothing.
    for (const c of cases) {
      const parsed = ClaimSubmittedV1.safeParse(c.claim);
      expect({ claimId: c.claimId, issues: parsed.success ? [] : formatZodIssues(parsed.error) }).toEqual({
        claimId: c.claimId,
        issues: [],
      });
      ClaimFacts.parse(c.facts);
    }
    await (await createRegistryRepository(mongo)).applyBatch(cases.flatMap((c) => c.registry));

    intake = createIntakeConsumer({
      kafka,
      starter: createClaimStarter(client, taskQueue, {
        authorityLimitSen: AUTHORITY_LIMIT_SEN,
        assessmentOverdueAfter: '30 days',
        approvalOverdueAfter: '30 days',
        approvalReminderInterval: '30 days',
      }),
      groupId: `award-invariant-${suffix}`,
      sourceTopic: topic(Topics.ClaimsSubmitted),
      dlqTopic: topic(Topics.ClaimsSubmittedDlq),
    });
    await intake.start();
    await producer.send({
      topic: topic(Topics.ClaimsSubmitted),
      acks: -1,
      messages: cases.map((c) => ({ key: c.claimId, value: JSON.stringify(c.claim) })),
    });

    // Drive every claim to its end: answer the board, approve what waits (recording which awards waited).
    const waited = new Map<string, Set<string>>();
    const boardAnswered = new Set<string>();
    const closed = new Map<string, ClaimStatus>();
    const t0 = Date.now();
    let lastProgress = Date.now();
    while (closed.size < cases.length) {
      if (Date.now() - lastProgress > STALL_MS) {
        const open = cases.filter((c) => !closed.has(c.claimId)).map((c) => c.claimId);
        throw new Error(`no claim moved for ${STALL_MS / 1000} s; still open: ${open.join(', ')}`);
      }
      await inChunks(
        cases.filter((c) => !closed.has(c.claimId)),
        8,
        async (c) => {
          const handle = client.workflow.getHandle(claimWorkflowId(c.claimId));
          let status: ClaimStatus;
          try {
            status = await handle.query(getClaimStatusQuery);
          } catch {
            return; // not started yet
          }
          if (['awarded', 'rejected', 'withdrawn'].includes(status.stage)) {
            const { status: run } = await handle.describe();
            if (run.name !== 'RUNNING') {
              closed.set(c.claimId, status);
              lastProgress = Date.now();
            }
            return;
          }
          if (status.stage === 'awaiting-medical-assessment' && c.decision && !boardAnswered.has(c.claimId)) {
            await handle.executeUpdate(submitMedicalAssessmentUpdate, { args: [c.decision] });
            boardAnswered.add(c.claimId);
            lastProgress = Date.now();
          }
          if (status.stage === 'awaiting-approval') {
            for (const awardId of status.pendingApprovals) {
              const set = waited.get(c.claimId) ?? new Set<string>();
              if (set.has(awardId)) continue;
              set.add(awardId);
              waited.set(c.claimId, set);
              // A line the rules leave to an officer gets its amount from one officer, then another approves.
              const referred = status.awards.find((a) => a.awardId === awardId)?.lines ?? [];
              for (const line of referred.filter((l) => l.status === 'officer-review')) {
                await handle.executeUpdate(decideAwardLineUpdate, {
                  args: [
                    {
                      actorId: DECIDER,
                      awardId,
                      lineId: line.lineId,
                      amountSen: sen(DECIDED_SEN),
                      reason: 'Set by the invariant test.',
                    },
                  ],
                });
              }
              await handle.executeUpdate(approveAwardUpdate, {
                args: [{ actorId: CHECKER, awardId, reason: 'Checked by the invariant test.' }],
              });
              lastProgress = Date.now();
            }
          }
        }
      );
      await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (Date.now() - t0) / 1000;

    // benefits.awarded, read from the beginning: every line of every award, once per event id.
    const lines = new Map<string, BenefitAwardedV1[]>();
    const seen = new Set<string>();
    const reader = kafka.consumer({ groupId: `award-invariant-reader-${suffix}` });
    await reader.connect();
    await reader.subscribe({ topics: [topic(Topics.BenefitsAwarded)], fromBeginning: true });
    const expectedLines = [...closed.values()].reduce(
      (n, s) => n + s.awards.filter((a) => a.eligibility !== 'not-eligible').reduce((m, a) => m + a.lines.length, 0),
      0
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`benefits.awarded: ${seen.size} of ${expectedLines} lines`)),
        60_000
      );
      void reader.run({
        eachMessage: async ({ message }) => {
          const e = BenefitAwardedV1.parse(JSON.parse(message.value!.toString()));
          if (seen.has(e.eventId)) return;
          seen.add(e.eventId);
          lines.set(e.claimId, [...(lines.get(e.claimId) ?? []), e]);
          if (seen.size >= expectedLines) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
      if (expectedLines === 0) resolve();
    });
    await reader.disconnect();

    const tally: Record<string, number> = {};
    const mismatches: unknown[] = [];
    for (const c of cases) {
      const status = closed.get(c.claimId)!;
      const published = lines.get(c.claimId) ?? [];
      const asOf = published[0]?.asOf ?? today;
      const file = path.join(dir, `${c.claimId}.json`);
      writeFileSync(file, JSON.stringify(c.facts));
      const run = await runCli('award', file, '--as-of', asOf);
      expect({ claimId: c.claimId, code: run.code, stderr: run.stderr }).toEqual({
        claimId: c.claimId,
        code: 0,
        stderr: '',
      });
      const engine = Award.parse(JSON.parse(run.stdout));
      const label = `${c.spec.kind}/${status.stage}`;
      tally[label] = (tally[label] ?? 0) + 1;

      // The outcome: refused exactly when the engine refuses.
      const outcome = { claimId: c.claimId, kind: c.spec.kind, stage: status.stage, engine: engine.eligibility };
      if ((status.stage === 'rejected') !== (engine.eligibility.outcome === 'not-eligible')) mismatches.push(outcome);
      if (status.stage === 'rejected') continue;

      // The lines: TDB summed over the MC-period awards and the final award; every other line one for one.
      const paid = published.map((e) => e.line);
      const sumTdb = (ls: AwardLine[]) => ls.filter(isTdb).reduce((n, l) => n + l.amountSen, 0);
      const actual = {
        tdbSen: sumTdb(paid),
        lines: paid
          .filter((l) => !isTdb(l))
          .map(key)
          .sort(),
      };
      // Lines the rules referred to an officer are paid at the amount the officer (here the test) decided.
      const decided = engine.lines.map((l) =>
        l.status === 'officer-review' ? { ...l, status: 'payable' as const, amountSen: sen(DECIDED_SEN) } : l
      );
      const expected = {
        tdbSen: sumTdb(decided),
        lines: decided
          .filter((l) => !isTdb(l))
          .map(key)
          .sort(),
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push({ claimId: c.claimId, kind: c.spec.kind, spec: c.spec, actual, expected });
      }

      // The authority check: an award waited for a second officer exactly when the rules referred it or it was
      // above the limit; so a claim the rules let close never waits (no 0-sen line held for an officer).
      for (const award of status.awards) {
        const shouldWait = award.eligibility === 'officer-review' || award.totalSen > AUTHORITY_LIMIT_SEN;
        const didWait = waited.get(c.claimId)?.has(award.awardId) === true;
        if (shouldWait !== didWait || (didWait && award.approvedBy !== CHECKER)) {
          mismatches.push({ claimId: c.claimId, award: award.awardId, shouldWait, didWait, award_: award });
        }
        if (
          award.scope === 'final' &&
          award.eligibility === 'officer-review' &&
          engine.eligibility.outcome !== 'officer-review'
        ) {
          mismatches.push({ claimId: c.claimId, referred: award.awardId, engine: engine.eligibility });
        }
      }
      // From the rules, not the engine: an injury claim is referred to an officer only for a PDB lump sum
      // (0 < LOEC <= 20 %, EI-PDB-004 without a commutation table). LOEC 0 % is no PDB at all (EI-PDB-001).
      if (INJURY_KINDS.includes(c.spec.kind)) {
        const referred = status.awards.find((a) => a.scope === 'final')?.eligibility === 'officer-review';
        const lumpSum = c.spec.loecPct > 0 && c.spec.loecPct <= 20;
        if (referred !== lumpSum) mismatches.push({ claimId: c.claimId, loecPct: c.spec.loecPct, referred, status });
      }
      if (engine.eligibility.outcome === 'eligible' && engine.lines.every((l) => l.status === 'payable')) {
        const final = status.awards.find((a) => a.scope === 'final');
        if (final?.eligibility === 'officer-review') mismatches.push({ claimId: c.claimId, heldForOfficer: final });
      }
    }
    console.log(
      `award invariant: ${cases.length} claims closed in ${seconds.toFixed(1)} s (${(cases.length / seconds).toFixed(2)} claims/s); ` +
        `${[...waited.values()].reduce((n, s) => n + s.size, 0)} approvals; by kind/stage ${JSON.stringify(tally)}`
    );
    expect(mismatches).toEqual([]);
    // Every kind was exercised, and both outcomes and the approval path occurred.
    expect(new Set(cases.map((c) => c.spec.kind)).size).toBe(CLAIM_KINDS.length);
    expect([...closed.values()].some((s) => s.stage === 'awarded')).toBe(true);
  });
});
