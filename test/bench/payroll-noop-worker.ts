import { workerTuning } from '../../infra/temporal/worker-tuning';
import { Worker } from '@temporalio/worker';
import { loadConfig, type Config } from '../../infra/config';
import {
  createTemporalClient,
  createTemporalConnection,
  createWorkerConnection,
} from '../../infra/temporal/connection';
import { getClientDataConverter, getWorkerDataConverter } from '../../infra/temporal/data-converter';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../infra/temporal/bundler-options';
import { createNoopActivities } from './payroll-noop-activities';

/** Printed once the worker polls; the bench waits for it. */
export const NOOP_WORKER_READY = 'payroll no-op worker polling';

/**
 * The no-op baseline's worker process (bench only): built as workers/temporal-worker.ts builds the real one (same
 * connection, namespace, data converter with payload encryption, bundler options and worker tuning) but with the
 * no-op cycle workflow and activity, so the ratio of the two runs is the cost of the real work.
 */
async function run(config: Config): Promise<void> {
  const connection = await createWorkerConnection(config);
  const clientConnection = await createTemporalConnection(config);
  try {
    const client = createTemporalClient(clientConnection, config, getClientDataConverter(config));
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowsPath: require.resolve('./payroll-noop-workflows'),
      bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
      dataConverter: getWorkerDataConverter(config),
      activities: createNoopActivities(client),
      ...workerTuning(config),
    });
    process.stdout.write(`${NOOP_WORKER_READY} "${config.TEMPORAL_TASK_QUEUE}"\n`);
    await worker.run(); // the SDK shuts it down gracefully on SIGINT/SIGTERM
  } finally {
    await clientConnection.close();
    await connection.close();
  }
}

if (require.main === module) {
  run(loadConfig()).then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`payroll no-op worker failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
