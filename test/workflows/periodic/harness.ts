import { temporalSiblingNotifier } from '../../../activities/periodic/sibling-notifier';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Context } from '@temporalio/activity';
import { createPeriodicActivities, type PeriodicActivities } from '../../../activities/periodic';
import type { AuditEntry, AuditLog, LedgerAdjustment, PeriodicLedger } from '../../../activities/periodic/ports';
import type { LedgerEntry } from '../../../activities/claims/ports';
import { PeriodicRate } from '../../../schemas/benefits/award';
import type { EngineParamsInput } from '../../../schemas/benefits/params';
import type { ColaRound } from '../../../schemas/benefits/rate-tables';
import { PaymentInstructionV1 } from '../../../schemas/events/payment-instruction.v1';
import type { PaymentResultV1 } from '../../../schemas/events/payment-result.v1';
import { PeriodicAwardEventV1 } from '../../../schemas/periodic/award-event.v1';
import type { PeriodicAwardInputIn } from '../../../schemas/periodic/start-input';
import { paymentResultSignal } from '../../../workflows/periodic/signals';
import { periodicWorkflowIdOfPayment } from '../../../workflows/periodic/ids';
import { aBankAccount } from '../../support/builders';

/** In-memory periodic ledger and audit log (same contracts as infra/mongo/payment-ledger.ts and audit-log.ts). */
export function inMemoryPeriodicPorts() {
  const payments = new Map<string, LedgerEntry>();
  const attempts: PaymentInstructionV1[] = [];
  const adjustments = new Map<string, LedgerAdjustment>();
  const audit: AuditEntry[] = [];
  const ledger: PeriodicLedger = {
    async record(instruction) {
      const checked = PaymentInstructionV1.parse(instruction);
      if (!payments.has(checked.paymentId)) payments.set(checked.paymentId, { instruction: checked, published: false });
      return structuredClone(payments.get(checked.paymentId) as LedgerEntry);
    },
    async markPublished(paymentId) {
      const p = payments.get(paymentId);
      if (p) p.published = true;
    },
    async find(paymentId) {
      const p = payments.get(paymentId);
      return p ? structuredClone(p) : null;
    },
    async recordAttempt(instruction) {
      const p = payments.get(instruction.paymentId);
      if (!p) throw new Error('not in ledger');
      if (p.instruction.eventId === instruction.eventId) return structuredClone(p);
      p.instruction = { ...p.instruction, eventId: instruction.eventId, payee: instruction.payee };
      p.published = false;
      attempts.push(structuredClone(p.instruction));
      return structuredClone(p);
    },
    async recordAdjustment(a) {
      if (!adjustments.has(a.adjustmentId)) adjustments.set(a.adjustmentId, a);
      return adjustments.get(a.adjustmentId) as LedgerAdjustment;
    },
  };
  const auditLog: AuditLog = {
    async write(e) {
      if (!audit.some((x) => x.auditId === e.auditId)) audit.push(e);
    },
    async listFor(workflowId) {
      return audit.filter((e) => e.workflowId === workflowId);
    },
  };
  return { ledger, auditLog, payments, attempts, adjustments, audit };
}

/** What the simulated bank answers to each attempt of a payment (default: paid). */
export type BankScript = Record<string, ('paid' | 'failed' | 'returned' | 'silent')[]>;

/**
 * Real periodic activities on in-memory ports, with a bank that answers every published instruction by signalling
 * the workflow (as workers/payments' consumer does), and a hook run before each `periodicPaymentDate` call (the
 * test's clock: "when the workflow is about to wait for month M").
 */
export function periodicTestActivities(
  env: TestWorkflowEnvironment,
  options: {
    params?: EngineParamsInput;
    bank?: BankScript;
    beforeMonth?: (month: string, workflowId: string) => Promise<void>;
    /**
     * Run after the bank's answer is signalled, still inside the publishing activity (so virtual time stands still
     * until it returns): the place to act "once these payments are answered" without blocking a workflow's cycle.
     */
    afterAnswer?: (result: PaymentResultV1, instruction: PaymentInstructionV1) => Promise<void>;
    siblings?: boolean;
    /** Real milliseconds the publisher takes for an award event of a type (a slow broker, to race two emits). */
    slowEvents?: Partial<Record<PeriodicAwardEventV1['type'], number>>;
    /** Engine parameters loaded late: from the cycle of `fromMonth` on, the activities use these instead. */
    paramsFrom?: { fromMonth: string; params: EngineParamsInput };
  } = {}
) {
  const ports = inMemoryPeriodicPorts();
  const instructions: PaymentInstructionV1[] = [];
  const events: PeriodicAwardEventV1[] = [];
  const answers: PaymentResultV1[] = [];
  const attemptsOf = new Map<string, number>();
  let n = 0;
  const answer = async (instruction: PaymentInstructionV1) => {
    const k = attemptsOf.get(instruction.paymentId) ?? 0;
    attemptsOf.set(instruction.paymentId, k + 1);
    const status = options.bank?.[instruction.paymentId]?.[k] ?? 'paid';
    if (status === 'silent') return;
    n += 1;
    const eventId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const settledAt = new Date().toISOString();
    const result: PaymentResultV1 =
      status === 'paid'
        ? { schemaVersion: 1, eventId, paymentId: instruction.paymentId, settledAt, status, bankReference: `REF${n}` }
        : {
            schemaVersion: 1,
            eventId,
            paymentId: instruction.paymentId,
            settledAt,
            status,
            reasonCode: status === 'failed' ? 'INVALID_ACCOUNT' : 'ACCOUNT_CLOSED',
            reasonText: `bank said ${status}`,
          };
    await env.client.workflow
      .getHandle(periodicWorkflowIdOfPayment(instruction.paymentId))
      .signal(paymentResultSignal, result);
    // Recorded once signalled: a test reading `answers` knows the workflow has the answer in its history.
    answers.push(result);
    await options.afterAnswer?.(result, instruction);
  };
  const build = (params: EngineParamsInput | undefined): PeriodicActivities =>
    createPeriodicActivities({
      periodicLedger: ports.ledger,
      audit: ports.auditLog,
      ...(params !== undefined ? { params } : {}),
      // The worker's own notifier (update ids, refused and closed siblings), through the test server's client.
      ...(options.siblings ? { siblings: temporalSiblingNotifier(env.client) } : {}),
      events: {
        async publish(topic, _key, value) {
          const parsed: unknown = JSON.parse(String(value));
          // A local activity run again after a retried workflow task publishes the same message again (same event
          // id): downstream and the bank drop the copy, as Kafka consumers of these topics must.
          if (topic === 'payments.instructions') {
            const instruction = PaymentInstructionV1.parse(parsed);
            if (instructions.some((i) => i.eventId === instruction.eventId)) return;
            instructions.push(instruction);
            // The bank answers before the activity completes: time-skipping then cannot jump past the answer.
            await answer(instruction);
          } else {
            const event = PeriodicAwardEventV1.parse(parsed);
            const delay = options.slowEvents?.[event.type];
            if (delay !== undefined) await new Promise((r) => setTimeout(r, delay));
            if (!events.some((e) => e.eventId === event.eventId)) events.push(event);
          }
        },
      },
    });
  const before = build(options.params);
  const after = options.paramsFrom ? build(options.paramsFrom.params) : before;
  let real = before;
  // Every activity goes through `real`, which switches to the late-loaded parameters at their month's cycle.
  const activities = Object.fromEntries(
    Object.keys(before).map((name) => [
      name,
      (...args: unknown[]) => (real[name as keyof PeriodicActivities] as (...a: unknown[]) => unknown)(...args),
    ])
  ) as PeriodicActivities;
  activities.periodicPaymentDate = async (month: string) => {
    if (options.paramsFrom && month >= options.paramsFrom.fromMonth) real = after;
    await options.beforeMonth?.(month, Context.current().info.workflowExecution?.workflowId ?? '');
    return real.periodicPaymentDate(month);
  };
  return { activities, ports, instructions, events, answers };
}

/** A daily rate. */
export const daily = (sen: number) =>
  PeriodicRate.parse({ periodUnit: 'day', dailyRateSen: sen, monthlyAmountSen: sen * 30 });
/** A monthly rate. */
export const monthly = (sen: number) => PeriodicRate.parse({ periodUnit: 'month', monthlyAmountSen: sen });

/** A revision round of `pct` % for every periodic benefit begun 1970..2060. */
export const round = (id: string, effectiveDate: string, pct: string): ColaRound => ({
  id,
  effectiveDate,
  benefitTypes: [
    'permanent-disablement',
    'dependants',
    'invalidity-pension',
    'survivors-pension',
    'constant-attendance',
  ],
  rows: [{ startYearFrom: 1970, startYearTo: 2060, pct }],
});

/** A PDB pension line at RM88.50 a day from `start`, first paid in `firstMonth`. */
export function aPdbPension(awardId: string, overrides: Partial<PeriodicAwardInputIn> = {}): PeriodicAwardInputIn {
  return {
    claimId: 'C-2026-000123',
    awardId,
    lineId: 'PDB-1',
    beneficiaryId: 'IP-0000012345',
    benefitType: 'permanent-disablement',
    relationship: 'self',
    terms: {
      rate: daily(8850),
      rateAsOf: '2026-01-10',
      benefitStartDate: '2026-01-10',
      ruleIds: ['EI-PDB-002', 'EI-PDB-005'],
      rateTableVersions: ['EI-RATES-2014-01-01'],
    },
    payee: { name: 'Aminah binti Test', bankAccount: aBankAccount(), paidToGuardian: false },
    firstMonth: '2026-03',
    ...overrides,
  };
}

/** With RECORD_HISTORIES=1, stores the run's history for the replay test (STYLE H21). */
export async function maybeRecordHistory(handle: WorkflowHandle, scenario: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  const file = path.resolve(__dirname, '../../replay/histories', `periodic-${scenario}.json`);
  const json = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), {
    longs: String,
    enums: String,
    bytes: String,
  });
  writeFileSync(file, `${JSON.stringify(json, null, 1)}\n`);
}

/**
 * The workflow's result, or, when it has not come within `ms`, a failure that shows where the run stands (its last
 * history events, with activity failures), instead of a silent hang until the test's own timeout.
 */
export async function resultWithin<T>(handle: WorkflowHandle, ms = 120_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void handle
        .fetchHistory()
        .then((h) =>
          (h.events ?? []).slice(-25).map((e) => {
            const type = temporal.api.enums.v1.EventType[e.eventType ?? 0];
            const failure = e.activityTaskFailedEventAttributes?.failure?.message ?? '';
            const attempt = e.activityTaskStartedEventAttributes?.attempt ?? '';
            return `${String(e.eventId)} ${type} ${attempt} ${failure}`.trim();
          })
        )
        .catch((err: unknown) => [`history unavailable: ${String(err)}`])
        .then((lines) => reject(new Error(`no result within ${ms} ms; last events:\n${lines.join('\n')}`)));
    }, ms);
  });
  try {
    return (await Promise.race([handle.result(), stalled])) as T;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs an update and waits for its result, re-sending it under the same update id when no result comes within
 * `ms` (the time-skipping test server can drop an update whose workflow task failed on a loaded machine; the same id
 * is one update, so a re-send never applies it twice). Fails naming the update after `attempts` tries.
 */
export async function updateWithin<Ret, Args extends [unknown, ...unknown[]]>(
  handle: WorkflowHandle,
  def: UpdateDefinition<Ret, Args>,
  args: Args,
  { ms = 30_000, attempts = 4 } = {}
): Promise<Ret> {
  const updateId = randomUUID();
  for (let attempt = 1; ; attempt++) {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed-out'>((resolve) => {
      timer = setTimeout(() => resolve('timed-out'), ms);
    });
    try {
      const r = await Promise.race([handle.executeUpdate(def, { args, updateId }), timedOut]);
      if (r !== 'timed-out') return r;
    } finally {
      clearTimeout(timer);
    }
    if (attempt >= attempts)
      throw new Error(`update ${def.name} (${updateId}) got no result in ${attempts} × ${ms} ms`);
  }
}
