import { runCli } from '../../support/cli';
import { Award } from '../../../schemas/benefits/award';

const FIXTURES = `${__dirname}/../../fixtures/facts`;

/** Runs `claims …args` in-process (test/support/cli.ts). */
const run = (args: string[]) => runCli(...args);

describe('claims award', () => {
  it('EI-TDB-002: when given the EI fixture, then it prints the award as JSON with amounts, inputs, rules and tables', async () => {
    const r = await run(['award', `${FIXTURES}/ei-work-accident.json`]);
    expect(r.code).toBe(0);
    const award = Award.parse(JSON.parse(r.stdout));
    expect(award.asOf).toBe('2026-08-01');
    const tdb = award.lines.find((l) => l.benefitType === 'temporary-disablement');
    expect(tdb).toMatchObject({ amountSen: 78670, rateTableVersions: expect.arrayContaining(['EI-RATES-2014-01-01']) });
    expect(tdb?.ruleIds).toContain('EI-TDB-002');
    expect(tdb?.inputs.dailyWage).toBe('29500/3');
  });

  it('EI-DEP-002: when --explain, then readable text with RM amounts', async () => {
    const r = await run([
      'award',
      `${FIXTURES}/ei-death-widow-two-children.json`,
      '--explain',
      '--as-of',
      '2026-12-31',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('RM53.10/day, RM1,593.00/month');
    expect(r.stdout).toContain('funeral');
    expect(r.stdout).toContain('RM2,000.00');
  });

  it('SE-BEN-001: when given the self-employed p-hailing fixture with --explain, then plan 2 pays TDB RM41.33/day and cites the SE rules and table', async () => {
    const r = await run(['award', `${FIXTURES}/se-p-hailing.json`, '--explain']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('eligible (SE)');
    expect(r.stdout).toContain('RM413.30 period-total at RM41.33/day');
    expect(r.stdout).toContain('RM418.50 per-period at RM13.95/day');
    expect(r.stdout).toContain('SE-BEN-001');
    expect(r.stdout).toContain('SE-789-2021-10-01');
    expect(r.stdout).toContain('from se-plan');
  });

  it('SE-CON-001: when given the self-employed fixture as JSON, then the award parses and every line carries SE-CON-001', async () => {
    const r = await run(['award', `${FIXTURES}/se-p-hailing.json`]);
    expect(r.code).toBe(0);
    const award = Award.parse(JSON.parse(r.stdout));
    expect(award.claimClass).toBe('SE');
    expect(award.lines.every((l) => l.ruleIds.includes('SE-CON-001'))).toBe(true);
  });

  it('GEN-DATE-001: when the facts are invalid, then exit code 2 naming each bad field, and nothing on stdout', async () => {
    const r = await run(['award', `${FIXTURES}/invalid-facts.json`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('insuredPerson.dateOfBirth');
    expect(r.stderr).toContain('contributions.0.wageSen');
  });

  it('GEN-DATE-001: when valid fields miss a block their claim type needs, then exit code 2 naming it', async () => {
    const r = await run(['award', `${FIXTURES}/missing-injury.json`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('injury: required for an injury claim');
  });

  it('GEN-DATE-001: when --as-of is not a date, then exit code 2', async () => {
    const r = await run(['award', `${FIXTURES}/ei-work-accident.json`, '--as-of', '2026-02-30x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--as-of');
  });

  it('GEN-DATE-001: when the file is not JSON or missing, then exit code 2', async () => {
    expect((await run(['award', `${FIXTURES}/does-not-exist.json`])).code).toBe(2);
  });
});
