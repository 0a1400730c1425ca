import { bundleProjectWorkflows } from '../../support/workflow-bundle';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { claimProcessingWorkflow } from '../../../workflows';
import type { Activities } from '../../../activities';
import {
  approveAwardUpdate,
  getClaimStatusQuery,
  submitMedicalAssessmentUpdate,
} from '../../../workflows/claim/messages';
import { aMedicalBoardDecision, aWorkAccidentClaim, CLAIM_ID } from '../../support/builders';
import { startTimeSkippingEnv } from '../../support/temporal-env';
import { taskQueueFor, uniqueSuffix } from '../../support/unique';
import {
  anAward,
  fakeActivities,
  settleLumpSums,
  lumpSumPdb,
  maybeRecordHistory,
  registerSearchAttributes,
  statusWhen,
  TEST_CONFIG,
} from './harness';

/*
 * The approval wait's reminders and escalation (patch `claim-approval-reminders`), in an environment of its own:
 * `env.sleep` moves the test server's clock, and the server keeps time locked while an activity of an earlier test's
 * workflow was in flight when that workflow was terminated, so a shared server could hang here.
 */
describe('claim approval reminders (time-skipping, mocked activities)', () => {
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

  const decide = (loecBasisPoints: number) =>
    aMedicalBoardDecision({ loecBasisPoints, decidedAt: '2026-10-05T15:00:00+08:00' });

  async function run<T>(
    claim: ReturnType<typeof aWorkAccidentClaim>,
    activities: Parameters<typeof Worker.create>[0]['activities'],
    body: (handle: Awaited<ReturnType<typeof env.client.workflow.start<typeof claimProcessingWorkflow>>>) => Promise<T>
  ): Promise<T> {
    const taskQueue = taskQueueFor(expect.getState().currentTestName ?? 'claim');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities,
    });
    return worker.runUntil(async () => {
      const out = await body(
        await env.client.workflow.start(claimProcessingWorkflow, {
          taskQueue,
          workflowId: `claim-${uniqueSuffix()}`,
          args: [claim, TEST_CONFIG],
        })
      );
      await settleLumpSums(env, activities as Partial<Activities>);
      return out;
    });
  }

  it('when nobody approves an award, then the approvers are reminded daily and it is escalated once after the SLA', async () => {
    const f = fakeActivities({ final: (id) => anAward(id, [lumpSumPdb(2_000_000)]) });
    const result = await run(aWorkAccidentClaim({ medicalCertificates: [] }), f.acts, async (h) => {
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(1_800)] });
      await statusWhen(h, (s) => s.stage === 'awaiting-approval' && f.types().includes('approval-required'));
      // A day at a time: a skip that lands before the workflow has set its reminder timer is then only one day lost.
      let late = await h.query(getClaimStatusQuery);
      for (let day = 0; day < 10 && !late.flags.includes('APPROVAL_OVERDUE'); day++) {
        await env.sleep('1 day');
        late = await h.query(getClaimStatusQuery);
      }
      expect(late.flags).toContain('APPROVAL_OVERDUE');
      expect(late.stage).toBe('awaiting-approval');
      await h.executeUpdate(approveAwardUpdate, {
        args: [{ actorId: 'officer.checker', awardId: `${CLAIM_ID}-AWD-1`, reason: 'Approved after escalation.' }],
      });
      const r = await h.result();
      await maybeRecordHistory(h, 'approval-reminders');
      return r;
    });
    expect(result.outcome).toBe('awarded');
    const waiting = f.events.filter((e) => e.type === 'approval-required' || e.type === 'sla-breached');
    // Default SLA 3 days, daily reminders: the request, reminders on days 1 and 2, the escalation on day 3.
    expect(waiting.slice(0, 4).map((e) => [e.type, e.details.reminder ?? null])).toEqual([
      ['approval-required', null],
      ['approval-required', 1],
      ['approval-required', 2],
      ['sla-breached', null],
    ]);
    // Escalated once; the daily reminders go on until the approval.
    expect(waiting.slice(4).every((e) => e.type === 'approval-required')).toBe(true);
    expect(f.types().at(-1)).not.toBe('sla-breached');
  });
});
