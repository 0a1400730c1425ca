import { main } from '../../workers/cli/main';

/** What one in-process `claims …` run printed and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `claims …args` in-process (the same `main` as `npx claims`), capturing stdout, stderr and the exit code.
 * `process.exitCode` is restored afterwards so a failing command does not fail the Jest run. Runs must not overlap
 * (the capture is process-wide).
 */
export async function runCli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = before;
  }
}
