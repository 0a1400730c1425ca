import type { Command } from 'commander';
import { registerAwardCommand } from './award';
import { registerDlqCommands } from './dlq';
import { registerOperatorCommands } from './operator';
import { registerPaymentCommands } from './payment';
import { registerPeriodicCommands } from './periodic';
import { registerReconcileCommand } from './reconcile';
import { registerSchemaCommand } from './schema';
import { registerSubmitCommand } from './submit';

/** Registers every `claims` sub-command. One file per command in this folder. */
export function registerCommands(program: Command): void {
  registerSchemaCommand(program);
  registerAwardCommand(program);
  registerSubmitCommand(program);
  registerOperatorCommands(program);
  registerPeriodicCommands(program);
  registerPaymentCommands(program);
  registerReconcileCommand(program);
  registerDlqCommands(program);
}
