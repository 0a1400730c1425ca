import { SchemaCatalog, schemaNames, toJsonSchema } from '../../../schemas/catalog';
import { Topics } from '../../../schemas/topics';
import { runCli } from '../../support/cli';

describe('schema catalog', () => {
  test.each(schemaNames())('when %s is converted, then it is a titled draft 2020-12 JSON Schema', (name) => {
    const json = toJsonSchema(name);
    expect(json.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(json.title).toBe(name);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test('when a contract has money and times, then Sen is a non-negative integer and times are date-time', () => {
    const json = toJsonSchema('payment-instruction.v1') as { properties: Record<string, Record<string, unknown>> };
    expect(json.properties.amountSen).toMatchObject({ type: 'integer', minimum: 0 });
    expect(json.properties.issuedAt).toMatchObject({ type: 'string', format: 'date-time' });
  });

  test('when a topic carries events, then the catalog has its contract', () => {
    const covered = new Set(Object.values(SchemaCatalog).map((entry) => ('topic' in entry ? entry.topic : undefined)));
    const missing = Object.values(Topics).filter((t) => t !== Topics.ClaimsSubmittedDlq && !covered.has(t));
    expect(missing).toEqual([]);
  });
});

describe('npx claims schema', () => {
  test('when a known name is given, then it prints its JSON Schema and exits 0', async () => {
    const { code, stdout } = await runCli('schema', 'claim-submitted.v1');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ title: 'claim-submitted.v1' });
  });

  test('when --list is given, then every name is printed and it exits 0', async () => {
    const { code, stdout } = await runCli('schema', '--list');
    expect(code).toBe(0);
    for (const name of schemaNames()) expect(stdout).toContain(name);
  });

  test('when the name is unknown, then it exits 2 and lists the valid names on stderr', async () => {
    const { code, stdout, stderr } = await runCli('schema', 'claim-submited.v1');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('unknown schema "claim-submited.v1"');
    expect(stderr).toContain('claim-submitted.v1');
  });

  test('when no name is given, then it exits 2', async () => {
    const { code, stderr } = await runCli('schema');
    expect(code).toBe(2);
    expect(stderr).toContain('a schema name is required');
  });
});
