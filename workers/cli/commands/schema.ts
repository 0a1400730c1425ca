import type { Command } from 'commander';
import { isSchemaName, SchemaCatalog, schemaNames, toJsonSchema } from '../../../schemas/catalog';

/**
 * `claims schema <name>` prints a contract as JSON Schema so downstream teams can generate validators;
 * `claims schema --list` prints the names with what each means. An unknown or missing name is invalid input:
 * exit code 2 and the valid names on stderr.
 */
export function registerSchemaCommand(program: Command): void {
  program
    .command('schema')
    .description('print the JSON Schema of a data contract (see --list)')
    .argument('[name]', 'contract name, e.g. claim-submitted.v1')
    .option('-l, --list', 'list the contract names')
    .action((name: string | undefined, options: { list?: boolean }) => {
      if (options.list === true) {
        for (const n of schemaNames()) {
          const entry = SchemaCatalog[n];
          const topic = 'topic' in entry ? `  [${entry.topic}]` : '';
          process.stdout.write(`${n.padEnd(34)}${entry.description}${topic}\n`);
        }
        return;
      }
      if (name === undefined || !isSchemaName(name)) {
        const what = name === undefined ? 'a schema name is required' : `unknown schema "${name}"`;
        process.stderr.write(`claims schema: ${what}. Valid names:\n  ${schemaNames().join('\n  ')}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(`${JSON.stringify(toJsonSchema(name), null, 2)}\n`);
    });
}
