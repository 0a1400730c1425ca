import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { EngineParamsInput } from '../schemas/benefits/params';
import { topicName } from '../infra/kafka/project-topics';
import { loadConfig, type Config } from '../infra/config';
import { createKafka } from '../infra/kafka/client';
import { createEventPublisher } from '../infra/kafka/event-publisher';
import { createClaimRepository } from '../infra/mongo/claim-repository';
import { createMongoConnection } from '../infra/mongo/connection';
import { createPaymentLedger } from '../infra/mongo/payment-ledger';
import { createRegistryRepository } from '../infra/mongo/registry-repository';
import { getWorkerDataConverter } from '../infra/temporal/data-converter';
import { createActivities, type Activities } from '../activities';
import { temporalSiblingNotifier } from '../activities/periodic/sibling-notifier';
import { createAuditLog } from '../infra/mongo/audit-log';
import { createPaymentResultStore } from '../infra/mongo/payment-results';
import { createTemporalClient, createTemporalConnection, createWorkerConnection } from '../infra/temporal/connection';
import { getClientDataConverter } from '../infra/temporal/data-converter';

export { WORKFLOW_BUNDLER_OPTIONS } from '../infra/temporal/bundler-options';
import { WORKFLOW_BUNDLER_OPTIONS } from '../infra/temporal/bundler-options';
import { loadEngineParamsFile } from '../infra/engine/params-file';

/** What the worker's activities run on: one Mongo connection, one Kafka producer, one Temporal client. */
export interface WorkerActivityDeps {
  mongo: Connection;
  producer: Producer;
  /** Reaches sibling periodic workflows (recomputed dependants' shares). */
  client: Client;
  topicName: (topic: string) => string;
  params?: EngineParamsInput;
}

/** Every activity the worker registers, on the MongoDB and Kafka adapters (the worker process and the tests). */
export async function createWorkerActivities(deps: WorkerActivityDeps): Promise<Activities> {
  const { mongo } = deps;
  const ledger = await createPaymentLedger(mongo);
  return createActivities({
    registry: await createRegistryRepository(mongo),
    claims: await createClaimRepository(mongo),
    ledger,
    periodicLedger: ledger,
    audit: await createAuditLog(mongo),
    siblings: temporalSiblingNotifier(deps.client),
    paymentResults: createPaymentResultStore(mongo),
    events: createEventPublisher(deps.producer),
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
  activities: Activities
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: require.resolve('../workflows'),
    bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
    dataConverter: getWorkerDataConverter(config),
    activities,
  });
}

/**
 * The Temporal worker process (composition root, STYLE H6): loads the config, opens each connection once (Temporal,
 * MongoDB, a Kafka producer), builds the activities from their ports, runs the worker until SIGINT/SIGTERM, then
 * closes everything in reverse order.
 */
export async function runWorker(config: Config): Promise<void> {
  const params = config.ENGINE_PARAMS_FILE !== undefined ? loadEngineParamsFile(config.ENGINE_PARAMS_FILE) : undefined;
  const connection = await createWorkerConnection(config);
  try {
    const mongo = await createMongoConnection(config.MONGODB_URI);
    try {
      // Idempotent producer with one request in flight, as the intake's DLQ producer: no duplicate within a session.
      const producer = createKafka(config).producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      try {
        // The periodic workflows' recomputed shares reach their siblings through a client on its own connection.
        const clientConnection = await createTemporalConnection(config);
        const activities = await createWorkerActivities({
          mongo,
          producer,
          client: createTemporalClient(clientConnection, config, getClientDataConverter(config)),
          topicName: (topic) => topicName(config, topic),
          ...(params !== undefined ? { params } : {}),
        });
        const worker = await createClaimsWorker(connection, config, config.TEMPORAL_TASK_QUEUE, activities);
        process.stdout.write(
          `worker polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}\n`
        );
        // The SDK's runtime shuts the worker down gracefully on SIGINT/SIGTERM; run() then resolves.
        try {
          await worker.run();
        } finally {
          await clientConnection.close();
        }
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
      process.stderr.write(`worker failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
