import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from '../../infra/servers/paths';

/** A platform process the bench runs as a child: one node process, so its pid is the process measured. */
export interface BenchChild {
  readonly name: string;
  readonly pid: number;
  /** Everything it wrote (stdout and stderr), the last 200,000 characters. */
  output(): string;
  /** Whether it has exited. */
  exited(): boolean;
  /** SIGINT (graceful shutdown), then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const KEPT_CHARS = 200_000;

/**
 * Starts `entry` (a .ts file under the repository root) as `node --import tsx <entry> ...args`, without the tsx CLI's
 * wrapper process, with `env` added to this process's environment, and resolves once its output contains `ready`.
 * Rejects when it exits first, or when it writes nothing for `quietMs` without being ready (a hang, not a slow
 * start: bundling the workflows on a loaded box takes a while, but it never stops writing for minutes).
 */
export function startChild(
  name: string,
  entry: string,
  options: { env: Record<string, string>; ready: string; args?: string[]; quietMs?: number }
): Promise<BenchChild> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let lastOutputAt = Date.now();
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_CHARS);
    lastOutputAt = Date.now();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let hasExited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      hasExited = true;
      resolve();
    })
  );
  const handle: BenchChild = {
    name,
    pid: child.pid ?? -1,
    output: () => output,
    exited: () => hasExited,
    async stop(graceMs = 30_000) {
      if (hasExited) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
  const quietMs = options.quietMs ?? 180_000;
  return new Promise<BenchChild>((resolve, reject) => {
    const fail = (why: string): void => {
      clearInterval(watch);
      void handle.stop(1_000);
      reject(new Error(`${name}: ${why}:\n${output.slice(-4_000)}`));
    };
    const watch = setInterval(() => {
      if (output.includes(options.ready)) {
        clearInterval(watch);
        resolve(handle);
      } else if (hasExited) {
        fail(`exited (${child.exitCode ?? child.signalCode}) before it was ready`);
      } else if (Date.now() - lastOutputAt > quietMs) {
        fail(`wrote nothing for ${quietMs / 1000} s and is not ready`);
      }
    }, 100);
  });
}
