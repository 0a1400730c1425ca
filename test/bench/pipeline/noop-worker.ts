import { Worker } from '@temporalio/worker';
import { loadConfig } from '../../../infra/config';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../../infra/temporal/bundler-options';
import { createWorkerConnection } from '../../../infra/temporal/connection';
import { getWorkerDataConverter } from '../../../infra/temporal/data-converter';
import { workerTuning } from '../../../infra/temporal/worker-tuning';
import { createNoopActivities, NOOP_WORKER_READY } from './noop-activities';
import type { HistoryShape } from './shape';

/**
 * The no-op baseline's worker process: the production worker's options (the same bundler options and encrypting
 * data converter, the same `TEMPORAL_WORKER_*` tuning) on the baseline's task queue, with the no-op workflows and
 * activities. The shape to repeat comes in `BENCH_NOOP_SHAPE` (JSON). Runs until SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const shape = JSON.parse(process.env.BENCH_NOOP_SHAPE ?? '') as HistoryShape;
  const connection = await createWorkerConnection(config);
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowsPath: require.resolve('./noop-index'),
      bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
      dataConverter: getWorkerDataConverter(config),
      activities: createNoopActivities(shape),
      ...workerTuning(config),
    });
    process.stdout.write(`${NOOP_WORKER_READY} task queue "${config.TEMPORAL_TASK_QUEUE}"\n`);
    await worker.run();
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`noop worker failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    }
  );
}
