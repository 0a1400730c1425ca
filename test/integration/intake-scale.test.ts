import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import type { Client, Connection } from '@temporalio/client';
import { AssignerProtocol, type Admin, type Kafka, type Producer } from 'kafkajs';
import type { Connection as MongoConnection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { consumerGroupId, ensureProjectTopics, topicName } from '../../infra/kafka/project-topics';
import { ensureTopics, type GrownTopic } from '../../infra/kafka/topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { ROOT } from '../../infra/servers/paths';
import { claimWorkflowId } from '../../infra/temporal/claim-starter';
import { createTemporalClient, createTemporalConnection } from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { Topics } from '../../schemas/topics';
import { CONSUMER_GROUPS } from '../../workers/kafka-consumers';
import { aWorkAccidentClaim, anEventId } from '../support/builders';
import { terminateRunningOn } from '../support/temporal-cleanup';
import { uniqueSuffix } from '../support/unique';

/**
 * Horizontal scale of intake over the real servers: three consumer processes (the production entry point,
 * workers/kafka-consumers.ts, as `npm start -- --consumers 3` runs it) in one consumer group share `claims.submitted`
 * grown from 3 to 6 partitions; one is killed with SIGKILL mid-stream, its partitions move to the two survivors, and
 * every claim still gets exactly one workflow, with nothing dead-lettered. The processes run on this file's own
 * topics, consumer groups, task queue (no worker polls it: the test sees exactly what intake starts) and database.
 * Waits fail only when nothing moves for {@link STALL_MS}, never at a fixed deadline.
 */
const CLAIMS = 120;
const PROCESSES = 3;
const PARTITIONS = 6;
const STALL_MS = 60_000;

interface Member {
  clientId: string;
  partitions: number[];
}

interface Consumer {
  index: number;
  child: ChildProcess;
  lines: string[];
  killed: boolean;
}

describe('intake scale-out: consumer processes in one group (real Kafka, Temporal and FerretDB)', () => {
  const suffix = uniqueSuffix();
  const base = loadConfig();
  const config = {
    ...base,
    KAFKA_TOPIC_SUFFIX: `.${suffix}`,
    KAFKA_GROUP_SUFFIX: `.${suffix}`,
    KAFKA_PARTITIONS: PARTITIONS,
  };
  const sourceTopic = topicName(config, Topics.ClaimsSubmitted);
  const dlqTopic = topicName(config, Topics.ClaimsSubmittedDlq);
  const groupId = consumerGroupId(config, CONSUMER_GROUPS.intake);
  const taskQueue = `intake-scale-${suffix}`;
  const dbName = `it_scale_${suffix.replace(/-/g, '_')}`;
  // This file's database, and 5 connections per process (3 processes) instead of the default 20.
  const mongoUri = base.MONGODB_URI.replace(
    /^(mongodb(?:\+srv)?:\/\/[^/?]+)(\/[^?]*)?(\?.*)?$/,
    (_, hosts: string, _path, query: string | undefined) =>
      `${hosts}/${dbName}?${query ? `${query.slice(1)}&` : ''}maxPoolSize=5`
  );
  const clientId = (index: number): string => `${base.KAFKA_CLIENT_ID}-scale-${index + 1}`;
  const consumers: Consumer[] = [];
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: MongoConnection;
  let connection: Connection;
  let client: Client;

  /** SIGKILLs whatever is still running, synchronously: also runs when the Jest process exits abruptly. */
  const killAll = (): void => {
    for (const c of consumers) {
      if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    }
  };

  beforeAll(async () => {
    process.once('exit', killAll);
    kafka = createKafka(config);
    admin = kafka.admin();
    await admin.connect();
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    // The consumer processes' database, new and empty: the three processes create its collections and indexes at
    // once, as `npm start -- --consumers 3` does on a fresh store.
    mongo = await createMongoConnection(mongoUri);
    connection = await createTemporalConnection(config);
    client = createTemporalClient(connection, config, getClientDataConverter(config));
  });

  afterAll(async () => {
    // Graceful first (each process commits and leaves its groups), SIGKILL after 10 s.
    await Promise.all(
      consumers.map(async (c) => {
        if (c.child.exitCode !== null || c.child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => c.child.once('exit', () => resolve()));
        c.child.kill('SIGTERM');
        const timer = setTimeout(() => c.child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      })
    );
    killAll();
    process.removeListener('exit', killAll);
    if (client) await terminateRunningOn(client, taskQueue, 'intake scale test cleanup');
    await admin
      ?.deleteGroups(Object.values(CONSUMER_GROUPS).map((g) => consumerGroupId(config, g)))
      .catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await connection?.close();
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close();
  });

  /** Starts one consumer process as production does: the same entry point, configured by environment only. */
  function startConsumer(index: number): Consumer {
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/kafka-consumers.ts'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        KAFKA_TOPIC_SUFFIX: config.KAFKA_TOPIC_SUFFIX,
        KAFKA_GROUP_SUFFIX: config.KAFKA_GROUP_SUFFIX,
        KAFKA_CLIENT_ID: clientId(index),
        TEMPORAL_TASK_QUEUE: taskQueue,
        MONGODB_URI: mongoUri,
      },
    });
    const consumer: Consumer = { index, child, lines: [], killed: false };
    const keep = (chunk: Buffer): void => {
      consumer.lines.push(...chunk.toString().split('\n').filter(Boolean));
      consumer.lines.splice(0, Math.max(0, consumer.lines.length - 200));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return consumer;
  }

  /** Fails at once when a consumer process that was not killed on purpose has exited, naming its last lines. */
  function checkAlive(): void {
    for (const c of consumers) {
      if (!c.killed && (c.child.exitCode !== null || c.child.signalCode !== null)) {
        throw new Error(
          `consumer process ${c.index + 1} exited (code ${c.child.exitCode}, signal ${c.child.signalCode}):\n` +
            c.lines.slice(-20).join('\n')
        );
      }
    }
  }

  /**
   * Polls `read` every 500 ms until `done` holds; fails when its `progress` has not changed for STALL_MS, with the
   * last reading and `what` in the message.
   */
  async function untilDone<T>(
    what: string,
    read: () => Promise<T>,
    done: (value: T) => boolean,
    progress: (value: T) => string
  ): Promise<T> {
    let last = '';
    let movedAt = Date.now();
    for (;;) {
      checkAlive();
      const value = await read();
      if (done(value)) return value;
      const now = progress(value);
      if (now !== last) {
        last = now;
        movedAt = Date.now();
      } else if (Date.now() - movedAt > STALL_MS) {
        throw new Error(`${what}: nothing moved for ${STALL_MS / 1000} s; last reading ${now}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** The intake group's state and who owns which partitions of the source topic. */
  async function describeIntakeGroup(): Promise<{ state: string; members: Member[] }> {
    const { groups } = await admin.describeGroups([groupId]);
    const group = groups[0];
    return {
      state: group?.state ?? 'Unknown',
      members: (group?.members ?? []).map((m) => ({
        clientId: m.clientId,
        partitions: [
          ...(AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[sourceTopic] ?? []),
        ].sort((a, b) => a - b),
      })),
    };
  }

  /** Messages the intake group has committed on the source topic, summed over its partitions. */
  async function committed(): Promise<number> {
    const [topic] = await admin.fetchOffsets({ groupId, topics: [sourceTopic] });
    return (topic?.partitions ?? []).reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
  }

  const ownsAll = (members: Member[]): boolean =>
    members
      .flatMap((m) => m.partitions)
      .sort((a, b) => a - b)
      .join(',') === Array.from({ length: PARTITIONS }, (_, p) => p).join(',');

  it('when one of three consumer processes is killed mid-stream, then the others take its partitions and every claim gets exactly one workflow', async () => {
    // Arrange: the source topic as an older cluster has it (3 partitions), grown by the same call as stack start.
    await ensureTopics(admin, [{ name: sourceTopic, partitions: 3 }], { partitions: 3, replicationFactor: 1 });
    const grown: GrownTopic[] = [];
    await ensureProjectTopics(kafka, config, { onGrown: (g) => grown.push(...g) });
    expect(grown).toEqual([{ topic: sourceTopic, from: 3, to: PARTITIONS }]);
    const { topics } = await admin.fetchTopicMetadata({ topics: [sourceTopic, dlqTopic] });
    expect(Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]))).toEqual({
      [sourceTopic]: PARTITIONS,
      [dlqTopic]: 1,
    });

    const ids = new Set<string>();
    while (ids.size < CLAIMS) ids.add(`C-2026-${String(randomInt(100_000_000, 999_999_999))}`);
    const claims = [...ids].map((claimId) => aWorkAccidentClaim({ claimId, eventId: anEventId() }));

    // Three processes join one group and share the six partitions, two each.
    for (let i = 0; i < PROCESSES; i++) consumers.push(startConsumer(i));
    const tStart = Date.now();
    const joined = await untilDone(
      'three consumer processes sharing the partitions',
      describeIntakeGroup,
      (g) => g.state === 'Stable' && g.members.length === PROCESSES && ownsAll(g.members),
      (g) => JSON.stringify(g)
    );
    const joinedMs = Date.now() - tStart;
    expect(joined.members.map((m) => m.partitions.length)).toEqual([2, 2, 2]);

    // Act: a stream of claims keyed by claim id, in batches of 10; one process dies (SIGKILL) after the first half.
    const stream = async (part: typeof claims): Promise<void> => {
      for (let i = 0; i < part.length; i += 10) {
        await producer.send({
          topic: sourceTopic,
          acks: -1,
          messages: part.slice(i, i + 10).map((c) => ({ key: c.claimId, value: JSON.stringify(c) })),
        });
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const t0 = Date.now();
    await stream(claims.slice(0, CLAIMS / 2));
    await untilDone('the first claims committed', committed, (n) => n >= CLAIMS / 6, String);
    const victim = consumers[1]!;
    victim.killed = true;
    victim.child.kill('SIGKILL');
    const tKill = Date.now();
    const atKill = await committed();
    await stream(claims.slice(CLAIMS / 2));

    // Assert: the two survivors own all six partitions, and every message is committed.
    let rebalanced: { at: number; committed: number } | undefined;
    const settled = await untilDone(
      'the survivors taking over and committing every claim',
      async () => {
        const group = await describeIntakeGroup();
        const survivorsOwnAll =
          group.state === 'Stable' && group.members.length === PROCESSES - 1 && ownsAll(group.members);
        const done = await committed();
        if (survivorsOwnAll && rebalanced === undefined) rebalanced = { at: Date.now(), committed: done };
        return { group, survivorsOwnAll, committed: done };
      },
      (s) => s.survivorsOwnAll && s.committed === CLAIMS,
      (s) => JSON.stringify(s)
    );
    const tDone = Date.now();
    expect(settled.group.members.map((m) => m.clientId).sort()).toEqual([clientId(0), clientId(2)]);
    expect(settled.group.members.map((m) => m.partitions.length)).toEqual([3, 3]);

    // Exactly one workflow per claim: visibility lists each claim's workflow id once on this task queue.
    const runs = await untilDone(
      'every claim visible as a workflow',
      async () => {
        const seen: string[] = [];
        for await (const wf of client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) seen.push(wf.workflowId);
        return seen;
      },
      (seen) => seen.length >= CLAIMS,
      (seen) => String(seen.length)
    );
    expect([...runs].sort()).toEqual(claims.map((c) => claimWorkflowId(c.claimId)).sort());

    // Nothing was dead-lettered.
    const dlqEnds = await admin.fetchTopicOffsets(dlqTopic);
    expect(dlqEnds.reduce((n, p) => n + Number(p.high), 0)).toBe(0);
    const survivorsLast = consumers
      .filter((c) => !c.killed)
      .map((c) => [...c.lines].reverse().find((l) => l.startsWith('intake received=')) ?? '(no batch logged)');
    for (const line of survivorsLast) expect(line).toMatch(/dead-lettered=0$/);

    const rate = (claims: number, ms: number): string => `${((claims / Math.max(ms, 1)) * 1000).toFixed(1)} claims/s`;
    const after = rebalanced ?? { at: tDone, committed: CLAIMS };
    console.log(
      `intake scale: ${CLAIMS} claims, ${PROCESSES} consumer processes on ${PARTITIONS} partitions (joined in ` +
        `${(joinedMs / 1000).toFixed(1)} s): ${atKill} committed ${((tKill - t0) / 1000).toFixed(1)} s after the first ` +
        `send (${rate(atKill, tKill - t0)}, 3 processes); SIGKILL of one; the 2 survivors owned all partitions ` +
        `${((after.at - tKill) / 1000).toFixed(1)} s later (the group's 30 s session timeout) and committed the ` +
        `remaining ${CLAIMS - after.committed} in ${((tDone - after.at) / 1000).toFixed(1)} s ` +
        `(${rate(CLAIMS - after.committed, tDone - after.at)}); all ${CLAIMS} in ${((tDone - t0) / 1000).toFixed(1)} s ` +
        `(${rate(CLAIMS, tDone - t0)} including the rebalance); survivors' last lines: ${survivorsLast.join(' | ')}`
    );
  }, 900_000);
});
