import { quietBundlerLogger } from '../../support/quiet-temporal';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { PeriodicAwardInputIn } from '../../../schemas/periodic/start-input';
import { periodicAwardWorkflow } from '../../../workflows';
import { periodicWorkflowId } from '../../../workflows/periodic/ids';
import { recordDeclarationUpdate } from '../../../workflows/periodic/messages';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../../workers/temporal-worker';
import { startTimeSkippingEnv } from '../../support/temporal-env';
import { taskQueueFor, uniqueSuffix } from '../../support/unique';
import { registerSearchAttributes } from '../claim/harness';
import { aPdbPension, maybeRecordHistory, periodicTestActivities, round } from './harness';

jest.setTimeout(600_000);

describe('periodicAwardWorkflow (time-skipping, real periodic activities on in-memory ports)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    env = await startTimeSkippingEnv();
    await registerSearchAttributes(env);
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../../workflows'),
      logger: quietBundlerLogger,
      ...WORKFLOW_BUNDLER_OPTIONS,
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  async function run<T>(
    input: PeriodicAwardInputIn,
    acts: ReturnType<typeof periodicTestActivities>,
    body: (handle: Awaited<ReturnType<typeof env.client.workflow.start<typeof periodicAwardWorkflow>>>) => Promise<T>
  ): Promise<T> {
    const taskQueue = taskQueueFor(expect.getState().currentTestName ?? 'periodic');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: acts.activities,
    });
    return worker.runUntil(async () => {
      const handle = await env.client.workflow.start(periodicAwardWorkflow, {
        taskQueue,
        workflowId: periodicWorkflowId(input.awardId, input.beneficiaryId),
        args: [input],
      });
      return body(handle);
    });
  }

  it('when a PDB pension runs 30 years with two revision rounds and a missed then late declaration, then every month is paid exactly once with the exact amount', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const params = {
      revision: { extraRounds: [round('COLA-2030', '2030-01-16', '5'), round('COLA-2040', '2040-07-01', '10')] },
    };
    const acts = periodicTestActivities(env, {
      params,
      beforeMonth: async (month) => {
        const wf = env.client.workflow.getHandle(periodicWorkflowId(awardId, 'IP-0000012345'));
        const year = Number(month.slice(0, 4));
        if (month === '2056-03') {
          await wf.executeUpdate('stopAward', {
            args: [{ actorId: 'officer.aziz', reason: 'End of the test horizon', lastPaidDay: '2056-02-29' }],
          });
        } else if (month === '2027-05') {
          // The 2027 declaration (due 2027-01-10) was missed: it arrives late, on 2 May 2027.
          await wf.executeUpdate(recordDeclarationUpdate, {
            args: [
              { actorId: 'officer.aziz', reason: 'Late Regulation 117 declaration received', receivedOn: '2027-05-02' },
            ],
          });
        } else if (month.endsWith('-12') && year >= 2027) {
          await wf.executeUpdate(recordDeclarationUpdate, {
            args: [
              { actorId: 'officer.aziz', reason: 'Regulation 117 declaration received', receivedOn: `${month}-15` },
            ],
          });
        }
      },
    });
    const input = aPdbPension(awardId, {
      terms: { ...aPdbPension(awardId).terms, rateTableVersions: ['EI-RATES-2014-01-01'] },
    });
    const final = await run({ ...input, config: { resultTimeout: '5 days' } }, acts, async (handle) => {
      // 30 years: March 2026 .. February 2056 = 360 cycles; the operator stops it when March 2056 comes.
      // Time skips only while the client awaits the result.
      const state = await handle.result();
      await maybeRecordHistory(handle, 'thirty-years');
      return state;
    });

    const expected = (month: string): number => {
      if (month === '2026-03') return 22 * 8850 + 265_500 + 265_500; // arrears Jan (10th..31st) + Feb, and March
      if (month === '2027-05') return 3 * 265_500; // March and April missed (suspended), paid with May
      if (month < '2030-01') return 265_500;
      if (month === '2030-01') return 15 * 8850 + 15 * 9293; // COLA-2030 from the 16th: 8850 × 1.05 = 9292.5 → 9293
      if (month < '2040-07') return 9293 * 30;
      return 10_222 * 30; // COLA-2040: 9293 × 1.10 = 10222.3 → 10222
    };
    const byMonth = new Map(acts.instructions.map((i) => [i.month, i]));
    expect(byMonth.size).toBe(acts.instructions.length); // never twice
    expect(byMonth.has('2027-03')).toBe(false);
    expect(byMonth.has('2027-04')).toBe(false);
    let months = 0;
    for (let y = 2026; y <= 2056; y++) {
      for (let m = 1; m <= 12; m++) {
        const month = `${y}-${String(m).padStart(2, '0')}`;
        if (month < '2026-03' || month > '2056-02' || month === '2027-03' || month === '2027-04') continue;
        months += 1;
        expect([month, byMonth.get(month)?.amountSen]).toEqual([month, expected(month)]);
        expect(acts.ports.payments.get(`${awardId}:IP-0000012345:${month}`)?.published).toBe(true);
      }
    }
    expect(months).toBe(358);
    expect(final.cyclesCompleted).toBe(360);
    expect(final.status).toBe('stopped');
    expect(byMonth.get('2026-03')?.breakdown.map((l) => l.period.from)).toEqual([
      '2026-01-10',
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(byMonth.get('2030-01')?.breakdown.at(-1)?.ruleIds).toContain('PAY-COLA-001');
    const types = acts.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['declaration-reminder', 'award-suspended', 'award-resumed']));
    expect(acts.events.map((e) => e.sequence)).toEqual(acts.events.map((_, i) => i + 1));
    expect(final.runs).toBeGreaterThanOrEqual(30); // continue-as-new every 12 cycles, state intact
    expect(acts.ports.audit.filter((a) => a.action === 'record-declaration').length).toBeGreaterThanOrEqual(29);
  });
});
