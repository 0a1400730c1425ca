import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatZodIssues } from '../../schemas/common/errors';
import { OperatorsFile } from '../../schemas/operators/operators-file';

/** The committed operators file: the demo's and the tests' officers (used when `CLAIMS_OPERATORS_FILE` is unset). */
export const DEFAULT_OPERATORS_FILE = path.join(__dirname, 'operators.json');

/** The operators file is missing, not JSON, or fails its schema; the message names the file and every bad field. */
export class OperatorsFileError extends Error {
  override readonly name = 'OperatorsFileError';
}

/**
 * The file the CLI and the demo read: `CLAIMS_OPERATORS_FILE`, or the committed default when it is unset or empty.
 * Only those two read it, each at the moment it acts, so it is read here rather than with the workers' settings in
 * infra/config.ts.
 */
export function operatorsFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.CLAIMS_OPERATORS_FILE?.trim();
  return configured ? configured : DEFAULT_OPERATORS_FILE;
}

/**
 * Reads and checks the operators file (schemas/operators/operators-file.ts). It is read at every CLI command, so an
 * edited file applies to the next command; a bad file refuses every operator command until it is fixed, naming the
 * file and each bad field, e.g. `operators[2].approveUpToSen: required for the approve and decide roles`.
 */
export function loadOperatorsFile(file: string): OperatorsFile {
  const where = `operators file ${file} (CLAIMS_OPERATORS_FILE)`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new OperatorsFileError(`${where}: not readable JSON (${(err as Error).message})`);
  }
  const parsed = OperatorsFile.safeParse(json);
  if (!parsed.success) {
    throw new OperatorsFileError(
      `${where}:\n${formatZodIssues(parsed.error)
        .map((l) => `  ${l}`)
        .join('\n')}`
    );
  }
  return parsed.data;
}
