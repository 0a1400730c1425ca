import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { DEFAULT_OPERATORS_FILE, loadOperatorsFile, OperatorsFileError } from '../../../infra/operators/operators-file';
import { checkAuthority } from '../../../schemas/operators/authority';
import { OperatorsFile } from '../../../schemas/operators/operators-file';
import { COMMAND_ROLES } from '../../../schemas/operators/roles';
import { registerOperatorCommands } from '../../../workers/cli/commands/operator';
import { registerPeriodicCommands } from '../../../workers/cli/commands/periodic';
import { registerPaymentCommands } from '../../../workers/cli/commands/payment';
import { registerDlqCommands } from '../../../workers/cli/commands/dlq';
import { runCli } from '../../support/cli';

const dir = mkdtempSync(path.join(tmpdir(), 'operators-file-'));
const file = (name: string, value: unknown): string => {
  const p = path.join(dir, name);
  writeFileSync(p, typeof value === 'string' ? value : JSON.stringify(value));
  return p;
};
const approver = { id: 'officer.siti', roles: ['approve', 'decide'], approveUpToSen: 5_000_000 };
const clerk = { id: 'officer.clerk', roles: ['provide-info'] };
const operators = (...ops: unknown[]) => ({ schemaVersion: 1, operators: ops });

describe('the operators file (schemas/operators/operators-file.ts, infra/operators/operators-file.ts)', () => {
  it('when the committed default file is loaded, then it is valid and holds the demo checker and the CLI tests’ officers', () => {
    const loaded = loadOperatorsFile(DEFAULT_OPERATORS_FILE);
    const byId = new Map(loaded.operators.map((o) => [o.id, o]));
    // The demo's checker approves the demo's largest awards (about RM540,000 for a death claim with young children).
    expect(byId.get('demo.checker')).toMatchObject({ roles: ['approve'], approveUpToSen: 100_000_000 });
    expect(byId.get('officer.aziz')?.roles).toEqual(
      expect.arrayContaining(['assess', 'provide-info', 'decide', 'approve', 'withdraw', 'suspend', 'bank-account'])
    );
    expect(byId.get('officer.siti')?.roles).toEqual(expect.arrayContaining(['approve', 'suspend', 'life-event']));
  });

  it.each([
    [
      'an approver without a limit',
      operators({ id: 'officer.siti', roles: ['approve'] }),
      /^ {2}operators\[0\]\.approveUpToSen: required for the approve and decide roles/m,
    ],
    [
      'a limit without a role that uses it',
      operators({ ...clerk, approveUpToSen: 100 }),
      /^ {2}operators\[0\]\.approveUpToSen: only for an operator with the approve or decide role/m,
    ],
    [
      'an unknown role',
      operators(approver, { id: 'officer.x', roles: ['reject'] }),
      /^ {2}operators\[1\]\.roles\[0\]: /m,
    ],
    [
      'a limit in ringgit with decimals',
      operators({ ...approver, approveUpToSen: 50_000.5 }),
      /operators\[0\]\.approveUpToSen: /,
    ],
    ['a staff id in capitals', operators({ ...clerk, id: 'Officer Aziz' }), /^ {2}operators\[0\]\.id: /m],
    [
      'the same id twice',
      operators(approver, clerk, approver),
      /^ {2}operators\[2\]\.id: duplicate of operators\[0\]/m,
    ],
    ['a misspelt field', operators({ ...clerk, role: ['assess'] }), /^ {2}operators\[0\]\.role: unrecognized field/m],
    ['no roles', operators({ id: 'officer.x', roles: [] }), /^ {2}operators\[0\]\.roles: give at least one role/m],
    ['no schema version', { operators: [clerk] }, /^ {2}schemaVersion: /m],
  ])('when the file has %s, then loading fails naming the file and the field', (_title, content, field) => {
    const bad = file('bad.json', content);
    expect(() => loadOperatorsFile(bad)).toThrow(OperatorsFileError);
    expect(() => loadOperatorsFile(bad)).toThrow(new RegExp(`^operators file ${bad} \\(CLAIMS_OPERATORS_FILE\\):`));
    expect(() => loadOperatorsFile(bad)).toThrow(field);
  });

  it('when the file is missing or not JSON, then loading fails naming the file', () => {
    expect(() => loadOperatorsFile(path.join(dir, 'none.json'))).toThrow(/none\.json .*not readable JSON .*ENOENT/);
    expect(() => loadOperatorsFile(file('text.json', '{ nope'))).toThrow(/text\.json .*not readable JSON/);
  });

  it('when an operator command runs with a bad operators file, then it exits 1 naming the file and the field, and nothing is sent', async () => {
    const saved = process.env.CLAIMS_OPERATORS_FILE;
    process.env.CLAIMS_OPERATORS_FILE = file(
      'cli-bad.json',
      operators({ id: 'officer.aziz', roles: ['suspend', 'approve'] })
    );
    try {
      const r = await runCli(
        'suspend',
        'AW-1',
        'IP-0000012345',
        '--actor',
        'officer.aziz',
        '--reason',
        'Investigation'
      );
      expect(r).toMatchObject({ code: 1, stdout: '' });
      expect(r.stderr).toContain(`claims suspend: operators file ${process.env.CLAIMS_OPERATORS_FILE}`);
      expect(r.stderr).toMatch(/operators\[0\]\.approveUpToSen: required/);
    } finally {
      if (saved === undefined) delete process.env.CLAIMS_OPERATORS_FILE;
      else process.env.CLAIMS_OPERATORS_FILE = saved;
    }
  });
});

describe('checkAuthority (schemas/operators/authority.ts)', () => {
  const ops = OperatorsFile.parse(operators(approver, clerk, { id: 'officer.ops', roles: ['suspend', 'life-event'] }));

  it('when the actor is not in the file, then the refusal names the actor and the operators file', () => {
    expect(checkAuthority(ops, 'officer.nobody', 'suspend')).toEqual({
      missing: 'operator',
      role: 'suspend',
      message: 'officer.nobody is not an operator (not in the operators file)',
    });
  });

  it('when the actor lacks the role a command needs, then the refusal names the actor, the role and the command', () => {
    expect(checkAuthority(ops, 'officer.clerk', 'resume')).toMatchObject({
      missing: 'role',
      message: 'officer.clerk does not hold the role "suspend" that resume needs',
    });
    expect(checkAuthority(ops, 'officer.siti', 'caa-review')).toMatchObject({ missing: 'role', role: 'assess' });
    expect(checkAuthority(ops, 'officer.ops', 'stop')).toBeUndefined();
    expect(checkAuthority(ops, 'officer.ops', 'death')).toBeUndefined();
  });

  it('when an approval or a decision is above approveUpToSen, then it is refused naming the limit; at the limit it passes', () => {
    expect(checkAuthority(ops, 'officer.siti', 'approve', 5_000_000)).toBeUndefined();
    expect(checkAuthority(ops, 'officer.siti', 'approve', 5_000_001)).toEqual({
      missing: 'limit',
      role: 'approve',
      limitSen: 5_000_000,
      amountSen: 5_000_001,
      message:
        "the award's total RM50,000.01 (5000001 sen) is above the limit of officer.siti: approveUpToSen RM50,000.00 (5000000 sen)",
    });
    expect(checkAuthority(ops, 'officer.siti', 'decide', 6_000_000)).toMatchObject({
      missing: 'limit',
      message: expect.stringMatching(/^the amount RM60,000\.00 /),
    });
    // Without an amount only the role is checked (the CLI asks the claim for the total afterwards).
    expect(checkAuthority(ops, 'officer.siti', 'approve')).toBeUndefined();
  });

  it('when the claim and periodic-award commands are registered, then every one that changes a claim or an award needs a role', () => {
    const program = new Command('claims');
    registerOperatorCommands(program);
    registerPeriodicCommands(program);
    registerPaymentCommands(program);
    registerDlqCommands(program);
    const readOnly = ['status', 'list', 'award-status', 'payment-status', 'dlq list', 'dlq show'];
    const names = program.commands.flatMap((c) =>
      c.commands.length > 0 ? c.commands.map((sub) => `${c.name()} ${sub.name()}`) : [c.name()]
    );
    const changing = names.filter((name) => !readOnly.includes(name));
    // A new command that changes state must be mapped to a role in schemas/operators/roles.ts (or be read-only here).
    expect(changing.sort()).toEqual(Object.keys(COMMAND_ROLES).sort());
  });
});
