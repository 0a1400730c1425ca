import { installRuntime } from '../infra/temporal/runtime';
import { workerTuning } from '../infra/temporal/worker-tuning';
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection, type WorkerInterceptors } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { EngineParamsInput } from '../schemas/benefits/params';
import { topicName } from '../infra/kafka/project-topics';
import { loadConfig, type Config } from '../infra/config';
import { createKafka } from '../infra/kafka/client';
import { createEventPublisher, type EventPublisherOptions } from '../infra/kafka/event-publisher';
import { kafkaOutageWait, waitingProducer } from '../infra/kafka/producer-outage';
import { createClaimRepository } from '../infra/mongo/claim-repository';
import { createMongoConnection } from '../infra/mongo/connection';
import { createPaymentLedger } from '../infra/mongo/payment-ledger';
import { createRegistryRepository } from '../infra/mongo/registry-repository';
import { getWorkerDataConverter } from '../infra/temporal/data-converter';
import { createActivities, type Activities } from '../activities';
import { temporalSiblingNotifier } from '../activities/periodic/sibling-notifier';
import { createAuditLog } from '../infra/mongo/audit-log';
import { createPaymentResultStore, ensurePaymentResultIndexes } from '../infra/mongo/payment-results';
import { createTemporalClient, createTemporalConnection, createWorkerConnection } from '../infra/temporal/connection';
import { getClientDataConverter } from '../infra/temporal/data-converter';

export { WORKFLOW_BUNDLER_OPTIONS } from '../infra/temporal/bundler-options';
import { WORKFLOW_BUNDLER_OPTIONS } from '../infra/temporal/bundler-options';
import { loadEngineParamsFile } from '../infra/engine/params-file';
import { createActivityWatch } from './activity-watch';
import { checkInterval, createStallWatchdog, EXIT_STALLED, StallError, stallLine, type Stall } from './stall-watchdog';

/** What the worker's activities run on: one Mongo connection, one Kafka producer, one Temporal client. */
export interface WorkerActivityDeps {
  mongo: Connection;
  producer: Producer;
  /** Reaches sibling periodic workflows (recomputed dependants' shares). */
  client: Client;
  topicName: (topic: string) => string;
  params?: EngineParamsInput;
  /** How publishes ride out a Kafka outage (the worker: KAFKA_PRODUCER_OUTAGE_MAX within each activity's deadline). */
  publishing?: EventPublisherOptions;
}

/** Every activity the worker registers, on the MongoDB and Kafka adapters (the worker process and the tests). */
export async function createWorkerActivities(deps: WorkerActivityDeps): Promise<Activities> {
  const { mongo } = deps;
  const ledger = await createPaymentLedger(mongo);
  await ensurePaymentResultIndexes(mongo);
  return createActivities({
    registry: await createRegistryRepository(mongo),
    claims: await createClaimRepository(mongo),
    ledger,
    periodicLedger: ledger,
    audit: await createAuditLog(mongo),
    siblings: temporalSiblingNotifier(deps.client),
    paymentResults: createPaymentResultStore(mongo),
    events: createEventPublisher(deps.producer, deps.publishing),
    ...(deps.params !== undefined ? { params: deps.params } : {}),
    topicName: deps.topicName,
  });
}

/**
 * A worker of the claim and periodic-award workflows on `taskQueue`, with the bundler options the sandbox needs and
 * the encrypting data converter (payloads, memo and failure messages never reach the server in clear).
 */
export function createClaimsWorker(
  connection: NativeConnection,
  config: Config,
  taskQueue: string,
  activities: Activities,
  interceptors?: WorkerInterceptors
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: require.resolve('../workflows'),
    bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
    dataConverter: getWorkerDataConverter(config),
    activities,
    ...workerTuning(config),
    ...(interceptors !== undefined ? { interceptors } : {}),
  });
}

/**
 * The Temporal worker process (composition root, STYLE H6): loads the config, opens each connection once (Temporal,
 * MongoDB, a Kafka producer), builds the activities from their ports, runs the worker until SIGINT/SIGTERM, then
 * closes everything in reverse order. Publishes wait out a Kafka outage (KAFKA_PRODUCER_OUTAGE_MAX), each within
 * its activity's start-to-close; when activities keep timing out against the store for STALL_AFTER, the stall is
 * named and the worker shuts down and exits EXIT_STALLED for its supervisor to restart it.
 */
export async function runWorker(config: Config): Promise<void> {
  const params = config.ENGINE_PARAMS_FILE !== undefined ? loadEngineParamsFile(config.ENGINE_PARAMS_FILE) : undefined;
  installRuntime(config);
  const connection = await createWorkerConnection(config);
  try {
    const mongo = await createMongoConnection(config);
    try {
      const log = (line: string): void => void process.stderr.write(`${line}\n`);
      const outage = kafkaOutageWait('worker', config.KAFKA_PRODUCER_OUTAGE_MAX, log);
      const watch = createActivityWatch();
      // Idempotent producer with one request in flight, as the intake's DLQ producer: no duplicate within a session.
      const producer = createKafka(config).producer({ idempotent: true, maxInFlightRequests: 1 });
      await waitingProducer(producer, outage).connect();
      try {
        // The periodic workflows' recomputed shares reach their siblings through a client on its own connection.
        const clientConnection = await createTemporalConnection(config);
        const activities = await createWorkerActivities({
          mongo,
          producer,
          client: createTemporalClient(clientConnection, config, getClientDataConverter(config)),
          topicName: (topic) => topicName(config, topic),
          ...(params !== undefined ? { params } : {}),
          publishing: { outage, deadline: watch.deadline },
        });
        const worker = await createClaimsWorker(connection, config, config.TEMPORAL_TASK_QUEUE, activities, {
          activity: [watch.interceptor],
        });
        let stalled: Stall | undefined;
        const watchdog = createStallWatchdog({
          everyMs: checkInterval(config.STALL_AFTER),
          onStall: (stall) => {
            log(stallLine('worker', stall));
            stalled = stall;
            // A graceful shutdown waits for the running activities, which may hang on the store: bounded.
            setTimeout(() => process.exit(EXIT_STALLED), 15_000).unref();
            if (worker.getState() === 'RUNNING') worker.shutdown();
          },
        });
        watchdog.add(watch.stallCheck({ stallAfterMs: config.STALL_AFTER }));
        process.stdout.write(
          `worker polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}\n`
        );
        // The SDK's runtime shuts the worker down gracefully on SIGINT/SIGTERM; run() then resolves.
        try {
          await worker.run();
        } finally {
          watchdog.stop();
          await clientConnection.close();
        }
        if (stalled !== undefined) throw new StallError(stalled);
      } finally {
        await producer.disconnect();
      }
    } finally {
      await mongo.close();
    }
  } finally {
    await connection.close();
  }
}

if (require.main === module) {
  runWorker(loadConfig()).then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof StallError) process.exit(EXIT_STALLED); // already logged with its cause
      process.stderr.write(`worker failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
