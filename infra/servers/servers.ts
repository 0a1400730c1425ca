import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { logLevel } from 'kafkajs';
import { loadConfig } from '../config';
import { createKafka } from '../kafka/client';
import { createMongoConnection } from '../mongo/connection';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { FERRETDB_BIN, KAFKA_LIBS, ROOT, STATE_DIR, TEMPORAL_BIN, readVersions } from './paths';
import { FERRETDB_DATABASE, POSTGRES_DATA_DIR, POSTGRES_ROLE, ferretdbPostgresUrl, startPostgres } from './postgres';
import { probePostgres } from './postgres-probe';
import { logFile, recordedCommandLine, spawnDetached, type PidRecord } from './processes';
import { FERRETDB_PORT, POSTGRES_PORT, storeBackend, type StoreBackend } from './store';

/** What a protocol-level health check found. */
export interface Health {
  healthy: boolean;
  version?: string;
  detail?: string;
}

/** One server of the local stack. */
export interface ServerSpec {
  name: 'temporal' | 'kafka' | 'postgres' | 'mongodb';
  /** Component of install.sh that provides its files, if any. */
  installComponent?: 'temporal' | 'kafka' | 'ferretdb' | 'postgres';
  host: string;
  ports: number[];
  address: string;
  extra?: Record<string, string>;
  /** External servers (MONGODB_URI set) are probed but never started or stopped. */
  external: boolean;
  readyTimeoutMs: number;
  probe(): Promise<Health>;
  start(): PidRecord;
}

const HOST = '127.0.0.1';

/** CLI name of a search attribute type for `temporal server start-dev --search-attribute`. */
const cliType: Record<string, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

function temporalServer(): ServerSpec {
  const address = `${HOST}:7233`;
  return {
    name: 'temporal',
    installComponent: 'temporal',
    host: HOST,
    ports: [7233, 8233],
    address,
    extra: { ui: `http://${HOST}:8233`, namespace: 'default' },
    external: false,
    readyTimeoutMs: 60_000,
    async probe() {
      let conn: Connection | undefined;
      try {
        conn = await Connection.connect({ address, connectTimeout: '2s' });
        const health = await conn.healthService.check({});
        // SERVING = 1 in grpc.health.v1.HealthCheckResponse.ServingStatus
        const serving = health.status === 1;
        const info = await conn.workflowService.getSystemInfo({});
        const ui = await fetch(`http://${HOST}:8233/`).then(
          (r) => r.ok,
          () => false
        );
        return {
          healthy: serving && ui,
          version: info.serverVersion ?? undefined,
          detail: serving ? (ui ? undefined : 'Web UI on :8233 not answering') : 'gRPC health is not SERVING',
        };
      } catch (err) {
        return { healthy: false, detail: (err as Error).message };
      } finally {
        await conn?.close().catch(() => undefined);
      }
    },
    start() {
      const dir = path.join(STATE_DIR, 'temporal');
      mkdirSync(dir, { recursive: true });
      const args = [
        'server',
        'start-dev',
        '--ip',
        HOST,
        '--port',
        '7233',
        '--ui-port',
        '8233',
        '--ui-ip',
        HOST,
        '--namespace',
        'default',
        '--db-filename',
        path.join(dir, 'temporal.db'),
        // WAL with synchronous=normal: 2.6x the workflow throughput of SQLite's defaults on this box (INFRA.md (0)).
        // A power loss may lose the last transactions, never corrupt the file; this is a development server.
        '--sqlite-pragma',
        'journal_mode=wal',
        '--sqlite-pragma',
        'synchronous=normal',
        '--log-level',
        'warn',
        // The project's codec server (workers/codec-server.ts) decodes encrypted payloads for operators.
        '--ui-codec-endpoint',
        `http://${HOST}:${loadConfig().CODEC_SERVER_PORT}`,
        ...SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=${cliType[k.type] ?? k.type}`]),
      ];
      return spawnDetached('temporal', TEMPORAL_BIN, args);
    },
  };
}

function kafkaServer(): ServerSpec {
  const address = `${HOST}:9092`;
  const versions = readVersions();
  return {
    name: 'kafka',
    installComponent: 'kafka',
    host: HOST,
    ports: [9092, 9093],
    address,
    external: false,
    readyTimeoutMs: 120_000,
    async probe() {
      const admin = createKafka(
        {
          KAFKA_BROKERS: [address],
          KAFKA_CLIENT_ID: 'stack-probe',
          KAFKA_SSL: false,
          KAFKA_SASL_MECHANISM: undefined,
          KAFKA_SASL_USERNAME: undefined,
          KAFKA_SASL_PASSWORD: undefined,
        },
        { retry: { retries: 0 }, connectionTimeout: 2_000, logLevel: logLevel.NOTHING }
      ).admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        const ok = cluster.brokers.length > 0 && cluster.controller !== null;
        return {
          healthy: ok,
          version: versions.KAFKA_VERSION,
          detail: ok ? `cluster ${cluster.clusterId}, ${cluster.brokers.length} broker(s)` : 'no controller yet',
        };
      } catch (err) {
        return { healthy: false, detail: (err as Error).message };
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
    start() {
      const dir = path.join(STATE_DIR, 'kafka');
      const dataDir = path.join(dir, 'data');
      mkdirSync(dataDir, { recursive: true });
      const props = path.join(dir, 'server.properties');
      writeFileSync(
        props,
        [
          '# Rendered by infra/servers/servers.ts at each start; edit the template there.',
          'process.roles=broker,controller',
          'node.id=1',
          `controller.quorum.voters=1@${HOST}:9093`,
          `listeners=PLAINTEXT://${HOST}:9092,CONTROLLER://${HOST}:9093`,
          `advertised.listeners=PLAINTEXT://${HOST}:9092`,
          'controller.listener.names=CONTROLLER',
          'inter.broker.listener.name=PLAINTEXT',
          'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
          `log.dirs=${dataDir}`,
          'num.partitions=1',
          // One node: the internal topics cannot have 3 replicas (tulios/kafkajs#1752).
          'offsets.topic.replication.factor=1',
          'transaction.state.log.replication.factor=1',
          'transaction.state.log.min.isr=1',
          'group.initial.rebalance.delay.ms=0',
          // Topics are created by the project (infra/kafka/topics.ts), never implicitly.
          'auto.create.topics.enable=false',
          '',
        ].join('\n')
      );
      const cp = `${KAFKA_LIBS}/*`;
      const log4j = `-Dlog4j.configuration=file:${path.join(ROOT, 'infra/servers/kafka/log4j.properties')}`;
      if (!existsSync(path.join(dataDir, 'meta.properties'))) {
        // KRaft storage must be formatted once with a cluster id (a base64url UUID not starting with '-').
        let clusterId = randomBytes(16).toString('base64url');
        while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
        const fmt = spawnSync(
          'java',
          ['-cp', cp, log4j, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', props, '--ignore-formatted'],
          { encoding: 'utf8' }
        );
        if (fmt.status !== 0) {
          throw new Error(`kafka: storage format failed:\n${fmt.stdout}\n${fmt.stderr}`);
        }
      }
      return spawnDetached('kafka', 'java', [
        '-Xms256m',
        '-Xmx512m',
        '-XX:+UseSerialGC',
        '-XX:TieredStopAtLevel=1',
        '-Djava.awt.headless=true',
        '-cp',
        cp,
        log4j,
        `-Dkafka.logs.dir=${path.dirname(logFile('kafka'))}`,
        'kafka.Kafka',
        props,
      ]);
    },
  };
}

function postgresServer(): ServerSpec {
  return {
    name: 'postgres',
    installComponent: 'postgres',
    host: HOST,
    ports: [POSTGRES_PORT],
    address: `${HOST}:${POSTGRES_PORT}`,
    extra: { database: FERRETDB_DATABASE, dataDir: POSTGRES_DATA_DIR },
    external: false,
    readyTimeoutMs: 30_000,
    async probe() {
      const found = await probePostgres(HOST, POSTGRES_PORT, POSTGRES_ROLE, FERRETDB_DATABASE);
      return {
        healthy: found.ready,
        version: found.serverVersion ? `PostgreSQL ${found.serverVersion}` : undefined,
        detail: found.detail,
      };
    },
    start: startPostgres,
  };
}

function mongoServer(backend: StoreBackend): ServerSpec {
  // Set MONGODB_URI means "use that server as is"; unset means FerretDB, on the config's default port.
  const external = Boolean(process.env.MONGODB_URI);
  const uri = external ? loadConfig().MONGODB_URI : `mongodb://${HOST}:${FERRETDB_PORT}/claims`;
  const versions = readVersions();
  const storage = backend === 'sqlite' ? 'SQLite' : `PostgreSQL ${versions.POSTGRES_VERSION}`;
  return {
    name: 'mongodb',
    installComponent: external ? undefined : 'ferretdb',
    host: HOST,
    ports: external ? [] : [FERRETDB_PORT],
    address: external ? uri.replace(/\/\/[^@/]*@/, '//***@') : `${HOST}:${FERRETDB_PORT}`,
    extra: {
      implementation: external
        ? 'external MongoDB (MONGODB_URI)'
        : `FerretDB ${versions.FERRETDB_VERSION} on ${storage}`,
    },
    external,
    readyTimeoutMs: 30_000,
    async probe() {
      // A FerretDB this stack started with the other backend (SQLite, before PostgreSQL became the default)
      // answers pings but stores elsewhere: unhealthy, so it is restarted rather than reused.
      const args = external ? undefined : recordedCommandLine('mongodb');
      const handler = args?.[args.indexOf('-handler') + 1];
      if (args?.includes('-handler') && handler !== backend) {
        return {
          healthy: false,
          detail: `FerretDB runs with -handler ${handler}, the stack wants ${backend}: npm run stack:down, then stack:up`,
        };
      }
      try {
        // An external server is reached with every MONGODB_* setting (TLS, credentials), as the processes reach it.
        const conn = await createMongoConnection(external ? loadConfig() : uri, { serverSelectionTimeoutMS: 2_000 });
        try {
          const admin = conn.db!.admin();
          await admin.ping();
          const info = (await admin.command({ buildInfo: 1 })) as { version?: string; ferretdbVersion?: string };
          return {
            healthy: true,
            // The embedded build cannot know its own version (no version.txt); the pin is authoritative.
            version: info.ferretdbVersion
              ? `FerretDB ${info.ferretdbVersion === 'unknown' ? versions.FERRETDB_VERSION : info.ferretdbVersion} (MongoDB ${info.version})`
              : info.version,
          };
        } finally {
          await conn.close();
        }
      } catch (err) {
        return { healthy: false, detail: (err as Error).message };
      }
    },
    start() {
      const listen = ['-listen-addr', `${HOST}:${FERRETDB_PORT}`];
      if (backend === 'postgresql') {
        return spawnDetached('mongodb', FERRETDB_BIN, [
          ...listen,
          '-handler',
          'postgresql',
          '-postgresql-url',
          ferretdbPostgresUrl(),
        ]);
      }
      const dir = path.join(STATE_DIR, 'ferretdb');
      mkdirSync(dir, { recursive: true });
      return spawnDetached('mongodb', FERRETDB_BIN, [...listen, '-handler', 'sqlite', '-sqlite-url', `file:${dir}/`]);
    },
  };
}

/** The servers of the local stack, in start order: PostgreSQL only when FerretDB stores its data there. */
export function stackServers(): ServerSpec[] {
  const backend = storeBackend();
  const ownStore = !process.env.MONGODB_URI;
  return [
    temporalServer(),
    kafkaServer(),
    ...(ownStore && backend === 'postgresql' ? [postgresServer()] : []),
    mongoServer(backend),
  ];
}
