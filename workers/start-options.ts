import { parseArgs } from 'node:util';

/*
 * How many copies of the scalable processes `npm start` (workers/start.ts) runs: `npm start -- --workers 2
 * --consumers 3`, or `START_WORKERS` and `START_CONSUMERS` in the environment (a flag wins over its variable). Kept
 * apart from the entry point so it can be tested without starting anything.
 */

/**
 * At most this many copies of each: every copy opens a MongoDB pool of up to 20 connections (the local default), and
 * (4 workers + 4 consumers + the bank) × 20 = 180 stays below the 200 backend connections of the local FerretDB,
 * whose updates deadlock for good when every one is taken (infra/servers/postgres.ts); a 2-core machine gains nothing
 * from more. Production runs more copies of the same entry points on more machines, not through `npm start`.
 */
export const MAX_INSTANCES = 4;

/** The processes `npm start` can run several copies of, with the flag and the variable that say how many. */
export const SCALABLE_PROCESSES = {
  worker: { flag: 'workers', variable: 'START_WORKERS' },
  consumers: { flag: 'consumers', variable: 'START_CONSUMERS' },
} as const;

/** A process `npm start` can run several copies of. */
export type ScalableProcess = keyof typeof SCALABLE_PROCESSES;

/** How many copies of each scalable process to run. */
export type StartOptions = Record<ScalableProcess, number>;

/** A bad flag or variable of `npm start`; the message names it. */
export class StartOptionsError extends Error {
  override readonly name = 'StartOptionsError';
}

export const START_USAGE = `usage: npm start -- [--workers 1-${MAX_INSTANCES}] [--consumers 1-${MAX_INSTANCES}]`;

/** A count from `source` (a flag or a variable), a whole number from 1 to {@link MAX_INSTANCES}. */
function count(source: string, text: string): number {
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_INSTANCES) {
    throw new StartOptionsError(`${source}: expected a whole number from 1 to ${MAX_INSTANCES} (got "${text}")`);
  }
  return n;
}

/**
 * Reads the copies of each scalable process from `argv` (the arguments after `npm start --`) and `env`; each defaults
 * to 1. Throws a {@link StartOptionsError} naming the flag or variable that is wrong, or the unknown argument.
 */
export function parseStartOptions(argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { workers: { type: 'string' }, consumers: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new StartOptionsError(`${err instanceof Error ? err.message : String(err)}\n${START_USAGE}`);
  }
  const options = {} as StartOptions;
  for (const [name, { flag, variable }] of Object.entries(SCALABLE_PROCESSES) as [
    ScalableProcess,
    (typeof SCALABLE_PROCESSES)[ScalableProcess],
  ][]) {
    const fromFlag = values[flag];
    const fromEnv = env[variable];
    options[name] =
      typeof fromFlag === 'string'
        ? count(`--${flag}`, fromFlag)
        : fromEnv !== undefined && fromEnv !== ''
          ? count(variable, fromEnv)
          : 1;
  }
  return options;
}

/**
 * The supervised copies of `spec`: one named as the process when `copies` is 1 (the logs read as before), else
 * `name#1` … `name#n`, so each copy's log lines and restarts name it.
 */
export function instancesOf<Spec extends { name: string }>(spec: Spec, copies: number): Spec[] {
  if (copies === 1) return [spec];
  return Array.from({ length: copies }, (_, i) => ({ ...spec, name: `${spec.name}#${i + 1}` }));
}
