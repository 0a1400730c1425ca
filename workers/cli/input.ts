import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { formatZodIssues } from '../../schemas/common/errors';

/** Invalid CLI input: the command prints the message and exits with code 2 (the message names each field). */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

/**
 * An operator acting beyond the operators file (unknown, without the command's role, or above their limit): the
 * command prints the message and exits with code 2, after workers/cli/authority.ts has audited the refusal.
 */
export class NotAuthorisedError extends Error {
  override readonly name = 'NotAuthorisedError';
}

/** Reads JSON from a file path, or from stdin when the path is `-`. */
export function readJsonInput(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (err) {
    throw new InvalidInputError(`cannot read ${path === '-' ? 'stdin' : path}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError(`${path === '-' ? 'stdin' : path}: malformed JSON: ${(err as Error).message}`);
  }
}

/** Parses `value` with `schema`, or throws an {@link InvalidInputError} naming every bad field under `label`. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, label: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new InvalidInputError(
      `invalid ${label}:\n${formatZodIssues(parsed.error)
        .map((l) => `  ${l.startsWith('(root)') ? label + l.slice('(root)'.length) : l}`)
        .join('\n')}`
    );
  }
  return parsed.data;
}

/** Runs a command body, mapping invalid input and refused operators to exit code 2, service failures to exit code 1. */
export async function runCommand(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`claims ${name}: ${message}\n`);
    process.exitCode = err instanceof InvalidInputError || err instanceof NotAuthorisedError ? 2 : 1;
  }
}

/** The `--request-id` option every update command takes: an operator's own key for one action. */
export const REQUEST_ID_OPTION: [flag: string, help: string] = [
  '--request-id <id>',
  'idempotency key of this action (default: derived from the command and its arguments, so a retry applies once)',
];

const stable = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(stable)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, stable((value as Record<string, unknown>)[k])])
        )
      : value;

/**
 * The Temporal update id of an operator action: `req-<request id>` when the operator gave one, otherwise a hash of
 * the command, the workflow and the checked input. A command retried after a timeout (the same arguments) reuses the
 * id, and the workflow returns the first outcome instead of applying and auditing the action twice.
 */
export function operatorUpdateId(command: string, workflowId: string, input: unknown, requestId?: string): string {
  if (requestId !== undefined) {
    if (!/^[A-Za-z0-9._:-]{1,100}$/.test(requestId)) {
      throw new InvalidInputError('--request-id: expected 1 to 100 letters, digits, . _ : -');
    }
    return `req-${requestId}`;
  }
  const digest = createHash('sha256')
    .update(`${command}\n${workflowId}\n${JSON.stringify(stable(input))}`)
    .digest('hex');
  return `cli-${command}-${digest.slice(0, 32)}`;
}

/** Prints `value` as JSON (with `--json`) or as the given human-readable lines. */
export function output(json: boolean, value: unknown, lines: () => string[]): void {
  process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${lines().join('\n')}\n`);
}
