import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { LOG_DIR, RUN_DIR } from './paths';

/** What the stack records about a server process it started: enough to stop exactly that process later. */
export interface PidRecord {
  pid: number;
  /** The executable, checked against /proc/<pid>/cmdline so a recycled pid is never signalled. */
  command: string;
  startedAt: string;
  /** The signal that shuts the server down cleanly; SIGTERM when absent. */
  stopSignal?: NodeJS.Signals;
}

/** How {@link spawnDetached} runs a server besides its command line. */
export interface SpawnOptions {
  /** Added to this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Run as this user and group (set in the child before exec, so the pid is the server itself). Needs root. */
  uid?: number;
  gid?: number;
  /** Recorded for {@link stopRecorded}; SIGTERM when absent. */
  stopSignal?: NodeJS.Signals;
}

export const pidFile = (name: string): string => path.join(RUN_DIR, `${name}.pid`);
export const logFile = (name: string): string => path.join(LOG_DIR, `${name}.log`);

/** Starts `command` detached from this process (it outlives `npm run stack:up`), logging to .tools/logs/<name>.log. */
export function spawnDetached(name: string, command: string, args: string[], options: SpawnOptions = {}): PidRecord {
  mkdirSync(LOG_DIR, { recursive: true });
  mkdirSync(RUN_DIR, { recursive: true });
  const fd = openSync(logFile(name), 'a');
  writeFileSync(fd, `\n--- ${new Date().toISOString()} starting ${name}: ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...options.env },
    uid: options.uid,
    gid: options.gid,
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  child.unref();
  const record: PidRecord = {
    pid: child.pid,
    command,
    startedAt: new Date().toISOString(),
    ...(options.stopSignal ? { stopSignal: options.stopSignal } : {}),
  };
  writeFileSync(pidFile(name), JSON.stringify(record));
  return record;
}

/** The recorded process of `name`, if its pid file exists and that pid still runs the recorded executable. */
export function liveRecord(name: string): PidRecord | undefined {
  const file = pidFile(name);
  if (!existsSync(file)) return undefined;
  let record: PidRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
  } catch {
    rmSync(file, { force: true });
    return undefined;
  }
  if (!isOurProcess(record)) {
    rmSync(file, { force: true });
    return undefined;
  }
  return record;
}

/** The command line of the live process recorded for `name` (/proc/<pid>/cmdline), if there is one. */
export function recordedCommandLine(name: string): string[] | undefined {
  const record = liveRecord(name);
  if (!record) return undefined;
  try {
    return readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch {
    return undefined;
  }
}

function isOurProcess(record: PidRecord): boolean {
  try {
    const cmdline = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0');
    return cmdline[0] === record.command || path.basename(cmdline[0] ?? '') === path.basename(record.command);
  } catch {
    return false; // no such process
  }
}

/**
 * Stops the process recorded for `name`: its stop signal (SIGTERM unless recorded otherwise), up to `graceMs` for
 * a clean shutdown (Kafka's controlled shutdown takes seconds), then SIGKILL. Never stops anything by name.
 */
export async function stopRecorded(name: string, graceMs = 20_000): Promise<boolean> {
  const record = liveRecord(name);
  if (!record) return false;
  try {
    process.kill(record.pid, record.stopSignal ?? 'SIGTERM');
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && isOurProcess(record) && !isZombie(record.pid)) {
    await sleep(200);
  }
  if (isOurProcess(record) && !isZombie(record.pid)) {
    try {
      process.kill(record.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  rmSync(pidFile(name), { force: true });
  return true;
}

function isZombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** The last `lines` lines of a server's log, for error messages. */
export function tailLog(name: string, lines = 40): string {
  const file = logFile(name);
  if (!existsSync(file)) return '(no log written)';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** True when something accepts TCP connections on host:port. */
export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Best-effort description of the process listening on a port (`ss -ltnp`), for "port taken" messages. */
export function whoListens(port: number): string {
  const out = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  return out.status === 0 && out.stdout.trim() ? out.stdout.trim() : 'an unknown process';
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 500 ms until it returns true or `timeoutMs` passes. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  alive?: () => boolean
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    if (alive && !alive()) return false;
    await sleep(500);
  }
  return false;
}
