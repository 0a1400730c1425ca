import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createPeriodicActivities } from '../../../activities/periodic';
import { PaymentInstructionV1 } from '../../../schemas/events/payment-instruction.v1';
import { PaymentResultV1 } from '../../../schemas/events/payment-result.v1';
import type { LumpSumPaymentInputIn, LumpSumPaymentStatus } from '../../../schemas/payments/lump-sum';
import { PeriodicAwardEventV1 } from '../../../schemas/periodic/award-event.v1';
import { lumpSumPaymentWorkflow } from '../../../workflows';
import { lumpSumWorkflowId } from '../../../workflows/payments/ids';
import {
  changePaymentBankAccountUpdate,
  getPaymentStatusQuery,
  paymentResultSignal,
  retryPaymentUpdate,
} from '../../../workflows/payments/messages';
import { aBankAccount } from '../../support/builders';
import { startTimeSkippingEnv } from '../../support/temporal-env';
import { eventually, taskQueueFor, uniqueSuffix } from '../../support/unique';
import { bundleProjectWorkflows } from '../../support/workflow-bundle';
import { registerSearchAttributes } from '../claim/harness';
import { recordHistory } from '../../support/histories';
import { inMemoryPeriodicPorts } from '../periodic/harness';

/** With RECORD_HISTORIES=1, stores the run's history for the replay test (STYLE H21). */
async function maybeRecordHistory(handle: WorkflowHandle, scenario: string): Promise<void> {
  if (process.env.RECORD_HISTORIES === '1') await recordHistory(handle, `${scenario}.json`);
}

type Answer = 'paid' | 'failed' | 'returned' | 'silent';

/**
 * A lump sum's payment workflow over the real periodic activities (resendPayment, publishAwardEvent, writeAudit) on
 * the in-memory ledger and audit log, with a bank that answers each published instruction from a script by
 * signalling the workflow, as the payment results consumer does.
 */
describe('lumpSumPaymentWorkflow (time-skipping)', () => {
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

  const CONFIG = { resultTimeout: '2 days', failedRetrySchedule: ['1 hour', '3 hours'] };

  function setUp(script: Answer[], stored: 'paid' | undefined = undefined) {
    const suffix = uniqueSuffix().replace(/[^A-Za-z0-9]/g, '');
    const paymentId = `C-2026-000123-AWD-${suffix}.PDB-1:IP-0000012345:2026-10`;
    const ports = inMemoryPeriodicPorts();
    const events: PeriodicAwardEventV1[] = [];
    const sent: PaymentInstructionV1[] = [];
    let n = 0;
    const result = (status: 'paid' | 'failed' | 'returned'): PaymentResultV1 => {
      n += 1;
      const header = {
        schemaVersion: 1 as const,
        eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        paymentId,
        settledAt: '2026-10-07T02:00:00.000Z',
        amountSen: 800_000,
      };
      return PaymentResultV1.parse(
        status === 'paid'
          ? { ...header, status, bankReference: `REF${n}` }
          : { ...header, status, reasonCode: 'ACCOUNT_CLOSED', reasonText: `bank said ${status}` }
      );
    };
    const answer = async (instruction: PaymentInstructionV1) => {
      // A local activity run again after a retried workflow task sends the same instruction (same event id) again:
      // the bank has answered it already and drops the copy.
      if (sent.some((i) => i.eventId === instruction.eventId)) return;
      sent.push(instruction);
      const status = script[sent.length - 1] ?? 'paid';
      if (status === 'silent') return;
      await env.client.workflow
        .getHandle(lumpSumWorkflowId(instruction.paymentId))
        .signal(paymentResultSignal, result(status));
    };
    const periodic = createPeriodicActivities({
      periodicLedger: ports.ledger,
      audit: ports.auditLog,
      events: {
        async publish(topic, _key, value) {
          const parsed: unknown = JSON.parse(String(value));
          if (topic === 'payments.instructions') await answer(PaymentInstructionV1.parse(parsed));
          else {
            const event = PeriodicAwardEventV1.parse(parsed);
            if (!events.some((e) => e.eventId === event.eventId)) events.push(event);
          }
        },
      },
    });
    const activities = {
      ...periodic,
      paymentResultsOf: async () => (stored ? [result(stored)] : []),
    };
    const instruction = PaymentInstructionV1.parse({
      schemaVersion: 1,
      eventId: '00000000-0000-4000-8000-00000000ffff',
      paymentId,
      claimId: 'C-2026-000123',
      awardId: paymentId.split(':')[0],
      beneficiaryId: 'IP-0000012345',
      benefitType: 'permanent-disablement',
      month: '2026-10',
      amountSen: 800_000,
      period: { from: '2026-07-25', to: '2026-07-25' },
      breakdown: [
        {
          period: { from: '2026-07-25', to: '2026-07-25' },
          amountSen: 800_000,
          ruleIds: ['EI-PDB-003'],
          description: 'PDB lump sum',
        },
      ],
      payee: { name: 'Aminah binti Test', bankAccount: aBankAccount(), paidToGuardian: false },
      issuedAt: '2026-10-06T00:00:00.000Z',
    });
    const input: LumpSumPaymentInputIn = {
      paymentId,
      claimId: 'C-2026-000123',
      awardId: paymentId.split(':')[0] ?? '',
      beneficiaryId: 'IP-0000012345',
      benefitType: 'permanent-disablement',
      amountSen: 800_000,
      config: CONFIG,
    };
    return { paymentId, ports, events, sent, activities, instruction, input, types: () => events.map((e) => e.type) };
  }

  /** Issues the first attempt as the claim workflow does (ledger, then the bank), starts the workflow, runs `body`. */
  async function run<T>(
    t: ReturnType<typeof setUp>,
    body: (h: WorkflowHandle<typeof lumpSumPaymentWorkflow>) => Promise<T>
  ): Promise<T> {
    const taskQueue = taskQueueFor(expect.getState().currentTestName ?? 'lump-sum');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      activities: t.activities,
    });
    await t.ports.ledger.record(t.instruction);
    return worker.runUntil(async () => {
      const h = await env.client.workflow.start(lumpSumPaymentWorkflow, {
        taskQueue,
        workflowId: lumpSumWorkflowId(t.paymentId),
        args: [t.input],
      });
      return body(h);
    });
  }

  const stateWhen = (h: WorkflowHandle, check: (s: LumpSumPaymentStatus) => boolean) =>
    eventually(async () => {
      const s = await h.query(getPaymentStatusQuery);
      return check(s) ? s : undefined;
    }, 20_000);

  const signal = async (h: WorkflowHandle, t: ReturnType<typeof setUp>, status: 'paid' | 'failed' | 'returned') => {
    // The bank's answer to the first attempt (issued by the claim workflow before this one started).
    await h.signal(paymentResultSignal, {
      schemaVersion: 1,
      eventId: `00000000-0000-4000-8000-${String(900 + t.sent.length).padStart(12, '0')}`,
      paymentId: t.paymentId,
      settledAt: '2026-10-07T01:00:00.000Z',
      amountSen: 800_000,
      ...(status === 'paid'
        ? { status, bankReference: 'REF-FIRST' }
        : { status, reasonCode: 'INVALID_ACCOUNT', reasonText: `bank said ${status}` }),
    } as PaymentResultV1);
  };

  it('when the bank pays the lump sum, then the workflow ends paid with issued and paid events', async () => {
    const t = setUp([]);
    const status = await run(t, async (h) => {
      await stateWhen(h, () => true);
      await signal(h, t, 'paid');
      return h.result();
    });
    expect(status).toMatchObject({ state: 'paid', attempts: 1, overdue: false });
    expect(status.results.map((r) => r.status)).toEqual(['paid']);
    expect(t.types()).toEqual(['payment-issued', 'payment-paid']);
    expect(t.events.every((e) => e.kind === 'lump-sum-payment' && e.details.paymentId === t.paymentId)).toBe(true);
    expect(t.events.map((e) => e.sequence)).toEqual([1, 2]);
    expect(t.sent).toHaveLength(0);
  });

  it('when the bank answered before the workflow started, then it reads the stored answer and ends paid', async () => {
    const t = setUp([], 'paid');
    const status = await run(t, (h) => h.result());
    expect(status.state).toBe('paid');
    expect(t.types()).toEqual(['payment-issued', 'payment-paid']);
  });

  it('when a lump sum fails on every attempt, then it is re-sent on the schedule, held with an operator event, and an officer retry pays it', async () => {
    // Attempts 2 and 3 (the schedule's re-sends) fail too; attempt 4 (the officer's retry) is paid.
    const t = setUp(['failed', 'failed', 'paid']);
    const status = await run(t, async (h) => {
      await stateWhen(h, () => true);
      await signal(h, t, 'failed');
      // Queries do not move time-skipping time: sleep past the schedule (1 h, then 3 h).
      await env.sleep('5 hours');
      const held = await stateWhen(h, (s) => s.state === 'held');
      expect(held).toMatchObject({ holdReason: 'payment-failed', attempts: 3 });
      const described = await h.describe();
      expect(described.searchAttributes.AwardStatus).toEqual(['suspended']);
      const after = await h.executeUpdate(retryPaymentUpdate, {
        args: [{ actorId: 'officer.aminah', reason: 'Bank confirmed the account is open again.' }],
      });
      expect(after.state).toBe('held');
      const done = await h.result();
      await maybeRecordHistory(h, 'lump-sum-payment-failed-held-retried');
      return done;
    });
    expect(status).toMatchObject({ state: 'paid', attempts: 4 });
    expect(t.sent.map((i) => i.eventId)).toHaveLength(3);
    expect(new Set(t.sent.map((i) => i.paymentId))).toEqual(new Set([t.paymentId]));
    expect(t.types()).toEqual([
      'payment-issued',
      'payment-retried',
      'payment-retried',
      'payment-on-hold',
      'payment-retried',
      'payment-paid',
    ]);
    const hold = t.events.find((e) => e.type === 'payment-on-hold');
    expect(hold).toMatchObject({ operator: true, status: 'suspended' });
    expect(t.ports.audit.map((a) => [a.action, a.actorId])).toEqual([['retry-payment', 'officer.aminah']]);
  });

  it('when a lump sum is returned, then it is held until new bank details, re-sent to them, and paid', async () => {
    const t = setUp(['paid']);
    const newPayee = {
      name: 'Aminah binti Test',
      bankAccount: aBankAccount({ accountNumber: '5550001112' }),
      paidToGuardian: false,
    };
    const status = await run(t, async (h) => {
      await stateWhen(h, () => true);
      await signal(h, t, 'returned');
      await stateWhen(h, (s) => s.state === 'held' && s.holdReason === 'payment-returned');
      // A retry without new details is the officer's call too, but new details are the usual way out of a return.
      await h.executeUpdate(changePaymentBankAccountUpdate, {
        args: [{ actorId: 'officer.aminah', reason: 'New account from the claimant (BKA-1).', payee: newPayee }],
      });
      return h.result();
    });
    expect(status).toMatchObject({ state: 'paid', attempts: 2 });
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]?.payee.bankAccount).toEqual(newPayee.bankAccount);
    expect(t.types()).toEqual([
      'payment-issued',
      'payment-returned',
      'bank-account-changed',
      'payment-retried',
      'payment-paid',
    ]);
    expect(t.ports.audit.map((a) => a.action)).toEqual(['change-bank-account']);
  });

  it('when no answer comes, then an overdue operator event goes out, and a late answer still settles it', async () => {
    const t = setUp([]);
    const status = await run(t, async (h) => {
      await stateWhen(h, () => true);
      await env.sleep('3 days');
      await stateWhen(h, (s) => s.overdue);
      await signal(h, t, 'paid');
      return h.result();
    });
    expect(status).toMatchObject({ state: 'paid', overdue: false });
    expect(t.types()).toEqual(['payment-issued', 'payment-result-overdue', 'payment-paid']);
    expect(t.events[1]?.operator).toBe(true);
  });

  it('when an officer acts on a payment that is not held, then the update is refused and nothing is audited', async () => {
    const t = setUp([]);
    await run(t, async (h) => {
      await stateWhen(h, () => true);
      await expect(
        h.executeUpdate(retryPaymentUpdate, { args: [{ actorId: 'officer.aminah', reason: 'Try again.' }] })
      ).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await signal(h, t, 'paid');
      return h.result();
    });
    expect(t.ports.audit).toHaveLength(0);
  });
});
