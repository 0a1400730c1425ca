import { MockActivityEnvironment } from '@temporalio/testing';
import { createPeriodicActivities } from '../../../activities/periodic';
import type { SiblingChangeOutcome } from '../../../activities/periodic/ports';
import type { SiblingRateChange } from '../../../activities/periodic/types';
import { inMemoryPeriodicPorts } from '../../workflows/periodic/harness';

/**
 * EI-DEP-004 with siblings that do not take the change: a sibling stopped by an operator refuses it, a sibling whose
 * workflow has closed cannot take it. Either is an answer, recorded on the sibling's audit trail, and the stopping
 * award's activity completes (before, the refusal failed the activity and it was retried without end).
 */
describe('recomputeSiblingShares with siblings that refuse or have closed', () => {
  it('when one sibling refuses and one has closed, then the activity completes and records both outcomes', async () => {
    const ports = inMemoryPeriodicPorts();
    const answers: Record<string, SiblingChangeOutcome> = {};
    const sent: string[] = [];
    const acts = createPeriodicActivities({
      periodicLedger: ports.ledger,
      audit: ports.auditLog,
      events: { publish: async () => undefined },
      siblings: {
        changeRate: async (workflowId) => {
          sent.push(workflowId);
          return answers[workflowId] ?? 'applied';
        },
        siblingStopped: async () => 'applied',
      },
    });
    const member = (d: string, relationship: 'spouse' | 'child') => ({
      beneficiaryId: `C-2026-000123-${d}`,
      relationship,
      awardId: `C-2026-000123-AWD-1.DEP-${d}`,
    });
    const widow = 'award-C-2026-000123-AWD-1.DEP-D1-C-2026-000123-D1';
    const child3 = 'award-C-2026-000123-AWD-1.DEP-D3-C-2026-000123-D3';
    answers[widow] = 'refused';
    answers[child3] = 'closed';
    const changes = (await new MockActivityEnvironment().run(acts.recomputeSiblingShares, {
      awardId: 'C-2026-000123-AWD-1.DEP-D2',
      group: {
        fullRate: '8850',
        unit: 'day' as const,
        dateOfDeath: '2026-02-10',
        benefitType: 'dependants' as const,
        members: [member('D1', 'spouse'), member('D2', 'child'), member('D3', 'child'), member('D4', 'child')],
      },
      stoppedBeneficiaryIds: ['C-2026-000123-D2'],
      lastPaidDay: '2027-05-31',
      reason: 'Share of C-2026-000123-D2 stopped after 2027-05-31 (marriage); shares recomputed (EI-DEP-004).',
    })) as SiblingRateChange[];
    // Each remaining sibling's own periodic award (per line) was asked, and every answer is kept.
    expect(sent.sort()).toEqual([widow, child3, 'award-C-2026-000123-AWD-1.DEP-D4-C-2026-000123-D4'].sort());
    expect(Object.fromEntries(changes.map((c) => [c.workflowId, c.outcome]))).toEqual({
      [widow]: 'refused',
      [child3]: 'closed',
      'award-C-2026-000123-AWD-1.DEP-D4-C-2026-000123-D4': 'applied',
    });
    expect(ports.audit.map((e) => [e.workflowId, e.action])).toEqual(
      expect.arrayContaining([
        [widow, 'sibling-rate-change-refused'],
        [child3, 'sibling-rate-change-closed'],
      ])
    );
    expect(ports.audit).toHaveLength(2);
  });

  it('when an operator stops a member, then every other member is told once, and a sibling that refuses or has closed is recorded and counts as done', async () => {
    const ports = inMemoryPeriodicPorts();
    const told: [string, unknown][] = [];
    const widow = 'award-C-2026-000123-AWD-1.DEP-D1-C-2026-000123-D1';
    const child3 = 'award-C-2026-000123-AWD-1.DEP-D3-C-2026-000123-D3';
    const acts = createPeriodicActivities({
      periodicLedger: ports.ledger,
      audit: ports.auditLog,
      events: { publish: async () => undefined },
      siblings: {
        changeRate: async () => {
          throw new Error('an operator stop recomputes nothing');
        },
        siblingStopped: async (workflowId, input) => {
          told.push([workflowId, input]);
          return workflowId === widow ? 'refused' : workflowId === child3 ? 'closed' : 'applied';
        },
      },
    });
    const member = (d: string, relationship: 'spouse' | 'child') => ({
      beneficiaryId: `C-2026-000123-${d}`,
      relationship,
      awardId: `C-2026-000123-AWD-1.DEP-${d}`,
    });
    const outcomes = (await new MockActivityEnvironment().run(acts.markSiblingStopped, {
      awardId: 'C-2026-000123-AWD-1.DEP-D2',
      group: {
        fullRate: '8850',
        unit: 'day' as const,
        dateOfDeath: '2026-02-10',
        benefitType: 'dependants' as const,
        members: [member('D1', 'spouse'), member('D2', 'child'), member('D3', 'child'), member('D4', 'child')],
      },
      stoppedBeneficiaryId: 'C-2026-000123-D2',
      lastPaidDay: '2027-05-31',
      reason: 'Share of C-2026-000123-D2 stopped by an operator after 2027-05-31.',
    })) as { workflowId: string; outcome: string }[];
    expect(told.map(([id]) => id).sort()).toEqual(
      [widow, child3, 'award-C-2026-000123-AWD-1.DEP-D4-C-2026-000123-D4'].sort()
    );
    expect(told[0]?.[1]).toMatchObject({ beneficiaryId: 'C-2026-000123-D2', lastPaidDay: '2027-05-31' });
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['applied', 'closed', 'refused']);
    expect(ports.audit.map((e) => [e.workflowId, e.action]).sort()).toEqual(
      [
        [widow, 'sibling-stopped-refused'],
        [child3, 'sibling-stopped-closed'],
      ].sort()
    );
  });
});
