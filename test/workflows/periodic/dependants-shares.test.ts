import { bundleProjectWorkflows } from '../../support/workflow-bundle';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { PeriodicAwardInputIn, ShareGroupInput } from '../../../schemas/periodic/start-input';
import type { PeriodicAwardStatus } from '../../../schemas/periodic/status';
import { periodicAwardWorkflow } from '../../../workflows';
import { periodicWorkflowId } from '../../../workflows/periodic/ids';
import { recordDeclarationUpdate, recordMarriageUpdate, stopAwardUpdate } from '../../../workflows/periodic/messages';
import { aBankAccount } from '../../support/builders';
import { startTimeSkippingEnv } from '../../support/temporal-env';
import { taskQueueFor, uniqueSuffix } from '../../support/unique';
import { registerSearchAttributes } from '../claim/harness';
import { daily, maybeRecordHistory, periodicTestActivities, resultWithin } from './harness';

jest.setTimeout(600_000);

/**
 * EI-DEP-004 across sibling workflows: a widow and two children share a dependants' benefit of RM90.00 a day
 * (widow 3/5 = RM54.00; children 2/5 shared, RM18.00 each). Each runs its own periodic workflow; when a child's share
 * stops, that workflow recomputes the group and sends each remaining sibling its new rate by the `changeRate` update.
 */
describe('dependants’ shares recomputed across sibling periodic workflows (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    await registerSearchAttributes(env);
    bundle = await bundleProjectWorkflows();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('when one child marries (reported late) and the other ages out after study, then each sibling is paid its recomputed share from the day after, back-dated changes are paid as arrears, and the married child’s overpaid months are recovered', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const claimId = 'C-2026-000777';
    const widow = `${claimId}-D1`;
    const child1 = `${claimId}-D2`;
    const child2 = `${claimId}-D3`;
    const wf = (beneficiaryId: string) => env.client.workflow.getHandle(periodicWorkflowId(awardId, beneficiaryId));
    const group: ShareGroupInput = {
      fullRate: '9000',
      unit: 'day',
      dateOfDeath: '2026-11-10',
      benefitType: 'dependants',
      members: [
        { beneficiaryId: widow, relationship: 'spouse' },
        { beneficiaryId: child1, relationship: 'child' },
        { beneficiaryId: child2, relationship: 'child' },
      ],
    };
    const member = (
      beneficiaryId: string,
      relationship: 'spouse' | 'child',
      dailySen: number,
      extra: Partial<PeriodicAwardInputIn> = {}
    ): PeriodicAwardInputIn => ({
      claimId,
      awardId,
      lineId: `DEP-${beneficiaryId.slice(-2)}`,
      beneficiaryId,
      benefitType: 'dependants',
      relationship,
      terms: {
        rate: daily(dailySen),
        rateAsOf: '2026-11-10',
        benefitStartDate: '2026-11-11',
        ruleIds: ['EI-DEP-002', 'EI-DEP-004'],
        rateTableVersions: ['EI-RATES-2014-01-01'],
        shareFraction: relationship === 'spouse' ? '3/5' : '1/5',
      },
      payee: { name: 'Siti binti Test', bankAccount: aBankAccount(), paidToGuardian: relationship === 'child' },
      firstMonth: '2027-01',
      shareGroup: group,
      config: { declarationsRequired: false },
      ...extra,
    });

    /**
     * The hooks run inside activities, where a retried attempt runs them again: each update goes under a fixed id,
     * so a second attempt changes nothing. None waits for another workflow: an activity in flight stops virtual time,
     * so a sibling whose next timer is a moment later would never get there.
     */
    const answeredPaid = (beneficiaryId: string, month: string): boolean => {
      const instruction = acts.instructions.find((i) => i.beneficiaryId === beneficiaryId && i.month === month);
      return acts.answers.some((a) => a.paymentId === instruction?.paymentId && a.status === 'paid');
    };
    const acts = periodicTestActivities(env, {
      siblings: true,
      // Both children's April is paid before the late report arrives, so the change reaches back; it arrives while
      // the last April answer's activity holds virtual time, so before either child's May.
      afterAnswer: async (_result, instruction) => {
        if (instruction.month !== '2027-04' || !answeredPaid(child1, '2027-04') || !answeredPaid(child2, '2027-04')) {
          return;
        }
        await wf(child1).executeUpdate(recordMarriageUpdate, {
          args: [{ actorId: 'officer.aziz', reason: 'Marriage certificate received', marriageDate: '2027-03-15' }],
          updateId: 'late-marriage-report',
        });
      },
      beforeMonth: async (month, workflowId) => {
        if (workflowId === periodicWorkflowId(awardId, child2) && month === '2027-05') {
          // 21 on 1 June 2027, studying for a first degree until 31 August 2027 (PAY-STUDY-001).
          await wf(child2).executeUpdate(recordDeclarationUpdate, {
            args: [
              {
                actorId: 'officer.aziz',
                reason: 'University enrolment letter',
                kind: 'study',
                receivedOn: '2027-04-28',
                validUntil: '2027-08-31',
              },
            ],
            updateId: 'study-declaration',
          });
        }
        if (workflowId === periodicWorkflowId(awardId, widow) && month === '2027-11') {
          await wf(widow).executeUpdate(stopAwardUpdate, {
            args: [{ actorId: 'officer.aziz', reason: 'End of the test horizon', lastPaidDay: '2027-10-31' }],
            updateId: 'end-of-horizon',
          });
        }
      },
    });

    const taskQueue = taskQueueFor('dependants-shares');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: acts.activities,
    });
    const inputs = [
      member(widow, 'spouse', 5400),
      member(child1, 'child', 1800, { child: { ageLimitDate: '2029-02-01' } }),
      member(child2, 'child', 1800, { child: { ageLimitDate: '2027-06-01' } }),
    ];
    const finals = await worker.runUntil(async () => {
      const handles = await Promise.all(
        inputs.map((input) =>
          env.client.workflow.start(periodicAwardWorkflow, {
            taskQueue,
            workflowId: periodicWorkflowId(awardId, input.beneficiaryId),
            args: [input],
          })
        )
      );
      // One result at a time: each awaited result unlocks time skipping, and the widow's runs longest.
      const results = [];
      for (const h of [handles[0], handles[1], handles[2]])
        if (h) results.push(await resultWithin<PeriodicAwardStatus>(h));
      if (handles[2]) await maybeRecordHistory(handles[2], 'child-shares-reassessed');
      return results;
    });

    const paidTo = (id: string) =>
      acts.instructions.filter((i) => i.beneficiaryId === id).map((i) => [i.month, i.amountSen]);
    // The first instruction of each pays 11–30 Nov (20 days), Dec and Jan: arrears in one instruction.
    // Child 1 married on 15 March 2027 (share to 14 March), reported in late April: March and April were paid.
    expect(paidTo(child1)).toEqual([
      ['2027-01', 20 * 1800 + 30 * 1800 + 30 * 1800],
      ['2027-02', 54_000],
      ['2027-03', 54_000],
      ['2027-04', 54_000],
    ]);
    // Child 2: RM36.00 a day (all of 2/5) from 15 March. March (14 days at 1800 + 16 at 3600) and April (30 at 3600)
    // were paid at 54,000 each, so May carries 28,800 + 54,000 of arrears; the study declaration keeps the share to
    // 31 August, when it stops (end of study) and the widow's share is recomputed (the children's 2/5 lapses).
    expect(paidTo(child2)).toEqual([
      ['2027-01', 144_000],
      ['2027-02', 54_000],
      ['2027-03', 54_000],
      ['2027-04', 54_000],
      ['2027-05', 108_000 + 28_800 + 54_000],
      ['2027-06', 108_000],
      ['2027-07', 108_000],
      ['2027-08', 108_000],
    ]);
    const may = acts.instructions.find((i) => i.beneficiaryId === child2 && i.month === '2027-05');
    expect(may?.period).toEqual({ from: '2027-03-01', to: '2027-05-31' });
    expect(may?.breakdown.map((l) => [l.period.from, l.period.to, l.amountSen])).toEqual([
      ['2027-03-01', '2027-03-31', 28_800],
      ['2027-04-01', '2027-04-30', 54_000],
      ['2027-05-01', '2027-05-31', 108_000],
    ]);
    expect(may?.breakdown[0]?.ruleIds).toEqual(expect.arrayContaining(['PAY-ARR-001', 'EI-DEP-004']));
    // The widow's share stays 3/5 throughout (lapse: an absent group's fraction is not redistributed).
    expect(paidTo(widow)).toEqual([
      ['2027-01', 20 * 5400 + 162_000 + 162_000],
      ...['02', '03', '04', '05', '06', '07', '08', '09', '10'].map((m) => [`2027-${m}`, 162_000]),
    ]);

    const [widowEnd, child1End, child2End] = finals;
    expect(child1End).toMatchObject({ status: 'stopped', stopDate: '2027-03-14', debtSen: 28_800 + 54_000 });
    expect(child2End).toMatchObject({ status: 'stopped', stopDate: '2027-08-31', debtSen: 0 });
    expect(widowEnd).toMatchObject({ status: 'stopped', stopDate: '2027-10-31' });
    // The married child's overpaid days are a negative ledger adjustment; child 2's reassessment owed, not overpaid.
    const adjustments = [...acts.ports.adjustments.values()];
    expect(adjustments.map((a) => [a.beneficiaryId, a.amountSen])).toEqual([[child1, -(28_800 + 54_000)]]);
    // Each remaining sibling got one audited change per stop, naming the stopped share.
    const changes = acts.ports.audit.filter((a) => a.action === 'change-rate');
    expect(changes.map((a) => [a.workflowId, a.details.effectiveDate, a.details.monthlyAmountSen])).toEqual(
      expect.arrayContaining([
        [periodicWorkflowId(awardId, widow), '2027-03-15', 162_000],
        [periodicWorkflowId(awardId, child2), '2027-03-15', 108_000],
        [periodicWorkflowId(awardId, widow), '2027-09-01', 162_000],
      ])
    );
    expect(changes).toHaveLength(3);
    expect(acts.events.filter((e) => e.type === 'rate-changed' && e.details.deltaSen === 28_800 + 54_000)).toHaveLength(
      1
    );
  });
});

/*
 * Its own test server: the periodic workflows' due times are calendar dates, and the test above leaves the server's
 * clock at the end of 2027, when every month of this one would be due at once.
 */
describe('an operator stop in a share group (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    await registerSearchAttributes(env);
    bundle = await bundleProjectWorkflows();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('when an operator stops one child and another child ages out later, then the last child gets the whole children’s share (the stopped child is counted stopped, and is sent nothing)', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const claimId = 'C-2026-000778';
    const [widow, child1, child2, child3] = ['D1', 'D2', 'D3', 'D4'].map((d) => `${claimId}-${d}`) as [
      string,
      string,
      string,
      string,
    ];
    const wf = (beneficiaryId: string) => env.client.workflow.getHandle(periodicWorkflowId(awardId, beneficiaryId));
    // RM90.00 a day: widow 3/5 (RM54.00), three children sharing 2/5 (RM12.00 each).
    const group: ShareGroupInput = {
      fullRate: '9000',
      unit: 'day',
      dateOfDeath: '2026-11-10',
      benefitType: 'dependants',
      members: [
        { beneficiaryId: widow, relationship: 'spouse' },
        { beneficiaryId: child1, relationship: 'child' },
        { beneficiaryId: child2, relationship: 'child' },
        { beneficiaryId: child3, relationship: 'child' },
      ],
    };
    const member = (
      beneficiaryId: string,
      relationship: 'spouse' | 'child',
      dailySen: number,
      extra: Partial<PeriodicAwardInputIn> = {}
    ): PeriodicAwardInputIn => ({
      claimId,
      awardId,
      lineId: `DEP-${beneficiaryId.slice(-2)}`,
      beneficiaryId,
      benefitType: 'dependants',
      relationship,
      terms: {
        rate: daily(dailySen),
        rateAsOf: '2026-11-10',
        benefitStartDate: '2026-11-11',
        ruleIds: ['EI-DEP-002', 'EI-DEP-004'],
        rateTableVersions: ['EI-RATES-2014-01-01'],
        shareFraction: relationship === 'spouse' ? '3/5' : '2/15',
      },
      payee: { name: 'Siti binti Test', bankAccount: aBankAccount(), paidToGuardian: relationship === 'child' },
      firstMonth: '2027-01',
      shareGroup: group,
      config: { declarationsRequired: false },
      ...extra,
    });
    const stop = (beneficiaryId: string, lastPaidDay: string, reason: string) =>
      wf(beneficiaryId).executeUpdate(stopAwardUpdate, { args: [{ actorId: 'officer.aziz', reason, lastPaidDay }] });
    const acts = periodicTestActivities(env, {
      siblings: true,
      beforeMonth: async (month, workflowId) => {
        if (workflowId === periodicWorkflowId(awardId, child1) && month === '2027-03') {
          await stop(child1, '2027-02-28', 'Investigation: not a dependant of the deceased');
        }
        for (const id of [widow, child3]) {
          if (workflowId === periodicWorkflowId(awardId, id) && month === '2027-07') {
            await stop(id, '2027-06-30', 'End of the test horizon');
          }
        }
      },
    });
    const taskQueue = taskQueueFor('operator-stop-siblings');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: acts.activities,
    });
    const inputs = [
      member(widow, 'spouse', 5400),
      member(child1, 'child', 1200, { child: { ageLimitDate: '2035-01-01' } }),
      // 21 on 1 May 2027: the share stops on 30 April and the group is recomputed.
      member(child2, 'child', 1200, { child: { ageLimitDate: '2027-05-01' } }),
      member(child3, 'child', 1200, { child: { ageLimitDate: '2035-01-01' } }),
    ];
    await worker.runUntil(async () => {
      const handles = await Promise.all(
        inputs.map((input) =>
          env.client.workflow.start(periodicAwardWorkflow, {
            taskQueue,
            workflowId: periodicWorkflowId(awardId, input.beneficiaryId),
            args: [input],
          })
        )
      );
      for (const h of handles) await h.result();
      if (handles[1]) await maybeRecordHistory(handles[1], 'operator-stop-marks-siblings');
    });

    const paidTo = (id: string) =>
      acts.instructions.filter((i) => i.beneficiaryId === id).map((i) => [i.month, i.amountSen]);
    // Child 3: RM12.00 a day until child 2's share stops; then alone in the children's 2/5: RM36.00 a day (before,
    // child 1, stopped by the operator, still counted and the two shared it: RM18.00).
    expect(paidTo(child3)).toEqual([
      ['2027-01', 20 * 1200 + 30 * 1200 + 30 * 1200],
      ['2027-02', 36_000],
      ['2027-03', 36_000],
      ['2027-04', 36_000],
      ['2027-05', 108_000],
      ['2027-06', 108_000],
    ]);
    // The operator's stop recomputed nothing and was recorded by each sibling; child 1 was never sent a rate.
    // (The widow's and child 3's own stops at the horizon mark each other too, in whichever order they run.)
    const marked = acts.ports.audit.filter(
      (a) => a.action === 'sibling-stopped' && a.details.siblingBeneficiaryId === child1
    );
    expect(marked.map((a) => a.workflowId).sort()).toEqual(
      [widow, child2, child3].map((id) => periodicWorkflowId(awardId, id)).sort()
    );
    const changes = acts.ports.audit.filter((a) => a.action === 'change-rate');
    expect(changes.map((a) => [a.workflowId, a.details.effectiveDate, a.details.monthlyAmountSen]).sort()).toEqual(
      [
        [periodicWorkflowId(awardId, widow), '2027-05-01', 162_000],
        [periodicWorkflowId(awardId, child3), '2027-05-01', 108_000],
      ].sort()
    );
    expect(
      acts.ports.audit.filter(
        (a) => a.workflowId === periodicWorkflowId(awardId, child1) && a.action.startsWith('sibling-rate-change')
      )
    ).toEqual([]);
  });
});
