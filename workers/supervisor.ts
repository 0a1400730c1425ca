import type { ChildProcess } from 'node:child_process';
import { EXIT_STALLED } from './stall-watchdog';

/*
 * `npm start`'s supervision of the platform's processes: a child that fails (a crash, a kill, a consumer that exits
 * on a Kafka crash, a process that names a stall and exits EXIT_STALLED) is restarted with backoff, 1 s doubling to
 * 30 s, reset after a minute of running; one failure never tears down the stack. A child that finishes its work
 * (exit code 0) is not restarted.
 */

/** Options of {@link createSupervisor}. */
export interface SupervisorOptions<Spec extends { name: string }> {
  /** Starts one child. */
  launch(spec: Spec): ChildProcess;
  /** Writes one line of the supervisor's own log. */
  say(line: string): void;
  /** Backoff between restarts (defaults: 1 s doubling to 30 s, reset after 60 s of running). */
  backoff?: { baseMs?: number; maxMs?: number; resetAfterMs?: number };
  now?: () => number;
}

/** The running children, restarted as they fail. */
export interface Supervisor<Spec extends { name: string }> {
  supervise(spec: Spec): void;
  /** The children running now, by name. */
  readonly children: ReadonlyMap<string, ChildProcess>;
  /** Stops restarting, sends each child SIGTERM (SIGKILL after `graceMs`) and waits for them to exit. */
  stopAll(graceMs?: number): Promise<void>;
}

/** Why a child exited, for the restart line. */
function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  if (code === EXIT_STALLED) return `stalled (exit code ${code}; its last lines name the cause)`;
  return `exited (code ${code}, signal ${signal})`;
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Supervises children started by `launch` (see the file comment). */
export function createSupervisor<Spec extends { name: string }>(options: SupervisorOptions<Spec>): Supervisor<Spec> {
  const now = options.now ?? Date.now;
  const baseMs = options.backoff?.baseMs ?? 1_000;
  const maxMs = options.backoff?.maxMs ?? 30_000;
  const resetAfterMs = options.backoff?.resetAfterMs ?? 60_000;
  const children = new Map<string, ChildProcess>();
  const pending = new Set<NodeJS.Timeout>();
  let stopping = false;

  const supervise = (spec: Spec, restarts = 0): void => {
    const startedAt = now();
    const child = options.launch(spec);
    children.set(spec.name, child);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      if (code === 0) {
        options.say(`${spec.name} finished`);
        children.delete(spec.name);
        return;
      }
      const attempt = now() - startedAt > resetAfterMs ? 0 : restarts;
      const delayMs = Math.min(maxMs, baseMs * 2 ** attempt);
      options.say(`${spec.name} ${exitReason(code, signal)}; restarting in ${delayMs / 1000} s`);
      const timer = setTimeout(() => {
        pending.delete(timer);
        if (!stopping) supervise(spec, attempt + 1);
      }, delayMs);
      pending.add(timer);
    });
  };

  return {
    supervise: (spec) => supervise(spec),
    children,
    async stopAll(graceMs = 15_000) {
      stopping = true;
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      await Promise.all([...children.values()].map((c) => stopChild(c, graceMs)));
    },
  };
}
