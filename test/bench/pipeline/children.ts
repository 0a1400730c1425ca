import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { ROOT } from '../../../infra/servers/paths';

/** How long a child may take to start (bundling the workflows on a busy 2-core box takes tens of seconds). */
const READY_LIMIT_MS = 300_000;

/** A platform process the bench runs: its pid (for /proc), log file, and a graceful stop. */
export interface BenchChild {
  name: string;
  pid: number;
  logFile: string;
  /** Resolves once the child has written its ready line; rejects when it exits first. */
  ready: Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
  exited(): boolean;
}

/**
 * Runs `script` (a .ts entry point) as `node --import tsx <script>` in the repository root, so the pid is the node
 * process itself (no npm or tsx wrapper in between) and /proc shows its own CPU and memory. Output goes straight to
 * `logFile` (the bench never reads it through a pipe, which would cost the bench CPU), and readiness is that file
 * showing `readyLine`.
 */
export function startChild(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  readyLine: string
): BenchChild {
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new Error(`${name}: could not start ${script}`);
  let exitCode: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : 0);
      resolve();
    })
  );
  const startedAt = Date.now();
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (exitCode === undefined && Date.now() - startedAt > READY_LIMIT_MS) {
        clearInterval(timer);
        child.kill('SIGTERM');
        reject(new Error(`${name} not ready after ${READY_LIMIT_MS / 1000} s; see ${logFile}:\n${tail(logFile)}`));
      } else if (exitCode !== undefined) {
        clearInterval(timer);
        reject(new Error(`${name} exited (code ${exitCode}) before it was ready; see ${logFile}:\n${tail(logFile)}`));
      } else if (readFileSync(logFile, 'utf8').includes(readyLine)) {
        clearInterval(timer);
        resolve();
      }
    }, 250);
  });
  const result: BenchChild = {
    name,
    pid: child.pid,
    logFile,
    ready,
    exited: () => exitCode !== undefined,
    async stop(graceMs = 30_000) {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exit;
      clearTimeout(timer);
    },
  };
  return result;
}

/** The last lines of a log, for an error message. */
export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
