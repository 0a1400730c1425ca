import type { Command } from 'commander';
import { registerAwardCommand } from './award';
import { registerSchemaCommand } from './schema';

/** Registers every `claims` sub-command. One file per command in this folder. */
export function registerCommands(program: Command): void {
  // Sub-commands are added here as they land (schema, award, submit, status, …).
  registerSchemaCommand(program);
  registerAwardCommand(program);
}
