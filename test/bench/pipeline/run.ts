import os from 'node:os';
import path from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import type { Producer } from 'kafkajs';
import type { Connection as MongoConnection } from 'mongoose';
import { createKafka } from '../../../infra/kafka/client';
import { ensureProjectTopics } from '../../../infra/kafka/project-topics';
import { createMongoConnection } from '../../../infra/mongo/connection';
import { createRegistryRepository } from '../../../infra/mongo/registry-repository';
import { ROOT } from '../../../infra/servers/paths';
import { up } from '../../../infra/servers/stack';
import { claimWorkflowId } from '../../../infra/temporal/claim-starter';
import { createTemporalClient, createTemporalConnection } from '../../../infra/temporal/connection';
import { getClientDataConverter } from '../../../infra/temporal/data-converter';
import { Topics } from '../../../schemas/topics';
import { createMedicalBoard, type MedicalBoard } from '../../../workers/demo/medical-board';
import type { BenchChild } from './children';
import { generateBenchClaims } from './claims';
import { watchClaims, type ClaimsWatch } from './claims-watch';
import { measurePhase, type Measured } from './measure';
import { createOfficers } from './officers';
import { baselinePhase, claimsOn, realPhase, type PhaseTarget } from './phases';
import {
  deleteKafkaLeftovers,
  ownGroupsJoined,
  startBaseline,
  startPlatform,
  terminateRunning,
  watchedProcesses,
} from './platform';
import { memoryKiB } from './procfs';
import type { ClaimMessage } from './produce';
import { gitState, type PhaseName, type PhaseResult, type PipelineBenchReport } from './report';
import { scopeFor } from './scope';
import { describeShape, historyShapeOf } from './shape';
import { probeShape } from './shape-probe';
import { countOf } from './visibility';

/** What `npm run bench:pipeline` runs (test/bench/pipeline.ts parses the flags). */
export interface PipelineBenchOptions {
  /** Claims per phase. */
  claims: number;
  /** Claims a second offered in the `rate` phase. */
  rate: number;
  /** Claims through the real pipeline before anything is measured (and whose histories give the baseline's shape). */
  warmup: number;
  phases: PhaseName[];
  /** Fail when nothing has moved for this long. */
  stallMs: number;
  name: string;
}

/** Warm-up rounds at most, until a claim is awarded with no officer (the shape the baseline repeats). */
const SHAPE_ROUNDS = 3;
const BASELINE_WARMUP = 10;

const say = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/**
 * The pipeline bench over the real local servers (`up()` first, as the integration tests do): the platform's own
 * worker and consumers processes on topics, groups, a task queue and a database of the run's own; the simulated
 * Medical Board and officers answering at once in the bench process; warm-up claims (one awarded with no officer
 * gives the shape); the no-op baseline; then the claims unthrottled and at the offered rate. Everything the run
 * created is removed at the end (topics, groups, databases; running workflows terminated).
 */
export async function runPipelineBench(options: PipelineBenchOptions): Promise<PipelineBenchReport> {
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = os.loadavg();
  await up();
  const runId = `bp${Date.now().toString(36)}`;
  const real = scopeFor(runId, 'real');
  const noop = scopeFor(runId, 'noop');
  const withBaseline = options.phases.includes('baseline');
  const realPhases = options.phases.filter((p) => p !== 'baseline');
  const total =
    options.warmup * SHAPE_ROUNDS +
    (withBaseline ? BASELINE_WARMUP + options.claims : 0) +
    options.claims * realPhases.length;
  const warnings: string[] = [];
  say(`run ${runId}: generating ${total} claims and their registry`);
  const generated = generateBenchClaims(runId, total);
  let cursor = 0;
  const take = (n: number): ClaimMessage[] => generated.messages.slice(cursor, (cursor += n));

  const kafka = createKafka(real.config);
  const children: BenchChild[] = [];
  let mongo: MongoConnection | undefined;
  let connection: Connection | undefined;
  let producer: Producer | undefined;
  let board: MedicalBoard | undefined;
  let watch: ClaimsWatch | undefined;
  const phases: PhaseResult[] = [];
  let shape: PipelineBenchReport['shape'] = null;
  let workerPeakRssMiB: number | null = null;
  let openWorkflowsAtEnd: number | null = null;
  try {
    await ensureProjectTopics(kafka, real.config);
    if (withBaseline) await ensureProjectTopics(kafka, noop.config);
    mongo = await createMongoConnection(real.config.MONGODB_URI);
    const registry = await createRegistryRepository(mongo);
    const t0 = Date.now();
    for (let i = 0; i < generated.registry.length; i += 2_000) {
      await registry.applyBatch(generated.registry.slice(i, i + 2_000));
    }
    say(`registry of ${generated.registry.length} records applied in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    connection = await createTemporalConnection(real.config);
    const client: Client = createTemporalClient(connection, real.config, getClientDataConverter(real.config));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const target = (scope: typeof real): PhaseTarget => ({
      producer: producer as Producer,
      client,
      topic: scope.topic(Topics.ClaimsSubmitted),
      taskQueue: scope.taskQueue,
      stallMs: options.stallMs,
    });

    say('starting the worker and consumers processes');
    children.push(...(await startPlatform(real, runId)));
    if (!(await ownGroupsJoined(kafka, real))) {
      warnings.push(
        'the consumers process ignored KAFKA_GROUP_SUFFIX: it joined the default consumer groups, which any other ' +
          'platform consuming from this broker shares'
      );
    }
    const officers = createOfficers(client);
    watch = await watchClaims(kafka, real.topic(Topics.ClaimsEvents), `bench-events${real.suffix}`, officers.approve);
    board = createMedicalBoard({
      kafka,
      delayMs: 0,
      jitter: 0,
      skipFraction: 0,
      seed: runId,
      requestTopic: real.topic(Topics.MedicalAssessmentRequested),
      decisionTopic: real.topic(Topics.MedicalAssessments),
      groupId: `bench-board${real.suffix}`,
    });
    await board.start();
    const measured = (): Measured => ({
      cpu: watchedProcesses(children),
      memory: children.filter((c) => !c.exited()).map((c) => ({ name: c.name, pid: c.pid })),
    });

    // Warm-up (JIT, connections, caches), and the history of a claim awarded with no officer for the baseline.
    for (let round = 1; round <= SHAPE_ROUNDS && shape === null; round += 1) {
      const warm = take(options.warmup);
      say(`warm-up ${round}: ${warm.length} claims`);
      await realPhase(target(real), warm, undefined, watch, officers.counters, `warm-up ${round}`);
      shape = await probeShape(client, warm, watch, generated.kindOf);
      if (!withBaseline) break;
    }
    if (withBaseline && shape === null) {
      throw new Error(`no warm-up claim was awarded without an officer in ${SHAPE_ROUNDS} rounds: no shape to repeat`);
    }

    if (withBaseline && shape !== null) {
      say(`baseline shape from ${shape.claimId}: ${shape.description}`);
      const baselineChildren = await startBaseline(noop, runId, JSON.stringify(shape.shape));
      children.push(...baselineChildren);
      try {
        await baselinePhase(target(noop), take(BASELINE_WARMUP), 0);
        const before = await countOf(client, `${claimsOn(noop.taskQueue)} AND ExecutionStatus != "Running"`);
        const messages = take(options.claims);
        say(`baseline: ${messages.length} claims`);
        phases.push(
          await measurePhase('baseline', null, messages.length, measured(), () =>
            baselinePhase(target(noop), messages, before)
          )
        );
        const sample = messages[0];
        if (sample) {
          const history = await client.workflow.getHandle(claimWorkflowId(sample.key)).fetchHistory();
          shape.baselineDescription = describeShape(historyShapeOf(history));
        }
      } finally {
        await Promise.all(baselineChildren.map((c) => c.stop()));
      }
    }
    for (const phase of realPhases) {
      const rate = phase === 'rate' ? options.rate : undefined;
      const messages = take(options.claims);
      say(`${phase}: ${messages.length} claims${rate === undefined ? '' : ` at ${rate}/s`}`);
      phases.push(
        await measurePhase(phase, rate ?? null, messages.length, measured(), () =>
          realPhase(target(real), messages, rate, watch as ClaimsWatch, officers.counters, phase)
        )
      );
    }
    const worker = children.find((c) => c.name === 'worker');
    const hwm = worker ? memoryKiB(worker.pid, 'VmHWM') : undefined;
    workerPeakRssMiB = hwm === undefined ? null : hwm / 1024;
    openWorkflowsAtEnd = await countOf(client, `TaskQueue = "${real.taskQueue}" AND ExecutionStatus = "Running"`);
    if (officers.counters.retries > 0) {
      warnings.push(
        `the simulated officers retried ${officers.counters.retries} times (last: ${officers.counters.lastError})`
      );
    }

    const baseline = phases.find((p) => p.phase === 'baseline');
    for (const p of phases) {
      if (baseline && p !== baseline && baseline.claimsPerSecond > 0) {
        p.vsBaseline = p.claimsPerSecond / baseline.claimsPerSecond;
      }
    }
    const unthrottled = phases.find((p) => p.phase === 'unthrottled');
    if (unthrottled && options.phases.includes('rate') && options.rate > unthrottled.claimsPerSecond) {
      warnings.push(
        `the offered rate (${options.rate}/s) is above the unthrottled throughput ` +
          `(${unthrottled.claimsPerSecond.toFixed(2)}/s): the rate phase's latencies are mostly queueing`
      );
    }
    return {
      name: options.name,
      runId,
      startedAt,
      finishedAt: new Date().toISOString(),
      options: {
        claims: options.claims,
        rate: options.rate,
        warmup: options.warmup,
        phases: options.phases,
        stallSeconds: options.stallMs / 1000,
      },
      machine: {
        cpus: os.cpus().length,
        node: process.version,
        loadAverageAtStart,
        loadAverageAtEnd: os.loadavg(),
      },
      git: gitState(),
      shape,
      phases,
      workerPeakRssMiB,
      openWorkflowsAtEnd,
      warnings,
      ok:
        phases.every((p) => p.settled === p.claims) &&
        (baseline === undefined || baseline.outcomes.completed === baseline.claims),
    };
  } finally {
    say('cleaning up');
    await board?.stop().catch(() => undefined);
    await watch?.stop().catch(() => undefined);
    await Promise.all(children.map((c) => c.stop()));
    await producer?.disconnect().catch(() => undefined);
    if (connection) {
      const client = createTemporalClient(connection, real.config, getClientDataConverter(real.config));
      for (const tq of [real.taskQueue, noop.taskQueue]) {
        await terminateRunning(client, tq, runId).catch((err: unknown) => say(`cleanup of ${tq}: ${String(err)}`));
      }
      await connection.close().catch(() => undefined);
    }
    if (mongo) {
      await mongo.dropDatabase().catch(() => undefined);
      await mongo
        .useDb(noop.dbName)
        .dropDatabase()
        .catch(() => undefined);
      await mongo.close().catch(() => undefined);
    }
    await deleteKafkaLeftovers(kafka, [real.suffix, noop.suffix]).catch(() => undefined);
  }
}

/** The default place for results: bench-results/ at the repository root (git-ignored). */
export const RESULTS_DIR = path.join(ROOT, 'bench-results');
