import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { loadConfig } from '../config';
import { createKafka } from '../kafka/client';
import { ensureProjectTopics } from '../kafka/project-topics';
import { STATE_DIR } from './paths';
import { liveRecord, portInUse, stopRecorded, tailLog, waitFor, whoListens } from './processes';
import { stackServers, type ServerSpec } from './servers';

/**
 * The local stack: Temporal dev server (+ Web UI), Kafka (KRaft), PostgreSQL and FerretDB on it, installed into
 * .tools/ by install.sh and started, probed and stopped here. `npm start`, Jest's globalSetup and `.ci/run` all use these
 * functions, through `npm run stack:*` or by importing them.
 */

/** Raised when a server cannot be installed or started; the message names the server, the cause and its log. */
export class StackError extends Error {
  override readonly name = 'StackError';
}

export interface ServerStatus {
  address: string;
  pid: number | null;
  version: string | null;
  healthy: boolean;
  managed: 'started-by-stack' | 'external' | 'not-running';
  detail?: string;
  [key: string]: unknown;
}

const log = (msg: string): void => {
  process.stderr.write(`[stack] ${msg}\n`);
};

/** Runs install.sh for the given components (no-op when they are current); its progress goes to stderr. */
export function install(components: string[]): void {
  if (components.length === 0) return;
  const result = spawnSync('bash', [`${__dirname}/install.sh`, ...components], { stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    throw new StackError(`install of ${components.join(', ')} failed (see the [install] lines above)`);
  }
}

/**
 * Makes one server healthy: reuses it when its probe answers, refuses a port held by something else, otherwise
 * starts it and waits for its probe. Returns true when this call started it.
 */
export async function ensureServer(server: ServerSpec): Promise<boolean> {
  const health = await server.probe();
  if (health.healthy) {
    log(`${server.name}: already healthy at ${server.address}${health.version ? ` (${health.version})` : ''}`);
    return false;
  }
  if (server.external) {
    throw new StackError(`${server.name}: the external server at ${server.address} is not healthy: ${health.detail}`);
  }
  for (const port of server.ports) {
    if (await portInUse(server.host, port)) {
      const owner = liveRecord(server.name);
      throw new StackError(
        `${server.name}: port ${port} is already taken by ${owner ? `our own ${server.name} (pid ${owner.pid}) that is not healthy` : whoListens(port)}` +
          `, and it does not answer as a healthy ${server.name}. Stop that process or free the port, then retry.` +
          (owner ? `\nLast lines of .tools/logs/${server.name}.log:\n${tailLog(server.name)}` : '')
      );
    }
  }
  log(`${server.name}: starting on ${server.address} …`);
  const t0 = Date.now();
  let record;
  try {
    record = server.start();
  } catch (err) {
    throw new StackError(`${server.name}: failed to start: ${(err as Error).message}\n${tailLog(server.name)}`);
  }
  const alive = (): boolean => liveRecord(server.name) !== undefined;
  const ready = await waitFor(async () => (await server.probe()).healthy, server.readyTimeoutMs, alive);
  if (!ready) {
    const exited = !alive();
    await stopRecorded(server.name, 5_000);
    throw new StackError(
      `${server.name}: ${exited ? 'exited during start-up' : `not healthy after ${server.readyTimeoutMs / 1000}s`} ` +
        `(pid ${record.pid}). Last lines of .tools/logs/${server.name}.log:\n${tailLog(server.name)}`
    );
  }
  log(`${server.name}: healthy in ${((Date.now() - t0) / 1000).toFixed(1)}s (pid ${record.pid})`);
  return true;
}

/**
 * Ensures every server is healthy: reuses those already answering, installs what is missing and starts the rest.
 * Returns the names of the servers this call started (so a caller may stop exactly those).
 */
export async function up(): Promise<string[]> {
  const servers = stackServers();
  const probes = await Promise.all(servers.map((s) => s.probe()));
  const toInstall = servers
    .filter((s, i) => !probes[i]?.healthy && s.installComponent)
    .map((s) => s.installComponent as string);
  install(toInstall);
  const started: string[] = [];
  for (const server of servers) {
    try {
      if (await ensureServer(server)) started.push(server.name);
    } catch (err) {
      // Leave nothing half-started behind: stop what this call started before failing.
      for (const name of started.reverse()) await stopRecorded(name);
      throw err;
    }
  }
  await ensureStackTopics();
  return started;
}

/**
 * Creates the platform's Kafka topics when missing (auto-create is off on the local broker) and grows the
 * high-volume ones to `KAFKA_PARTITIONS` where they have fewer.
 */
export async function ensureStackTopics(): Promise<void> {
  const config = loadConfig();
  const created = await ensureProjectTopics(createKafka(config), config, {
    onGrown: (grown) =>
      log(`kafka: grew ${grown.map((g) => `${g.topic} from ${g.from} to ${g.to}`).join(', ')} partitions`),
  });
  if (created.length > 0) log(`kafka: created topics ${created.join(', ')}`);
}

/** Stops the servers this project started (by recorded pid only), or just `names`. */
export async function down(names?: string[]): Promise<string[]> {
  const stopped: string[] = [];
  for (const server of stackServers().reverse()) {
    if (names && !names.includes(server.name)) continue;
    if (await stopRecorded(server.name)) {
      log(`${server.name}: stopped`);
      stopped.push(server.name);
    }
  }
  return stopped;
}

/** Per server: address, pid, version and health from a real protocol check. */
export async function status(): Promise<Record<string, ServerStatus>> {
  const servers = stackServers();
  const healths = await Promise.all(servers.map((s) => s.probe()));
  const out: Record<string, ServerStatus> = {};
  servers.forEach((s, i) => {
    const h = healths[i] ?? { healthy: false };
    const record = s.external ? undefined : liveRecord(s.name);
    out[s.name] = {
      address: s.address,
      ...s.extra,
      pid: record?.pid ?? null,
      version: h.version ?? null,
      healthy: h.healthy,
      managed: s.external || (h.healthy && !record) ? 'external' : record ? 'started-by-stack' : 'not-running',
      ...(h.healthy ? {} : { detail: h.detail }),
    };
  });
  return out;
}

/** Stops the stack and deletes its state (Temporal history, Kafka logs, PostgreSQL/FerretDB data). Tools stay. */
export async function reset(): Promise<void> {
  await down();
  if (existsSync(STATE_DIR)) rmSync(STATE_DIR, { recursive: true, force: true });
  log(`state wiped (${STATE_DIR})`);
}

async function cli(command: string | undefined): Promise<number> {
  switch (command) {
    case 'up': {
      await up();
      const s = await status();
      for (const [name, st] of Object.entries(s)) {
        log(
          `${name.padEnd(8)} ${st.healthy ? 'healthy' : 'UNHEALTHY'}  ${st.address}${st.ui ? `  UI ${String(st.ui)}` : ''}`
        );
      }
      return 0;
    }
    case 'down':
      await down();
      return 0;
    case 'status': {
      const s = await status();
      process.stdout.write(`${JSON.stringify(s, null, 2)}\n`);
      return Object.values(s).every((x) => x.healthy) ? 0 : 3;
    }
    case 'reset':
      await reset();
      return 0;
    default:
      process.stderr.write('usage: stack.ts up|down|status|reset\n');
      return 2;
  }
}

if (require.main === module) {
  cli(process.argv[2]).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`[stack] ERROR ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
