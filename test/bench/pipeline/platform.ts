import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import { LOG_DIR } from '../../../infra/servers/paths';
import { liveRecord } from '../../../infra/servers/processes';
import { startChild, type BenchChild } from './children';
import { NOOP_WORKER_READY } from './noop-activities';
import type { Watched } from './procfs';
import type { RunScope } from './scope';

/** What the production entry points print once they are running (workers/temporal-worker.ts, kafka-consumers.ts). */
const WORKER_READY = 'worker polling task queue';
const CONSUMERS_READY = 'consuming claims.submitted';

/** The production worker and consumers processes, as `npm run worker` and `npm run consumers` run them. */
export async function startPlatform(scope: RunScope, runId: string): Promise<BenchChild[]> {
  const log = (name: string): string => path.join(LOG_DIR, `bench-${runId}-${name}.log`);
  const children = [
    startChild('worker', 'workers/temporal-worker.ts', scope.env, log('worker'), WORKER_READY),
    startChild('consumers', 'workers/kafka-consumers.ts', scope.env, log('consumers'), CONSUMERS_READY),
  ];
  await readyOrStop(children);
  return children;
}

/** The baseline's processes: the production consumers on the baseline's topics, and the no-op worker. */
export async function startBaseline(scope: RunScope, runId: string, shapeJson: string): Promise<BenchChild[]> {
  const log = (name: string): string => path.join(LOG_DIR, `bench-${runId}-${name}.log`);
  const children = [
    startChild(
      'noop worker',
      'test/bench/pipeline/noop-worker.ts',
      { ...scope.env, BENCH_NOOP_SHAPE: shapeJson },
      log('noop-worker'),
      NOOP_WORKER_READY
    ),
    startChild('noop consumers', 'workers/kafka-consumers.ts', scope.env, log('noop-consumers'), CONSUMERS_READY),
  ];
  await readyOrStop(children);
  return children;
}

async function readyOrStop(children: BenchChild[]): Promise<void> {
  try {
    await Promise.all(children.map((c) => c.ready));
  } catch (err) {
    await Promise.all(children.map((c) => c.stop(5_000)));
    throw err;
  }
}

/**
 * Whether the consumers joined groups of their own (`KAFKA_GROUP_SUFFIX`): a process that ignores it would share the
 * default groups with any other platform consuming from this broker. Waits for the intake group to have a member.
 */
export async function ownGroupsJoined(kafka: Kafka, scope: RunScope, waitMs = 30_000): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const { groups } = await admin.describeGroups([`claims-intake${scope.suffix}`]);
      if ((groups[0]?.members.length ?? 0) > 0) return true;
      if (Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 1_000));
    }
  } finally {
    await admin.disconnect();
  }
}

/** The local servers' processes (their pid files in .tools/run) and the bench's children and itself. */
export function watchedProcesses(children: readonly BenchChild[]): Watched[] {
  const servers: [string, string][] = [
    ['Temporal', 'temporal'],
    ['Kafka', 'kafka'],
    ['PostgreSQL', 'postgres'],
    ['FerretDB', 'mongodb'],
  ];
  return [
    ...servers.flatMap(([name, record]) => {
      const pid = liveRecord(record)?.pid;
      return pid === undefined ? [] : [{ name, pid, tree: true }];
    }),
    ...children.filter((c) => !c.exited()).map((c) => ({ name: c.name, pid: c.pid, tree: true })),
    { name: 'bench', pid: process.pid, tree: false },
  ];
}

/**
 * Leaves nothing running on the run's task queues: the payment and periodic-award children the awarded claims
 * started wait for a bank the bench does not run. One batch operation (the server terminates them in the
 * background); when the server refuses it, one by one.
 */
export async function terminateRunning(client: Client, taskQueue: string, runId: string): Promise<void> {
  const query = `TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`;
  try {
    await client.workflowService.startBatchOperation({
      namespace: client.options.namespace,
      jobId: `bench-cleanup-${runId}-${taskQueue}`.slice(0, 200),
      visibilityQuery: query,
      reason: 'bench:pipeline cleanup',
      terminationOperation: {},
    });
  } catch {
    const ids: string[] = [];
    for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
    for (let i = 0; i < ids.length; i += 20) {
      await Promise.all(
        ids.slice(i, i + 20).map((id) =>
          client.workflow
            .getHandle(id)
            .terminate('bench:pipeline cleanup')
            .catch(() => undefined)
        )
      );
    }
  }
}

/** Deletes the run's topics and consumer groups (names ending in one of `suffixes`). Best effort. */
export async function deleteKafkaLeftovers(kafka: Kafka, suffixes: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ours = (name: string): boolean => suffixes.some((s) => name.endsWith(s));
    const { groups } = await admin.listGroups();
    const groupIds = groups.map((g) => g.groupId).filter(ours);
    if (groupIds.length > 0) await admin.deleteGroups(groupIds).catch(() => undefined);
    const topics = (await admin.listTopics()).filter(ours);
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
