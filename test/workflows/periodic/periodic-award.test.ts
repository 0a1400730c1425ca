import { bundleProjectWorkflows } from '../../support/workflow-bundle';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { FailureType } from '../../../schemas/failures';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { PeriodicAwardInputIn } from '../../../schemas/periodic/start-input';
import { periodicAwardWorkflow } from '../../../workflows';
import { periodicWorkflowId } from '../../../workflows/periodic/ids';
import { preparationLeadHours } from '../../../workflows/periodic/dates';
import { AwardStatusKey, BenefitTypeKey, NextPaymentDateKey } from '../../../workflows/search-attributes';
import {
  changeBankAccountUpdate,
  getAwardStatusQuery,
  recordCaaReviewUpdate,
  recordDeathUpdate,
  recordDeclarationUpdate,
  changeRateUpdate,
  stopAwardUpdate,
  suspendAwardUpdate,
} from '../../../workflows/periodic/messages';
import { aBankAccount } from '../../support/builders';
import { startTimeSkippingEnv } from '../../support/temporal-env';
import { eventually, taskQueueFor, uniqueSuffix } from '../../support/unique';
import { registerSearchAttributes } from '../claim/harness';
import {
  aPdbPension,
  daily,
  maybeRecordHistory,
  monthly,
  periodicTestActivities,
  resultWithin,
  round,
  updateWithin,
} from './harness';

jest.setTimeout(600_000);

describe('periodicAwardWorkflow (time-skipping, real periodic activities on in-memory ports)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    bundle = await bundleProjectWorkflows();
  });

  // A test server per test: payment dates are calendar dates, and a test that pays 30 years leaves the server's clock
  // in 2056, when a later test's future months would all be due at once (and a suspended award would run them all).
  beforeEach(async () => {
    env = await startTimeSkippingEnv();
    await registerSearchAttributes(env);
  });

  afterEach(async () => {
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

  let historyEventsPerYear = 0;

  it('when the start input is invalid, then the workflow fails at once, not retrying, and names the fields', async () => {
    const input = { ...aPdbPension(`AWD-${uniqueSuffix()}`), firstMonth: '2026-13' } as PeriodicAwardInputIn;
    const err = await run(input, periodicTestActivities(env), (h) => h.result().catch((e: unknown) => e));
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: FailureType.InvalidInput, nonRetryable: true });
    expect(cause.message).toMatch(/firstMonth/);
  });

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
      // The first run ends in continueAsNew: its history has the prune patch (the older 'thirty-years' has none).
      await maybeRecordHistory(
        env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId),
        'prune-settled-results'
      );
      // One run is 12 monthly cycles: its history length is the events per year of a pension.
      const firstRun = await env.client.workflow
        .getHandle(handle.workflowId, handle.firstExecutionRunId)
        .fetchHistory();
      historyEventsPerYear = firstRun.events?.length ?? 0;
      return state;
    });

    expect(historyEventsPerYear).toBeGreaterThan(0);
    expect(historyEventsPerYear).toBeLessThan(400); // bounded: × 40 years never nears the 51,200-event limit per run
    process.stdout.write(`periodic history events per year (one run of 12 cycles): ${historyEventsPerYear}\n`);
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
    // The state stays small: bank answers of settled payments are not carried across continueAsNew (before, one
    // per paid month: 360 after 30 years). The last run holds at most its own 12 cycles' answers.
    expect(Object.keys(final.results).length).toBeLessThanOrEqual(12);
    expect(JSON.stringify(final).length).toBeLessThan(40_000);
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

  /** Stops the award by operator when month `month` comes (the workflow then ends and time-skipping stops). */
  const stopAt =
    (awardId: string, month: string, lastPaidDay: string, beneficiaryId = 'IP-0000012345') =>
    async (m: string) => {
      if (m !== month) return;
      await env.client.workflow.getHandle(periodicWorkflowId(awardId, beneficiaryId)).executeUpdate(stopAwardUpdate, {
        args: [{ actorId: 'officer.aziz', reason: 'End of the test horizon', lastPaidDay }],
      });
    };

  const pension = (awardId: string, monthlySen: number, overrides: Partial<PeriodicAwardInputIn> = {}) =>
    aPdbPension(awardId, {
      benefitType: 'invalidity-pension',
      lineId: 'INV-1',
      terms: {
        rate: monthly(monthlySen),
        rateAsOf: '2026-03-01',
        benefitStartDate: '2026-03-01',
        ruleIds: ['INV-PEN-001'],
        rateTableVersions: ['INV-2023-01-01'],
      },
      config: { declarationsRequired: false },
      ...overrides,
    });

  it('when a payment fails, is re-sent and returned, then the award is suspended until new bank details, the payment is re-sent to them and the missed month paid as arrears', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const april = `${awardId}:IP-0000012345:2026-04`;
    const stop = stopAt(awardId, '2026-08', '2026-07-31');
    const acts = periodicTestActivities(env, {
      bank: { [april]: ['failed', 'returned', 'paid'] },
      beforeMonth: async (m) => {
        if (m === '2026-06') {
          const payee = {
            name: 'Aminah binti Test',
            bankAccount: aBankAccount({ accountNumber: '000998877665' }),
            paidToGuardian: false,
          };
          await env.client.workflow
            .getHandle(periodicWorkflowId(awardId, 'IP-0000012345'))
            .executeUpdate(changeBankAccountUpdate, {
              args: [{ actorId: 'officer.aziz', reason: 'New BKA-1 received', payee }],
            });
        }
        await stop(m);
      },
    });
    const state = await run(pension(awardId, 1_000_000), acts, async (h) => {
      const st = await h.result();
      await maybeRecordHistory(h, 'failed-returned-bank-change');
      return st;
    });
    const aprilSends = acts.instructions.filter((i) => i.paymentId === april);
    expect(aprilSends).toHaveLength(3);
    expect(new Set(aprilSends.map((i) => i.eventId)).size).toBe(3);
    expect(aprilSends.map((i) => i.payee.bankAccount.accountNumber)).toEqual([
      '000112233445',
      '000112233445',
      '000998877665',
    ]);
    expect(aprilSends.every((i) => i.amountSen === 1_000_000)).toBe(true);
    const months = acts.instructions.map((i) => i.month);
    expect(months).not.toContain('2026-05');
    const june = acts.instructions.find((i) => i.month === '2026-06');
    expect(june?.amountSen).toBe(2_000_000); // May (missed while suspended) + June
    expect(june?.breakdown.map((l) => l.period.from)).toEqual(['2026-05-01', '2026-06-01']);
    expect(acts.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['payment-returned', 'bank-account-changed', 'payment-retried'])
    );

    expect(acts.ports.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['change-bank-account', 'stop']));
    expect(state.lastPayments.find((p) => p.paymentId === april)).toMatchObject({ result: 'paid', attempts: 3 });
    expect(state.paidToDate).toBe('2026-07-31');
  });

  // Skipped: on the Java time-skipping test server this interleaving (an update whose slow event is still publishing
  // while the main loop re-sends and the bank's signal arrives) intermittently fails the workflow task completion with
  // "invalid history builder state for action", after which the update never completes (the CI run of 2026-12-03 hung
  // here for 600 s; reproduced 3 times in 6 full runs of the workflows project). The order it checks is still guarded
  // by the replay of test/replay/histories/periodic-events-in-sequence.json, recorded from this test. To move it to
  // the real dev server is the fix; see the session note on issue 12.
  it.skip('when new bank details arrive while the award waits and their event is slow to publish, then the re-sent payment’s events still follow it in sequence', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const march = `${awardId}:IP-0000012345:2026-03`;
    const acts = periodicTestActivities(env, {
      bank: { [march]: ['returned', 'paid'] },
      // A slow broker for the handler's event, while the main loop re-sends the payment and emits its own events.
      slowEvents: { 'bank-account-changed': 1_500 },
    });
    const state = await run(pension(awardId, 1_000_000), acts, async (h) => {
      // Suspended after the return; the workflow now waits for the next month (no time skips while we only query).
      await eventually(async () => (await h.query(getAwardStatusQuery)).holdReason === 'payment-returned', 20_000);
      const payee = {
        name: 'Aminah binti Test',
        bankAccount: aBankAccount({ accountNumber: '000998877665' }),
        paidToGuardian: false,
      };
      await updateWithin(h, changeBankAccountUpdate, [
        { actorId: 'officer.aziz', reason: 'New BKA-1 received', payee },
      ]);
      await eventually(async () => acts.events.some((e) => e.type === 'payment-retried'), 20_000);
      await updateWithin(h, stopAwardUpdate, [
        { actorId: 'officer.aziz', reason: 'End of the test', lastPaidDay: '2026-03-31' },
      ]);
      const st = await resultWithin<Awaited<ReturnType<typeof h.result>>>(h);
      await maybeRecordHistory(h, 'events-in-sequence');
      return st;
    });
    expect(state.lastPayments.find((p) => p.paymentId === march)).toMatchObject({ result: 'paid', attempts: 2 });
    const types = acts.events.map((e) => e.type);
    expect(types.indexOf('bank-account-changed')).toBeLessThan(types.indexOf('payment-retried'));
    // Published strictly in sequence order (patch periodic-award-events-in-sequence), the slow event included.
    expect(acts.events.map((e) => e.sequence)).toEqual(acts.events.map((_, i) => i + 1));
  });

  it('when an instalment is for a future payment date, then it is prepared at the award’s hour of the window before it and carries the date as valueDate', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const workflowId = periodicWorkflowId(awardId, 'IP-0000012345');
    const acts = periodicTestActivities(env, { beforeMonth: stopAt(awardId, '2027-08', '2027-07-31') });
    await run(
      pension(awardId, 1_000_000, {
        terms: { ...pension(awardId, 1).terms, benefitStartDate: '2027-06-01', rateAsOf: '2027-06-01' },
        firstMonth: '2027-06',
        config: { declarationsRequired: false, preparationWindowHours: 96 },
      }),
      acts,
      async (h) => {
        const st = await h.result();
        await maybeRecordHistory(h, 'value-date-spread');
        return st;
      }
    );
    const lead = preparationLeadHours(workflowId, 96);
    expect(lead).toBeGreaterThanOrEqual(1);
    expect(lead).toBeLessThanOrEqual(96);
    // June 2027: the 25th is a Friday; July 2027: Sunday the 25th, so the working day before (PAY-CAL-001).
    expect(acts.instructions.map((i) => [i.month, i.valueDate])).toEqual([
      ['2027-06', '2027-06-25'],
      ['2027-07', '2027-07-23'],
    ]);
    for (const i of acts.instructions) {
      const preparedMs = Date.parse(i.issuedAt);
      const dueMs = Date.parse(`${i.valueDate}T00:00:00+08:00`) - lead * 3_600_000;
      expect(preparedMs).toBeGreaterThanOrEqual(dueMs);
      expect(preparedMs).toBeLessThan(dueMs + 60_000);
    }
  });

  it('when a failed payment keeps failing through the retry schedule, then it is put on hold with an operator event', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const march = `${awardId}:IP-0000012345:2026-03`;
    const acts = periodicTestActivities(env, {
      bank: { [march]: ['failed', 'failed', 'failed', 'failed'] },
      beforeMonth: stopAt(awardId, '2026-05', '2026-03-31'),
    });
    const state = await run(pension(awardId, 1_000_000), acts, (h) => h.result());
    expect(acts.instructions.filter((i) => i.paymentId === march)).toHaveLength(4); // first send + [1d, 3d, 7d]
    const hold = acts.events.find((e) => e.type === 'payment-on-hold');
    expect(hold?.operator).toBe(true);
    expect(acts.instructions.map((i) => i.month)).toEqual(['2026-03', '2026-03', '2026-03', '2026-03']);
    expect(state.lastPayments[0]).toMatchObject({ result: 'on-hold', attempts: 4 });
  });

  it('when the death of an invalidity pensioner is reported late, then payments stop at the date of death, the overpaid days are a negative ledger adjustment, and funeral and survivors events go out', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const acts = periodicTestActivities(env, {
      beforeMonth: async (m) => {
        if (m !== '2026-07') return;
        await env.client.workflow
          .getHandle(periodicWorkflowId(awardId, 'IP-0000012345'))
          .executeUpdate(recordDeathUpdate, {
            args: [{ actorId: 'officer.aziz', reason: 'Death certificate received', dateOfDeath: '2026-05-20' }],
          });
      },
    });
    const state = await run(pension(awardId, 1_000_000), acts, async (h) => {
      const st = await h.result();
      await maybeRecordHistory(h, 'death-overpayment');
      return st;
    });
    expect(acts.instructions.map((i) => i.month)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
    const adjustment = [...acts.ports.adjustments.values()][0];
    // May: paid RM10,000.00, entitled 1..20 May = 1,000,000 × 20/30 = 666,667 → 333,333 overpaid; June all of it.
    expect(adjustment?.amountSen).toBe(-(333_333 + 1_000_000));
    expect(adjustment?.lines.map((l) => [l.period.from, l.amountSen])).toEqual([
      ['2026-05-21', 333_333],
      ['2026-06-01', 1_000_000],
    ]);
    expect(state).toMatchObject({ status: 'stopped', holdReason: 'death', debtSen: 1_333_333, stopDate: '2026-05-20' });
    expect(acts.events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'overpayment-recorded',
        'award-stopped',
        'funeral-benefit-triggered',
        'survivors-pension-triggered',
      ])
    );
    expect(acts.ports.audit.map((a) => a.action)).toEqual(['record-death', 'record-overpayment']);
    expect(acts.ports.audit[1]).toMatchObject({ actorId: 'system.periodic', details: { amountSen: 1_333_333 } });
  });

  it.each([
    ['with the administrator’s bank details, then they are paid to the estate in a final instruction', true],
    [
      'without an estate payee, then they are recorded in the ledger as owed to the estate, with an operator event',
      false,
    ],
  ])(
    'PAY-STOP-001: when a pensioner dies on 12 June before June is paid and the death is recorded %s',
    async (_, withPayee) => {
      const awardId = `AWD-${uniqueSuffix()}`;
      const estate = { name: 'Ahmad bin Test (administrator)', bankAccount: aBankAccount(), paidToGuardian: false };
      const acts = periodicTestActivities(env, {
        beforeMonth: async (m) => {
          if (m !== '2026-06') return;
          await env.client.workflow
            .getHandle(periodicWorkflowId(awardId, 'IP-0000012345'))
            .executeUpdate(recordDeathUpdate, {
              args: [
                {
                  actorId: 'officer.aziz',
                  reason: 'Death certificate received',
                  dateOfDeath: '2026-06-12',
                  ...(withPayee ? { estatePayee: estate } : {}),
                },
              ],
            });
        },
      });
      const state = await run(pension(awardId, 1_000_000), acts, async (h) => {
        const st = await h.result();
        if (withPayee) await maybeRecordHistory(h, 'estate-arrears');
        return st;
      });
      const june = acts.instructions.find((i) => i.month === '2026-06');
      expect(acts.ports.audit[0]).toMatchObject({ action: 'record-death', details: { estatePayee: withPayee } });
      expect(state).toMatchObject({ status: 'stopped', holdReason: 'death', stopDate: '2026-06-12', debtSen: 0 });
      if (withPayee) {
        // 1–12 June of RM10,000.00 a month: 1,000,000 × 12/30 = 400,000 sen, to the administrator's account.
        expect(acts.instructions.map((i) => [i.month, i.amountSen])).toEqual([
          ['2026-03', 1_000_000],
          ['2026-04', 1_000_000],
          ['2026-05', 1_000_000],
          ['2026-06', 400_000],
        ]);
        expect(june?.period).toEqual({ from: '2026-06-01', to: '2026-06-12' });
        expect(june?.payee).toEqual(estate);
        expect(state).toMatchObject({ paidToDate: '2026-06-12' });
        expect(acts.ports.adjustments.size).toBe(0);
      } else {
        expect(june).toBeUndefined();
        const owed = [...acts.ports.adjustments.values()];
        expect(owed.map((a) => [a.amountSen, a.lines.map((l) => [l.period.from, l.period.to])])).toEqual([
          [400_000, [['2026-06-01', '2026-06-12']]],
        ]);
        expect(acts.events.find((e) => e.type === 'estate-arrears-owed')).toMatchObject({
          operator: true,
          details: { amountSen: 400_000, dateOfDeath: '2026-06-12' },
        });
      }
      expect(acts.events.map((e) => e.type)).toEqual(
        expect.arrayContaining(['award-stopped', 'funeral-benefit-triggered'])
      );
    }
  );

  it('when a Medical Board review stops a constant-attendance allowance from the 16th, then that month pays to the 15th and nothing after', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const acts = periodicTestActivities(env, {
      beforeMonth: async (m) => {
        if (m !== '2026-05') return;
        await env.client.workflow
          .getHandle(periodicWorkflowId(awardId, 'IP-0000012345'))
          .executeUpdate(recordCaaReviewUpdate, {
            args: [
              {
                actorId: 'mb.review',
                reason: 'Medical Board: attendance no longer needed',
                outcome: 'stop',
                effectiveDate: '2026-05-16',
              },
            ],
          });
      },
    });
    const input = pension(awardId, 50_000, { benefitType: 'constant-attendance', lineId: 'CAA-1' });
    const state = await run({ ...input, terms: { ...input.terms, ruleIds: ['EI-CAA-001'] } }, acts, (h) => h.result());
    expect(acts.instructions.map((i) => [i.month, i.amountSen])).toEqual([
      ['2026-03', 50_000],
      ['2026-04', 50_000],
      ['2026-05', 25_000],
    ]);
    expect(state).toMatchObject({ status: 'stopped', holdReason: 'caa-review', paidToDate: '2026-05-15' });
  });

  it('PAY-COLA-001 / PAY-ARR-001: when a 10 % round effective 1 April is loaded only in July, then July pays the new rate plus the April–June differences, itemised, and nothing twice', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const acts = periodicTestActivities(env, {
      paramsFrom: {
        fromMonth: '2026-07',
        params: { revision: { extraRounds: [round('COLA-2026', '2026-04-01', '10')] } },
      },
      beforeMonth: async (m) => {
        if (m !== '2026-09') return;
        await env.client.workflow
          .getHandle(periodicWorkflowId(awardId, 'IP-0000012345'))
          .executeUpdate(stopAwardUpdate, {
            args: [{ actorId: 'officer.aziz', reason: 'End of the test', lastPaidDay: '2026-08-31' }],
          });
      },
    });
    const input = aPdbPension(awardId, { config: { declarationsRequired: false } });
    await run(input, acts, (h) => h.result());
    // RM88.50 a day → RM97.35 from 1 April (8,850 × 1.10); a full month is 30 days (PAY-MON-001).
    expect(acts.instructions.map((i) => [i.month, i.amountSen])).toEqual([
      ['2026-03', 22 * 8_850 + 2 * 265_500], // 10–31 January, February, March
      ['2026-04', 265_500],
      ['2026-05', 265_500],
      ['2026-06', 265_500],
      ['2026-07', 292_050 + 3 * 26_550],
      ['2026-08', 292_050],
    ]);
    const july = acts.instructions.find((i) => i.month === '2026-07');
    expect(july?.period).toEqual({ from: '2026-04-01', to: '2026-07-31' });
    expect(july?.breakdown.map((l) => [l.period.from, l.amountSen])).toEqual([
      ['2026-04-01', 26_550],
      ['2026-05-01', 26_550],
      ['2026-06-01', 26_550],
      ['2026-07-01', 292_050],
    ]);
    expect(july?.breakdown[0]?.description).toMatch(/^arrears after a revision of the rates/);
    expect(july?.breakdown[0]?.ruleIds).toEqual(expect.arrayContaining(['PAY-ARR-001', 'PAY-COLA-001']));
    expect(acts.ports.adjustments.size).toBe(0);
  });

  it('PAY-ARR-001: when a back-dated rise from 15 April arrives after April was paid and the award is then stopped at 30 April, then the difference goes out as a final settlement', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const acts = periodicTestActivities(env, {
      beforeMonth: async (m) => {
        if (m !== '2026-05') return;
        const wf = env.client.workflow.getHandle(periodicWorkflowId(awardId, 'IP-0000012345'));
        await wf.executeUpdate(changeRateUpdate, {
          args: [
            {
              actorId: 'system.periodic',
              reason: "Sibling's share stopped: shares recomputed (EI-DEP-004)",
              change: {
                effectiveDate: '2026-04-15',
                rate: daily(17_700),
                ruleIds: ['EI-DEP-004'],
                reason: 'Shares recomputed',
              },
            },
          ],
        });
        await wf.executeUpdate(stopAwardUpdate, {
          args: [{ actorId: 'officer.aziz', reason: 'Share ended', lastPaidDay: '2026-04-30' }],
        });
      },
    });
    const state = await run(aPdbPension(awardId, { config: { declarationsRequired: false } }), acts, async (h) => {
      const st = await h.result();
      await maybeRecordHistory(h, 'final-settlement');
      return st;
    });
    // April: 1–14 at 8,850 + 15–30 (16 days) at 17,700 = 123,900 + 283,200 = 407,100; paid 265,500: 141,600 owed.
    expect(acts.instructions.map((i) => [i.month, i.amountSen])).toEqual([
      ['2026-03', 22 * 8_850 + 2 * 265_500],
      ['2026-04', 265_500],
      ['2026-05', 141_600],
    ]);
    const settlement = acts.instructions.at(-1);
    expect(settlement?.breakdown.map((l) => [l.period.from, l.period.to, l.amountSen])).toEqual([
      ['2026-04-01', '2026-04-30', 141_600],
    ]);
    expect(settlement?.breakdown[0]?.ruleIds).toContain('PAY-ARR-001');
    expect(state).toMatchObject({ status: 'stopped', stopDate: '2026-04-30', debtSen: 0 });
    expect(acts.ports.adjustments.size).toBe(0);
  });

  it('PAY-SUSP-001: when an operator suspends for an investigation and extends it once on fresh evidence, then it lifts itself 6 cycles after the extension and every month held back is paid as arrears', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const wf = () => env.client.workflow.getHandle(periodicWorkflowId(awardId, 'IP-0000012345'));
    const seen: Record<string, unknown> = {};
    const acts = periodicTestActivities(env, {
      beforeMonth: async (m) => {
        if (m === '2026-04') {
          seen.suspended = await wf().executeUpdate(suspendAwardUpdate, {
            args: [{ actorId: 'officer.aziz', reason: 'Investigation: employment while on invalidity pension' }],
          });
        } else if (m === '2026-08') {
          seen.extended = await wf().executeUpdate(suspendAwardUpdate, {
            args: [{ actorId: 'officer.aziz', reason: 'Fresh evidence: investigation extended' }],
          });
        } else if (m === '2027-03') {
          await wf().executeUpdate(stopAwardUpdate, {
            args: [{ actorId: 'officer.aziz', reason: 'End of the test', lastPaidDay: '2027-02-28' }],
          });
        }
      },
    });
    // One run for the whole test, so the recorded history holds the suspension, its extension and its end.
    const input = pension(awardId, 171_100, { config: { declarationsRequired: false, cyclesPerRun: 24 } });
    await run(input, acts, async (h) => {
      await h.result();
      await maybeRecordHistory(h, 'suspension-limit');
    });
    expect(seen.suspended).toMatchObject({
      status: 'suspended',
      holdReason: 'operator',
      suspendedUntilMonth: '2026-10',
    });
    expect(seen.extended).toMatchObject({ status: 'suspended', suspendedUntilMonth: '2027-02' });
    // March paid; April 2026 .. January 2027 held (10 months); February 2027's cycle lifts it and pays all 11.
    expect(acts.instructions.map((i) => [i.month, i.amountSen, i.breakdown.length])).toEqual([
      ['2026-03', 171_100, 1],
      ['2027-02', 11 * 171_100, 11],
    ]);
    const auto = acts.ports.audit.filter((a) => a.actorId === 'system.periodic');
    expect(auto).toEqual([
      expect.objectContaining({ action: 'resume', reason: expect.stringContaining('PAY-SUSP-001') as unknown }),
    ]);
    const resumed = acts.events.find((e) => e.type === 'award-resumed');
    expect(resumed).toMatchObject({ operator: true, details: { unpaidMonths: 10 } });
    expect(acts.events.filter((e) => e.type === 'award-suspended').map((e) => e.details)).toEqual([
      { by: 'operator' },
      { by: 'operator', extendedUntil: '2027-02' },
    ]);
  });

  it('when the test cycle is 60 seconds, then month i is issued i × 60 s after the start and amounts stay calendar months', async () => {
    const awardId = `AWD-${uniqueSuffix()}`;
    const acts = periodicTestActivities(env);
    const input = pension(awardId, 1_000_000, { config: { cycle: { seconds: 60 }, declarationsRequired: false } });
    await run(input, acts, async (h) => {
      await env.sleep('170 seconds'); // months 0, 1 and 2 are due at 0, 60 and 120 s
      const status = await h.query(getAwardStatusQuery);
      expect(status).toMatchObject({
        status: 'active',
        nextMonth: '2026-06',
        paidToDate: '2026-05-31',
        cyclesCompleted: 3,
      });
      const attrs = (await h.describe()).typedSearchAttributes;
      expect(attrs.get(AwardStatusKey)).toBe('active');
      expect(attrs.get(BenefitTypeKey)).toBe('invalidity-pension');
      expect(attrs.get(NextPaymentDateKey)?.getTime()).toBeGreaterThan(0);
      await h.executeUpdate(stopAwardUpdate, {
        args: [{ actorId: 'officer.aziz', reason: 'End of the test', lastPaidDay: '2026-05-31' }],
      });
      await h.result();
    });
    expect(acts.instructions.map((i) => [i.month, i.amountSen])).toEqual([
      ['2026-03', 1_000_000],
      ['2026-04', 1_000_000],
      ['2026-05', 1_000_000],
    ]);
    const issued = acts.instructions.map((i) => Date.parse(i.issuedAt));
    expect(Math.round(((issued[2] ?? 0) - (issued[0] ?? 0)) / 1000)).toBe(120);
  });
});
