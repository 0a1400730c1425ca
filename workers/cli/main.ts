import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands';

/**
 * Entry point of `npx claims`. Each sub-command lives in its own file under `commands/` and registers itself
 * in `commands/index.ts`. Exit codes: 0 success, 1 failure of a service or an unexpected error, 2 invalid input
 * (the message names the field) or an operator the operators file does not allow (audited, workers/cli/authority.ts).
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('claims')
    .description('SOCSO claims platform: contracts, benefits engine and operator commands')
    .exitOverride()
    .showHelpAfterError();
  registerCommands(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : 2;
    }
    process.stderr.write(`claims: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

/** Runs the CLI and exits the process with the command's exit code. */
export function run(argv: string[]): void {
  main(argv).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`claims: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
