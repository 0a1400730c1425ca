import { SchemaCatalog, schemaNames, toJsonSchema } from '../../../schemas/catalog';
import { Topics } from '../../../schemas/topics';
import { main } from '../../../workers/cli/main';

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
  let out: string;
  let err: string;
  beforeEach(() => {
    out = '';
    err = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    // The command sets process.exitCode for invalid input; left set, it would fail the Jest run itself.
    process.exitCode = undefined;
  });

  test('when a known name is given, then it prints its JSON Schema and exits 0', async () => {
    await expect(main(['schema', 'claim-submitted.v1'])).resolves.toBe(0);
    expect(JSON.parse(out)).toMatchObject({ title: 'claim-submitted.v1' });
  });

  test('when --list is given, then every name is printed and it exits 0', async () => {
    await expect(main(['schema', '--list'])).resolves.toBe(0);
    for (const name of schemaNames()) expect(out).toContain(name);
  });

  test('when the name is unknown, then it exits 2 and lists the valid names on stderr', async () => {
    await expect(main(['schema', 'claim-submited.v1'])).resolves.toBe(2);
    expect(out).toBe('');
    expect(err).toContain('unknown schema "claim-submited.v1"');
    expect(err).toContain('claim-submitted.v1');
  });

  test('when no name is given, then it exits 2', async () => {
    await expect(main(['schema'])).resolves.toBe(2);
    expect(err).toContain('a schema name is required');
  });
});
