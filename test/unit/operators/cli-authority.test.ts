import type { AuditEntry } from '../../../activities/periodic/ports';
import { OperatorsFile } from '../../../schemas/operators/operators-file';
import { requireAuthority, type GateDeps, type OperatorAction } from '../../../workers/cli/authority';
import { NotAuthorisedError } from '../../../workers/cli/input';

describe('requireAuthority (the CLI gate, workers/cli/authority.ts)', () => {
  const operators = OperatorsFile.parse({
    schemaVersion: 1,
    operators: [{ id: 'officer.siti', roles: ['approve'], approveUpToSen: 5_000_000 }],
  });
  const written: AuditEntry[] = [];
  const deps = (audit: GateDeps['audit'] = async (e) => void written.push(e)): GateDeps => ({
    operators: () => operators,
    audit,
    now: () => new Date('2026-05-04T03:00:00.000Z'),
  });
  const approve = (over: Partial<OperatorAction> = {}): OperatorAction => ({
    command: 'approve',
    actorId: 'officer.siti',
    workflowId: 'claim-C-2026-000123',
    updateId: 'cli-approve-abc',
    subject: { claimId: 'C-2026-000123', awardId: 'C-2026-000123-AWD-1' },
    amountSen: 5_000_000,
    ...over,
  });

  beforeEach(() => {
    written.length = 0;
  });

  it('when the operator holds the role within the limit, then nothing is audited and the command goes on', async () => {
    await expect(requireAuthority(approve(), deps())).resolves.toBeUndefined();
    expect(written).toEqual([]);
  });

  it('when the total is above the limit, then the refusal is audited under the workflow and thrown naming actor and limit', async () => {
    const refused = await requireAuthority(approve({ amountSen: 5_000_001 }), deps()).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(NotAuthorisedError);
    expect((refused as Error).message).toMatch(
      /^refused: the award's total RM50,000\.01 .* officer\.siti: approveUpToSen RM50,000\.00 .*\(audited as refused:approve\)$/
    );
    expect(written).toHaveLength(1);
    expect(written[0]).toEqual({
      auditId: 'claim-C-2026-000123:refused:cli-approve-abc',
      workflowId: 'claim-C-2026-000123',
      action: 'refused:approve',
      actorId: 'officer.siti',
      reason: expect.stringContaining('above the limit of officer.siti'),
      details: {
        missing: 'limit',
        role: 'approve',
        limitSen: 5_000_000,
        amountSen: 5_000_001,
        claimId: 'C-2026-000123',
        awardId: 'C-2026-000123-AWD-1',
        beneficiaryId: null,
        lineId: null,
        updateId: 'cli-approve-abc',
      },
      at: '2026-05-04T03:00:00.000Z',
    });
  });

  it('when the refusal cannot be audited, then the command still stops, with a failure (exit 1) saying so', async () => {
    const unaudited = deps(async () => {
      throw new Error('server selection timed out');
    });
    const failed = await requireAuthority(approve({ actorId: 'officer.nobody' }), unaudited).catch(
      (err: unknown) => err
    );
    expect(failed).toBeInstanceOf(Error);
    expect(failed).not.toBeInstanceOf(NotAuthorisedError);
    expect((failed as Error).message).toBe(
      'refused: officer.nobody is not an operator (not in the operators file); the refusal could not be audited: server selection timed out'
    );
  });
});
