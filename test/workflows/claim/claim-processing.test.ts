import { bundleProjectWorkflows } from '../../support/workflow-bundle';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { lumpSumWorkflowId } from '../../../workflows/payments/ids';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Activities } from '../../../activities';
import { sen } from '../../../schemas/common/money';
import { FailureType } from '../../../schemas/failures';
import { claimProcessingWorkflow } from '../../../workflows';
import {
  approveAwardUpdate,
  decideAwardLineUpdate,
  getClaimStatusQuery,
  provideInformationUpdate,
  recordMedicalCertificateUpdate,
  submitMedicalAssessmentUpdate,
  withdrawClaimUpdate,
} from '../../../workflows/claim/messages';
import {
  aCommutingAccidentClaim,
  aDeathClaim,
  aMedicalBoardDecision,
  aMedicalCertificate,
  anAttachment,
  anAwardLine,
  aWorkAccidentClaim,
  CLAIM_ID,
} from '../../support/builders';
import { startTimeSkippingEnv } from '../../support/temporal-env';
import { periodicTestActivities } from '../periodic/harness';
import { periodicWorkflowId } from '../../../workflows/periodic/ids';
import { finalAwardIdFor } from '../../../workflows/claim/ids';
import { awardLineIdFor } from '../../../schemas/payments/ids';
import { taskQueueFor, uniqueSuffix } from '../../support/unique';
import {
  anAward,
  fakeActivities,
  lumpSumPdb,
  maybeRecordHistory,
  registerSearchAttributes,
  settleLumpSums,
  statusWhen,
  tdbLine,
  TEST_CONFIG,
  verified,
} from './harness';
import type { ClaimSubmittedV1 } from '../../../schemas/events/claim-submitted.v1';

describe('claimProcessingWorkflow (time-skipping, mocked activities)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    bundle = await bundleProjectWorkflows();
  });

  // A test server per test: `env.sleep` hangs on a server where an earlier test's claim started an abandoned child
  // (a lump sum's payment workflow, a periodic award) that has since closed (temporalio/sdk-typescript#1101).
  beforeEach(async () => {
    env = await startTimeSkippingEnv();
    await registerSearchAttributes(env);
  });

  afterEach(async () => {
    await env?.teardown();
  });

  /** Starts the claim on a fresh worker and task queue, runs `body` while the worker runs. */
  async function run<T>(
    claim: ClaimSubmittedV1,
    activities: Partial<Activities>,
    body: (handle: Awaited<ReturnType<typeof start>>) => Promise<T>
  ): Promise<T> {
    const taskQueue = taskQueueFor(expect.getState().currentTestName ?? 'claim');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities,
    });
    return worker.runUntil(async () => {
      const out = await body(await start(claim, taskQueue));
      await settleLumpSums(env, activities);
      return out;
    });
  }

  const start = (claim: ClaimSubmittedV1, taskQueue: string) =>
    env.client.workflow.start(claimProcessingWorkflow, {
      taskQueue,
      workflowId: `claim-${uniqueSuffix()}`,
      args: [claim, TEST_CONFIG],
    });

  const decide = (loecBasisPoints: number) =>
    aMedicalBoardDecision({ loecBasisPoints, decidedAt: '2026-10-05T15:00:00+08:00' });

  it('when verification refuses the claim, then it is rejected straight through with the reason', async () => {
    const reason = 'No benefit is paid for a non-employment accident outside Malaysia (s.44A).';
    const f = fakeActivities({ verify: [verified({ outcome: 'reject', code: 'NEI_OUTSIDE_MALAYSIA', reason })] });
    const result = await run(aWorkAccidentClaim(), f.acts, async (h) => {
      const r = await h.result();
      await maybeRecordHistory(h, 'rejected');
      return r;
    });
    expect(result).toMatchObject({ outcome: 'rejected', reason });
    expect(f.types()).toEqual(['claim-received', 'stage-changed', 'claim-rejected']);
    expect(f.events.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(f.events[2]).toMatchObject({ stage: 'rejected', details: { code: 'NEI_OUTSIDE_MALAYSIA' } });
    expect(f.acts.requestMedicalAssessment).not.toHaveBeenCalled();
  });

  it('when requested information never arrives, then reminders go out and the claim is rejected at the deadline', async () => {
    const missing = verified({
      outcome: 'request-information',
      code: 'DOCUMENTS_MISSING',
      reason: 'Police report missing.',
      missing: ['police-report'],
    });
    const f = fakeActivities({ verify: [missing] });
    const result = await run(aCommutingAccidentClaim(), f.acts, async (h) => {
      const r = await h.result();
      await maybeRecordHistory(h, 'information-deadline');
      return r;
    });
    expect(result.outcome).toBe('rejected');
    expect(result.reason).toMatch(/police-report.*deadline/);
    const requests = f.events.filter((e) => e.type === 'information-requested');
    // 10-day deadline, 3-day reminders: the request, then reminders on days 3, 6 and 9.
    expect(requests.map((e) => e.details.reminder)).toEqual([0, 1, 2, 3]);
    expect(f.types().at(-1)).toBe('claim-rejected');
  });

  it('when the information is provided, then the claim is verified again and continues to the award', async () => {
    const missing = verified({
      outcome: 'request-information',
      code: 'DOCUMENTS_MISSING',
      reason: 'Police report missing.',
      missing: ['police-report'],
    });
    const f = fakeActivities({ verify: [missing, verified()] });
    const result = await run(aCommutingAccidentClaim(), f.acts, async (h) => {
      const waiting = await statusWhen(h, (s) => s.stage === 'awaiting-information');
      expect(waiting.outstandingInformation.map((o) => o.kind)).toEqual(['police-report']);
      const status = await h.executeUpdate(provideInformationUpdate, {
        args: [
          {
            actorId: 'officer.aminah',
            reason: 'Police report received at the branch.',
            providedAt: '2026-07-22T10:00:00+08:00',
            attachments: [anAttachment({ kind: 'police-report', fileName: 'polis.pdf' })],
            medicalCertificates: [],
          },
        ],
      });
      expect(status.stage).toBe('awaiting-information');
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(1_000)] });
      const r = await h.result();
      await maybeRecordHistory(h, 'information-provided');
      return r;
    });
    expect(result.outcome).toBe('awarded');
    expect(f.acts.verifyClaim).toHaveBeenCalledTimes(2);
    const second = f.acts.verifyClaim.mock.calls[1] as unknown as [{ claim: ClaimSubmittedV1 }];
    expect(second[0].claim.attachments.map((a) => a.kind)).toContain('police-report');
    expect(f.types()).toContain('information-provided');
  });

  it('when the assessment is overdue, then the claim escalates, is flagged SlaBreached and the board is reminded', async () => {
    const f = fakeActivities();
    const result = await run(aWorkAccidentClaim(), f.acts, async (h) => {
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      await env.sleep('21 days');
      const breached = await statusWhen(h, (s) => s.flags.includes('MEDICAL_ASSESSMENT_OVERDUE'));
      expect(breached.stage).toBe('awaiting-medical-assessment');
      await env.sleep('6 days');
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(1_500)] });
      const r = await h.result();
      await maybeRecordHistory(h, 'assessment-overdue');
      return r;
    });
    expect(result.outcome).toBe('awarded');
    expect(f.types().filter((t) => t === 'sla-breached')).toHaveLength(1);
    const reminders = f.acts.requestMedicalAssessment.mock.calls.map(
      (c) => (c as unknown as [{ reminder: number }])[0].reminder
    );
    expect(reminders.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it('when MCs arrive over time, then TDB is awarded and paid per period before the final assessment', async () => {
    const f = fakeActivities({ final: (id) => anAward(id, []) });
    const result = await run(aWorkAccidentClaim(), f.acts, async (h) => {
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      await h.executeUpdate(recordMedicalCertificateUpdate, {
        args: [
          {
            actorId: 'officer.aminah',
            certificate: aMedicalCertificate({ certId: 'MC-2026-0002', from: '2026-07-25', to: '2026-08-03' }),
          },
        ],
      });
      // A repeated certificate is ignored.
      await h.executeUpdate(recordMedicalCertificateUpdate, {
        args: [
          {
            actorId: 'officer.aminah',
            certificate: aMedicalCertificate({ certId: 'MC-2026-0002', from: '2026-07-25', to: '2026-08-03' }),
          },
        ],
      });
      await statusWhen(h, () => f.acts.issuePayment.mock.calls.length >= 2);
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(0)] });
      // A redelivered decision is ignored while the claim is open, or refused once the award has closed it (its
      // steps are local activities, so the award may well finish in the decision's own workflow task).
      await h
        .executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(0)] })
        .catch((err: unknown) => expect(String(err)).toMatch(/not found|already completed/i));
      const r = await h.result();
      await maybeRecordHistory(h, 'tdb-per-mc');
      return r;
    });
    expect(result.outcome).toBe('awarded');
    const issued = new Map(f.acts.issuePayment.mock.calls.map(([p]) => [p.awardId, p.line.amountSen]));
    expect([...issued]).toEqual([
      [`${CLAIM_ID}-TDB-1`, 100_000],
      [`${CLAIM_ID}-TDB-2`, 100_000],
    ]);
    // One final award, however often its local activity ran (a workflow task retried after the late duplicate runs
    // its local activities again; the store keeps the award once by its id).
    const finals = f.acts.computeAward.mock.calls.map((c) => c[0]).filter((i) => i.scope === 'final');
    expect(new Set(finals.map((i) => i.awardId)).size).toBe(1);
    expect(finals[0]).toMatchObject({ alreadyAwardedTdbSen: 200_000, decision: { loecBasisPoints: 0 } });
    expect(f.types().filter((t) => t === 'award-made')).toHaveLength(3);
  });

  it('when the board assesses LOEC of 20 % or less, then the PDB lump sum is paid once', async () => {
    const f = fakeActivities({ final: (id) => anAward(id, [lumpSumPdb(800_000)]) });
    const result = await run(aWorkAccidentClaim({ medicalCertificates: [] }), f.acts, async (h) => {
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(1_500)] });
      const r = await h.result();
      await maybeRecordHistory(h, 'pdb-lump-sum');
      return r;
    });
    expect(result).toMatchObject({ outcome: 'awarded', benefitTypes: ['permanent-disablement'] });
    expect(f.acts.issuePayment).toHaveBeenCalledTimes(1);
    expect(f.acts.issuePayment.mock.calls[0]?.[0]).toMatchObject({
      awardId: `${CLAIM_ID}-AWD-1`,
      beneficiaryId: 'IP-0000012345',
    });
    expect(result.paymentIds[0]).toMatch(new RegExp(`^${CLAIM_ID}-AWD-1\\.PDB-1:IP-0000012345:\\d{4}-\\d{2}$`));
    expect(f.types()).not.toContain('periodic-handover');
  });

  it('when a lump sum is issued, then it gets its own payment workflow, which settles it with the bank', async () => {
    const f = fakeActivities({ final: (id) => anAward(id, [lumpSumPdb(800_000)]) });
    let child: Awaited<ReturnType<WorkflowHandle['describe']>> | undefined;
    const result = await run(aWorkAccidentClaim({ medicalCertificates: [] }), f.acts, async (h) => {
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(1_500)] });
      const r = await h.result();
      await maybeRecordHistory(h, 'lump-sum-payment-life');
      const payment = env.client.workflow.getHandle(lumpSumWorkflowId(r.paymentIds[0] ?? ''));
      await payment.result();
      child = await payment.describe();
      return r;
    });
    expect(result.outcome).toBe('awarded');
    // Started by the claim (patch claim-lump-sum-payment-life) and ended once the bank's answer was in.
    expect(child).toMatchObject({ type: 'lumpSumPaymentWorkflow', status: { name: 'COMPLETED' } });
    expect(f.acts.paymentResultsOf).toHaveBeenCalledWith(result.paymentIds[0]);
    const events = f.acts.publishAwardEvent.mock.calls.map((c) => c[0]);
    expect(events.map((e) => [e.kind, e.type])).toEqual([
      ['lump-sum-payment', 'payment-issued'],
      ['lump-sum-payment', 'payment-paid'],
    ]);
    expect(events[0]).toMatchObject({ awardId: `${CLAIM_ID}-AWD-1.PDB-1`, benefitType: 'permanent-disablement' });
  });

  it('when the board assesses LOEC above 20 %, then the periodic PDB is handed over, not paid here', async () => {
    const f = fakeActivities({ final: (id) => anAward(id, [anAwardLine()]) });
    const periodic = periodicTestActivities(env);
    const claim = aWorkAccidentClaim({ medicalCertificates: [] });
    const pension = env.client.workflow.getHandle(
      periodicWorkflowId(awardLineIdFor(finalAwardIdFor(CLAIM_ID), 'L1'), claim.insuredPersonId)
    );
    const result = await run(claim, { ...f.acts, ...periodic.activities }, async (h) => {
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(4_000)] });
      const r = await h.result();
      await maybeRecordHistory(h, 'pdb-periodic-awards');
      // The pension's own workflow (started by the claim, abandoned when it closes) pays it from here on.
      expect((await pension.describe()).type).toBe('periodicAwardWorkflow');
      await pension.terminate('test over');
      return r;
    });
    expect(result.outcome).toBe('awarded');
    expect(f.acts.issuePayment).not.toHaveBeenCalled();
    const handover = f.events.find((e) => e.type === 'periodic-handover');
    expect(handover?.details).toMatchObject({ benefitType: 'permanent-disablement', lineId: 'L1' });
    expect(f.acts.publishBenefitAwarded).toHaveBeenCalledTimes(1);
  });

  it('when one award has a PDB pension and CAA, and a TDB period and a PDB lump sum, for the same person, then every line is paid under its own id', async () => {
    const pdb = anAwardLine({ lineId: 'PDB-1' });
    const caa = anAwardLine({ lineId: 'CAA-1', benefitType: 'constant-attendance', amountSen: sen(50_000) });
    const tdb = anAwardLine({
      lineId: 'TDB-1',
      benefitType: 'temporary-disablement',
      kind: 'periodic',
      amountSen: sen(300_000),
      amountBasis: 'period-total',
      period: { from: '2026-07-15', to: '2026-08-15' },
    });
    const lump = { ...lumpSumPdb(250_000), lineId: 'PDB-LUMP' };
    const f = fakeActivities({ final: (id) => anAward(id, [pdb, caa, tdb, lump]) });
    const periodic = periodicTestActivities(env);
    const claim = aWorkAccidentClaim({ medicalCertificates: [] });
    const awardId = finalAwardIdFor(CLAIM_ID);
    const pensions = ['PDB-1', 'CAA-1'].map((lineId) =>
      env.client.workflow.getHandle(periodicWorkflowId(awardLineIdFor(awardId, lineId), claim.insuredPersonId))
    );
    const result = await run(claim, { ...f.acts, ...periodic.activities }, async (h) => {
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(10_000)] });
      await h
        .executeUpdate(approveAwardUpdate, {
          args: [{ actorId: 'officer.checker', awardId, reason: 'Above the limit, checked.' }],
        })
        .catch(() => undefined);
      await statusWhen(h, (s) => s.stage === 'awarded' || s.stage === 'awaiting-approval');
      const pending = await h.query(getClaimStatusQuery);
      if (pending.stage === 'awaiting-approval') {
        await h.executeUpdate(approveAwardUpdate, {
          args: [{ actorId: 'officer.checker', awardId, reason: 'Above the limit, checked.' }],
        });
      }
      const r = await h.result();
      await maybeRecordHistory(h, 'payment-id-per-line');
      // Both pensions run, each in its own workflow (before, CAA collided with the PDB and was never paid).
      for (const pension of pensions) {
        expect((await pension.describe()).status.name).toBe('RUNNING');
        await pension.terminate('test over');
      }
      return r;
    });
    expect(result.outcome).toBe('awarded');
    const lumpSums = f.acts.issuePayment.mock.calls.map((c) => c[0]);
    expect(lumpSums.map((p) => [p.line.lineId, p.lineId])).toEqual([
      ['TDB-1', 'TDB-1'],
      ['PDB-LUMP', 'PDB-LUMP'],
    ]);
    expect(result.paymentIds.map((id) => id.split(':')[0])).toEqual([`${awardId}.TDB-1`, `${awardId}.PDB-LUMP`]);
    expect(new Set(result.paymentIds).size).toBe(2);
  });

  it("when the insured person died, then the medical step is skipped, dependants' benefit handed over and funeral paid", async () => {
    const dependants = () =>
      ['D1', 'D2'].map((d) =>
        anAwardLine({
          lineId: `DEP-${d}`,
          benefitType: 'dependants',
          beneficiaryId: d,
          relationship: d === 'D1' ? 'spouse' : 'child',
        })
      );
    const funeral = anAwardLine({
      lineId: 'FUN-1',
      benefitType: 'funeral',
      kind: 'lump-sum',
      amountSen: sen(200_000),
      amountBasis: 'lump-sum',
      beneficiaryId: 'D1',
      relationship: 'heir',
      period: { from: '2026-07-16', to: '2026-07-16' },
    });
    const f = fakeActivities({ final: (id) => anAward(id, [...dependants(), funeral]) });
    const periodic = periodicTestActivities(env);
    const awards = ['D1', 'D2'].map((d) =>
      env.client.workflow.getHandle(
        periodicWorkflowId(awardLineIdFor(finalAwardIdFor(CLAIM_ID), `DEP-${d}`), `${CLAIM_ID}-${d}`)
      )
    );
    const result = await run(aDeathClaim(), { ...f.acts, ...periodic.activities }, async (h) => {
      const r = await h.result();
      await maybeRecordHistory(h, 'death-periodic-awards');
      // Each dependant's share is paid by its own periodic-award workflow, which outlives the claim (ABANDON).
      for (const award of awards) {
        const description = await award.describe();
        expect(description.type).toBe('periodicAwardWorkflow');
        expect(description.status.name).toBe('RUNNING');
        await award.terminate('test over');
      }
      return r;
    });
    expect(result).toMatchObject({ outcome: 'awarded', benefitTypes: ['dependants', 'funeral'] });

    expect(f.acts.requestMedicalAssessment).not.toHaveBeenCalled();
    expect(f.events.filter((e) => e.type === 'periodic-handover').map((e) => e.details.beneficiaryId)).toEqual([
      `${CLAIM_ID}-D1`,
      `${CLAIM_ID}-D2`,
    ]);
    expect(f.acts.issuePayment.mock.calls.map((c) => c[0].beneficiaryId)).toEqual([`${CLAIM_ID}-D1`]);
  });

  it('when the award exceeds the authority limit, then the maker cannot approve it and a second officer can', async () => {
    const f = fakeActivities({ final: (id) => anAward(id, [lumpSumPdb(2_000_000)]) });
    const result = await run(aWorkAccidentClaim(), f.acts, async (h) => {
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      await h.executeUpdate(recordMedicalCertificateUpdate, {
        args: [
          {
            actorId: 'officer.maker',
            certificate: aMedicalCertificate({ certId: 'MC-2026-0002', from: '2026-07-25', to: '2026-07-30' }),
          },
        ],
      });
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(1_800)] });
      const pending = await statusWhen(h, (s) => s.stage === 'awaiting-approval');
      expect(pending.pendingApprovals).toEqual([`${CLAIM_ID}-AWD-1`]);
      const own = h.executeUpdate(approveAwardUpdate, {
        args: [{ actorId: 'officer.maker', awardId: `${CLAIM_ID}-AWD-1`, reason: 'Approving my own award.' }],
      });
      await expect(own).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = await own.catch((e: WorkflowUpdateFailedError) => e.cause);
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect((cause as ApplicationFailure).type).toBe(FailureType.InvalidState);
      await h.executeUpdate(approveAwardUpdate, {
        args: [
          { actorId: 'officer.checker', awardId: `${CLAIM_ID}-AWD-1`, reason: 'Checked against the board decision.' },
        ],
      });
      const r = await h.result();
      await maybeRecordHistory(h, 'approval');
      return r;
    });
    expect(result.outcome).toBe('awarded');
    expect(f.acts.recordAwardApproval).toHaveBeenCalledWith(
      expect.objectContaining({ makerId: 'officer.maker', approverId: 'officer.checker' })
    );
    expect(f.acts.publishBenefitAwarded).toHaveBeenLastCalledWith(
      expect.objectContaining({ approvedBy: 'officer.checker' })
    );
    expect(f.types()).toEqual(expect.arrayContaining(['approval-required', 'award-approved']));
  });

  it("when an MC period's TDB exceeds the authority limit, then it is paid only after a second officer approves it, and the claim goes back to its step", async () => {
    const f = fakeActivities({ final: (id) => anAward(id, []) });
    // 150 certified days at RM100.00: RM15,000.00, above the test limit of RM10,000.00.
    f.acts.computeAward.mockImplementation(async (input) =>
      input.scope === 'final'
        ? anAward(input.awardId, [])
        : anAward(input.awardId, [tdbLine(150)], { scope: 'tdb-period' })
    );
    const tdbAwardId = `${CLAIM_ID}-TDB-1`;
    const { result, status } = await run(aWorkAccidentClaim(), f.acts, async (h) => {
      const pending = await statusWhen(h, (s) => s.stage === 'awaiting-approval');
      expect(pending.pendingApprovals).toEqual([tdbAwardId]);
      expect(pending.awards).toEqual([
        expect.objectContaining({ awardId: tdbAwardId, scope: 'tdb-period', totalSen: 1_500_000, approval: 'pending' }),
      ]);
      expect(f.acts.issuePayment).not.toHaveBeenCalled();
      // The maker of a system award is `system`: any officer may check it, once.
      await h.executeUpdate(approveAwardUpdate, {
        args: [{ actorId: 'officer.checker', awardId: tdbAwardId, reason: 'MC checked against the hospital record.' }],
      });
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      expect(f.acts.issuePayment).toHaveBeenCalledTimes(1);
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(0)] });
      const r = await h.result();
      await maybeRecordHistory(h, 'tdb-over-authority');
      return { result: r, status: await h.query(getClaimStatusQuery) };
    });
    expect(result.outcome).toBe('awarded');
    expect(f.acts.recordAwardApproval).toHaveBeenCalledWith(
      expect.objectContaining({ awardId: tdbAwardId, makerId: 'system', approverId: 'officer.checker' })
    );
    expect(f.acts.publishBenefitAwarded).toHaveBeenCalledWith(
      expect.objectContaining({ awardId: tdbAwardId, approvedBy: 'officer.checker' })
    );
    const approvedEvent = f.events.find((e) => e.details.approverId === 'officer.checker');
    expect(approvedEvent).toMatchObject({ type: 'stage-changed', stage: 'verifying' });
    expect(status.awards.map((a) => [a.awardId, a.approval, a.approvedBy])).toEqual([
      [tdbAwardId, 'approved', 'officer.checker'],
      [`${CLAIM_ID}-AWD-1`, 'not-required', undefined],
    ]);
    expect(status.awards[0]?.lines).toEqual([
      expect.objectContaining({ lineId: 'TDB-1', benefitType: 'temporary-disablement', amountSen: 1_500_000 }),
    ]);
    expect(status.decision).toMatchObject({ code: 'AWARDED' });
  });

  it('when the rules leave a PDB lump sum to an officer, then an officer decides its amount, another approves, and it is paid at that amount', async () => {
    const referred = anAwardLine({
      lineId: 'PDB-LUMP',
      kind: 'lump-sum',
      status: 'officer-review',
      amountSen: sen(0),
      amountBasis: 'lump-sum',
      period: { from: '2026-07-25', to: '2026-07-25' },
      ruleIds: ['EI-PDB-004'],
    });
    const f = fakeActivities({
      final: (id) =>
        anAward(id, [referred], {
          eligibility: { outcome: 'officer-review', reasons: ['EI-PDB-004: an officer sets the lump sum.'] },
        }),
    });
    const awardId = finalAwardIdFor(CLAIM_ID);
    const refusal = async (p: Promise<unknown>) =>
      ((await p.catch((e: WorkflowUpdateFailedError) => e)) as WorkflowUpdateFailedError).cause?.message;
    const result = await run(aWorkAccidentClaim({ medicalCertificates: [] }), f.acts, async (h) => {
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      await h.executeUpdate(submitMedicalAssessmentUpdate, { args: [decide(1_500)] });
      await statusWhen(h, (s) => s.stage === 'awaiting-approval');
      const approve = (actorId: string) =>
        h.executeUpdate(approveAwardUpdate, { args: [{ actorId, awardId, reason: 'Checked the amount.' }] });
      // Approving a 0-sen line nobody has decided would close the claim without paying it: refused.
      expect(await refusal(approve('officer.checker'))).toMatch(/PDB-LUMP need an officer's amount first/);
      const decided = await h.executeUpdate(decideAwardLineUpdate, {
        args: [
          {
            actorId: 'officer.maker',
            awardId,
            lineId: 'PDB-LUMP',
            amountSen: sen(450_000),
            reason: 'Factor 25.4 x RM177.17',
          },
        ],
      });
      expect(decided.awards[0]).toMatchObject({
        totalSen: 450_000,
        lines: [{ lineId: 'PDB-LUMP', status: 'decided' }],
      });
      expect(await refusal(approve('officer.maker'))).toMatch(/maker-checker/);
      await approve('officer.checker');
      const r = await h.result();
      await maybeRecordHistory(h, 'line-decided');
      return r;
    });
    expect(result.outcome).toBe('awarded');
    expect(f.acts.issuePayment).toHaveBeenCalledTimes(1);
    expect(f.acts.issuePayment.mock.calls[0]?.[0].line).toMatchObject({
      lineId: 'PDB-LUMP',
      status: 'payable',
      amountSen: 450_000,
    });
    expect(f.acts.recordAwardApproval).toHaveBeenCalledWith(
      expect.objectContaining({
        makerId: 'officer.maker',
        approverId: 'officer.checker',
        lineDecisions: [expect.objectContaining({ lineId: 'PDB-LUMP', amountSen: 450_000, actorId: 'officer.maker' })],
      })
    );
    expect(f.acts.publishBenefitAwarded).toHaveBeenLastCalledWith(
      expect.objectContaining({
        approvedBy: 'officer.checker',
        lines: [expect.objectContaining({ amountSen: 450_000 })],
      })
    );
  });

  it('when the claim is withdrawn while waiting for the board, then it closes as withdrawn and nothing more is paid', async () => {
    const f = fakeActivities();
    const result = await run(aWorkAccidentClaim({ medicalCertificates: [] }), f.acts, async (h) => {
      await statusWhen(h, (s) => s.stage === 'awaiting-medical-assessment');
      const status = await h.executeUpdate(withdrawClaimUpdate, {
        args: [{ actorId: 'officer.aminah', reason: 'The claimant asked to withdraw.', requestedBy: 'claimant' }],
      });
      expect(status.stage).toBe('withdrawn');
      const r = await h.result();
      await maybeRecordHistory(h, 'withdrawn');
      return r;
    });
    expect(result).toMatchObject({ outcome: 'withdrawn', reason: 'The claimant asked to withdraw.' });
    expect(f.types().at(-1)).toBe('claim-withdrawn');
    expect(f.acts.computeAward).not.toHaveBeenCalled();
  });

  it('when the claim is withdrawn while an MC payment is being issued, then the withdrawal waits for it and names it', async () => {
    const f = fakeActivities();
    let release: () => void = () => undefined;
    const released = new Promise<void>((r) => (release = r));
    let entered = false;
    const issue = f.acts.issuePayment.getMockImplementation()!;
    f.acts.issuePayment.mockImplementation(async (input) => {
      entered = true;
      await released;
      return issue(input);
    });
    const result = await run(aWorkAccidentClaim(), f.acts, async (h) => {
      await statusWhen(h, () => entered);
      const withdrawing = h.executeUpdate(withdrawClaimUpdate, {
        args: [{ actorId: 'officer.aminah', reason: 'The claimant asked to withdraw.', requestedBy: 'claimant' }],
      });
      // The payment in flight is not cancelled: the withdrawal completes only once it has been issued.
      await new Promise((r) => setTimeout(r, 300));
      release();
      expect((await withdrawing).stage).toBe('withdrawn');
      return h.result();
    });
    expect(result.outcome).toBe('withdrawn');
    expect(f.acts.issuePayment).toHaveBeenCalledTimes(1);
    expect(result.paymentIds).toHaveLength(1);
    const withdrawn = f.events.find((e) => e.type === 'claim-withdrawn');
    expect(withdrawn?.details).toMatchObject({ paymentsIssued: 1, paymentIds: result.paymentIds[0] });
  });

  it('when the same person and accident date are already claimed, then the claim is linked and not paid', async () => {
    const reason = 'The same insured person and accident date are already claimed under C-2026-000100.';
    const f = fakeActivities({
      verify: [
        verified({ outcome: 'duplicate', code: 'DUPLICATE_CLAIM', reason, duplicateOfClaimId: 'C-2026-000100' }),
      ],
    });
    const result = await run(aWorkAccidentClaim(), f.acts, async (h) => {
      const r = await h.result();
      expect((await statusWhen(h, () => true)).duplicateOfClaimId).toBe('C-2026-000100');
      await maybeRecordHistory(h, 'duplicate');
      return r;
    });
    expect(result.outcome).toBe('rejected');
    expect(f.types()).toEqual(['claim-received', 'stage-changed', 'duplicate-linked', 'claim-rejected']);
    expect(f.acts.issuePayment).not.toHaveBeenCalled();
  });
});
