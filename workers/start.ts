import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../infra/config';
import { ROOT } from '../infra/servers/paths';
import { down, status, up } from '../infra/servers/stack';
import { startChildEnv } from './demo/start-env';
import { instancesOf, parseStartOptions, type ScalableProcess } from './start-options';
import { createSupervisor } from './supervisor';

/**
 * `npm start`: brings up the whole local stack (installing what is missing), then the platform's own processes,
 * prints where everything is and stays in the foreground, restarting a process that fails. Ctrl-C stops the
 * processes and the servers this run started; servers that were already running are left as they were.
 * `npm start -- --workers 2 --consumers 3` (or `START_WORKERS`, `START_CONSUMERS`) runs that many copies of the
 * Temporal worker and of the Kafka consumer process, each supervised and named on its own (`worker#2`).
 */

interface ProcessSpec {
  name: string;
  script: string;
  /** Set for the processes run in several copies (workers/start-options.ts). */
  scalable?: ScalableProcess;
}

/** The platform's processes, each a composition root under workers/. Added here as they land. */
const PROCESSES: ProcessSpec[] = [
  { name: 'codec', script: 'workers/codec-server.ts' },
  { name: 'worker', script: 'workers/temporal-worker.ts', scalable: 'worker' as const },
  { name: 'consumers', script: 'workers/kafka-consumers.ts', scalable: 'consumers' as const },
  { name: 'bank', script: 'workers/bank/simulated-bank.ts' },
  { name: 'demo', script: 'workers/demo/run-demo.ts' },
].filter((p) => existsSync(path.join(ROOT, p.script)));

const say = (msg: string): void => {
  process.stdout.write(`[start] ${msg}\n`);
};

/**
 * Starts one process as a single node process with tsx's loader (not the `tsx` command, which runs the script in a
 * second process: a SIGKILL of the command would leave the script running, still a member of its consumer groups).
 */
function launch(spec: ProcessSpec, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', spec.script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const prefix = (chunk: Buffer): string =>
    chunk
      .toString()
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => `[${spec.name}] ${l}\n`)
      .join('');
  child.stdout?.on('data', (c: Buffer) => process.stdout.write(prefix(c)));
  child.stderr?.on('data', (c: Buffer) => process.stderr.write(prefix(c)));
  return child;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  // Fail fast on a bad flag or variable, before anything starts.
  const options = parseStartOptions(process.argv.slice(2), process.env);
  const config = loadConfig();
  const startedServers = await up();
  // Demo settings (workers/demo/start-env.ts); the caller's environment wins.
  const childEnv = startChildEnv(process.env);
  // A child that fails or names a stall is restarted with backoff (workers/supervisor.ts).
  const supervisor = createSupervisor<ProcessSpec>({ launch: (spec) => launch(spec, childEnv), say });
  let stopping = false;

  const shutdown = async (code: number): Promise<never> => {
    if (stopping) return new Promise<never>(() => undefined);
    stopping = true;
    say('stopping …');
    await supervisor.stopAll();
    if (startedServers.length > 0) await down(startedServers);
    say('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  for (const spec of PROCESSES) {
    const copies = spec.scalable === undefined ? 1 : options[spec.scalable];
    for (const instance of instancesOf(spec, copies)) supervisor.supervise(instance);
  }

  const s = await status();
  const line = (label: string, value: string): string => `  ${label.padEnd(22)} ${value}`;
  say(
    [
      `stack up in ${((Date.now() - t0) / 1000).toFixed(1)}s`,
      line('Temporal gRPC', s.temporal?.address ?? config.TEMPORAL_ADDRESS),
      line('Temporal Web UI', String(s.temporal?.ui ?? 'http://127.0.0.1:8233')),
      line('Kafka', s.kafka?.address ?? config.KAFKA_BROKERS.join(',')),
      line('MongoDB-wire', `${s.mongodb?.address ?? ''} (${String(s.mongodb?.implementation ?? '')})`),
      ...(s.postgres
        ? [line('PostgreSQL', `${s.postgres.address} (${s.postgres.version ?? ''}, FerretDB's store)`)]
        : []),
      line('Codec server (UI)', `http://127.0.0.1:${config.CODEC_SERVER_PORT}`),
      line('Processes', [...supervisor.children.keys()].join(', ') || '(none)'),
      '  Ctrl-C stops the processes and the servers this run started.',
    ].join('\n')
  );
}

main().catch(async (err: unknown) => {
  process.stderr.write(`[start] ERROR ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
