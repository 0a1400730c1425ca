import type { Command } from 'commander';

/** Registers every `claims` sub-command. One file per command in this folder. */
export function registerCommands(_program: Command): void {
  // Sub-commands are added here as they land (schema, award, submit, status, …).
}
