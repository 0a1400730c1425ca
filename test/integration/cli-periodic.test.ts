import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createClaimsWorker, createWorkerActivities } from '../../workers/temporal-worker';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, Connection as TemporalConnection, WorkflowHandle } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { type NativeConnection } from '@temporalio/worker';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { AuditEntry, AuditLog } from '../../activities/periodic/ports';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureTopics } from '../../infra/kafka/topics';
import { createAuditLog } from '../../infra/mongo/audit-log';
import { createMongoConnection } from '../../infra/mongo/connection';
import {
  createTemporalClient,
  createTemporalConnection,
  createWorkerConnection,
} from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import type { PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import { PeriodicAwardEventV1 } from '../../schemas/periodic/award-event.v1';
import type { PeriodicAwardInputIn } from '../../schemas/periodic/start-input';
import { PeriodicAwardStatus } from '../../schemas/periodic/status';
import { Topics } from '../../schemas/topics';
import { createResultSignaller } from '../../workers/payments/result-signaller';
import { periodicWorkflowId } from '../../workflows/periodic/ids';
import { getAwardStatusQuery } from '../../workflows/periodic/messages';
import type { periodicAwardWorkflow } from '../../workflows/periodic/periodic-award';
import { aBankAccount, aPaymentResult } from '../support/builders';
import { runCli } from '../support/cli';
import { terminateRunningOn } from '../support/temporal-cleanup';
import { eventually, uniqueSuffix } from '../support/unique';
import { aPdbPension } from '../workflows/periodic/harness';

/**
 * The periodic-award operator commands (`claims award-status|suspend|resume|stop|bank-account|declaration|death|
 * caa-review`) run in-process against the real Temporal dev server: a real worker on this file's task queue runs
 * `periodicAwardWorkflow` with the real periodic activities on a fresh FerretDB database (ledger, audit log) and
 * Kafka topics of its own. The CLI reads its Temporal address, namespace and payload keys from the environment, as
 * the worker and the test's client do, so it finds the test's awards by their workflow ids. Each award pays its
 * first instalment (January to March 2026 arrears) at once; the test answers it as the bank would, through the
 * `payments.results` consumer's signaller. The next cycle is an hour away, so nothing else is paid. Award events are
 * read back from the file's own `awards.events` topic.
 */
jest.setTimeout(120_000);

const BENEFICIARY = 'IP-0000012345';
const CYCLE_SECONDS = 3600;
const FIRST_PAYMENT_MONTHS = ['2026-01', '2026-02', '2026-03'];
const NEW_ACCOUNT = '000998877665';

describe('claims periodic-award commands (real Temporal, FerretDB and Kafka)', () => {
  const suffix = uniqueSuffix();
  const base = loadConfig();
  const config = { ...base, KAFKA_TOPIC_SUFFIX: `.${suffix}` };
  const topic = (t: string): string => `${t}${config.KAFKA_TOPIC_SUFFIX}`;
  const taskQueue = `cli-periodic-${suffix}`;
  const dbName = `it_cli_periodic_${suffix.replace(/-/g, '_')}`;
  const awardIdOf = (name: string): string => `AW-CLI-${suffix}-${name}`;
  let kafka: Kafka;
  let producer: Producer;
  let reader: Consumer | undefined;
  let mongo: Connection;
  let audit: AuditLog;
  let workerConnection: NativeConnection;
  let clientConnection: TemporalConnection;
  let client: Client;
  let worker: Worker;
  let workerRun: Promise<void>;
  let tmp: string;
  const events: PeriodicAwardEventV1[] = [];
  const rawEvents: string[] = [];

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'cli-periodic-'));
    kafka = createKafka(config);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ name: topic(Topics.PaymentsInstructions) }, { name: topic(Topics.AwardsEvents) }], {
      partitions: 3,
      replicationFactor: 1,
    });
    await admin.disconnect();
    // Every award event the worker publishes, read from the start (the checks wait for the ones they expect).
    reader = kafka.consumer({ groupId: `cli-periodic-reader-${suffix}` });
    await reader.connect();
    await reader.subscribe({ topic: topic(Topics.AwardsEvents), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        rawEvents.push(String(message.value));
        events.push(PeriodicAwardEventV1.parse(JSON.parse(String(message.value))));
      },
    });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    mongo = await createMongoConnection(config.MONGODB_URI, { dbName });
    audit = await createAuditLog(mongo);
    workerConnection = await createWorkerConnection(config);
    clientConnection = await createTemporalConnection(config);
    client = createTemporalClient(clientConnection, config, getClientDataConverter(config));
    // The worker's own activities: recomputed dependants' shares reach sibling awards through its Temporal client.
    worker = await createClaimsWorker(
      workerConnection,
      config,
      taskQueue,
      await createWorkerActivities({ mongo, producer, client, topicName: topic })
    );
    workerRun = worker.run();
  });

  afterAll(async () => {
    await reader?.disconnect().catch(() => undefined);
    if (client) await terminateRunningOn(client, taskQueue, 'cli periodic test cleanup');
    if (worker) {
      worker.shutdown();
      await workerRun.catch(() => undefined);
    }
    await producer?.disconnect().catch(() => undefined);
    await clientConnection?.close();
    await workerConnection?.close();
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Starts a PDB pension (or `overrides`) on the test's queue with an hour-long cycle. */
  async function startAward(
    awardId: string,
    overrides: Partial<PeriodicAwardInputIn> = {}
  ): Promise<WorkflowHandle<typeof periodicAwardWorkflow>> {
    return client.workflow.start<typeof periodicAwardWorkflow>('periodicAwardWorkflow', {
      taskQueue,
      workflowId: periodicWorkflowId(awardId, BENEFICIARY),
      args: [
        aPdbPension(awardId, {
          beneficiaryId: BENEFICIARY,
          config: { cycle: { seconds: CYCLE_SECONDS } },
          ...overrides,
        }),
      ],
    });
  }

  /** Waits for the award's query to satisfy `check`. */
  async function statusWhen(
    handle: WorkflowHandle,
    check: (s: PeriodicAwardStatus) => boolean
  ): Promise<PeriodicAwardStatus> {
    return eventually(async () => {
      const s = await handle.query(getAwardStatusQuery);
      return check(s) ? s : undefined;
    }, 30_000);
  }

  /** The bank's answer to the award's pending payment, delivered as the `payments.results` consumer does. */
  async function bankAnswers(paymentId: string, answer: Partial<PaymentResultV1> = {}): Promise<void> {
    const result = aPaymentResult({
      paymentId,
      settledAt: new Date().toISOString(),
      ...answer,
    } as Partial<PaymentResultV1>);
    await expect(createResultSignaller(client).signal(result)).resolves.toBe('signalled');
  }

  /** Starts an award and has its first instruction (the arrears to March) paid. */
  async function aPaidAward(awardId: string): Promise<WorkflowHandle<typeof periodicAwardWorkflow>> {
    const handle = await startAward(awardId);
    const issued = await statusWhen(handle, (s) => s.lastPayments.length === 1);
    await bankAnswers(issued.lastPayments[0]!.paymentId);
    await statusWhen(handle, (s) => s.paidToDate === '2026-03-31' && s.nextMonth === '2026-04' && !!s.nextDueAt);
    return handle;
  }

  /** The award's events on `awards.events` in sequence order, once the last one expected has arrived. */
  async function eventTypesOf(awardId: string, last: string): Promise<string[]> {
    const typesOf = (): string[] =>
      events
        .filter((e) => e.awardId === awardId)
        .sort((a, b) => a.sequence - b.sequence)
        .map((e) => e.type);
    await eventually(async () => typesOf().includes(last), 30_000);
    return typesOf();
  }

  const auditOf = async (awardId: string): Promise<AuditEntry[]> =>
    audit.listFor(periodicWorkflowId(awardId, BENEFICIARY));
  const statusJson = (stdout: string): PeriodicAwardStatus => PeriodicAwardStatus.parse(JSON.parse(stdout));
  const who = (actor: string, reason: string): string[] => ['--actor', actor, '--reason', reason];

  it('when an award was paid its arrears, then award-status prints its status, next month, paid-to date and the payment, as text and as JSON', async () => {
    const awardId = awardIdOf('status');
    await aPaidAward(awardId);
    const paymentId = `${awardId}:${BENEFICIARY}:2026-03`;

    const text = await runCli('award-status', awardId, BENEFICIARY);
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toContain(`${awardId} / ${BENEFICIARY}  permanent-disablement  active`);
    expect(text.stdout).toMatch(/next 2026-04 due \S+Z, paid to 2026-03-31, cycles 1/);
    expect(text.stdout).toContain('declaration due 2027-01-10');
    expect(text.stdout).toMatch(
      new RegExp(`${paymentId}  \\d+ sen  paid  attempts 1  months ${FIRST_PAYMENT_MONTHS.join(',')}`)
    );
    expect(text.stdout).not.toContain('owed months');

    const json = await runCli('award-status', awardId, BENEFICIARY, '--json');
    expect(json.code).toBe(0);
    const status = statusJson(json.stdout);
    expect(status).toMatchObject({
      awardId,
      beneficiaryId: BENEFICIARY,
      benefitType: 'permanent-disablement',
      status: 'active',
      nextMonth: '2026-04',
      paidToDate: '2026-03-31',
      unpaidMonths: [],
      debtSen: 0,
      declarationDue: '2027-01-10',
      cyclesCompleted: 1,
    });
    expect(status.lastPayments).toEqual([
      expect.objectContaining({ paymentId, months: FIRST_PAYMENT_MONTHS, result: 'paid', attempts: 1 }),
    ]);
    expect(status.lastPayments[0]!.amountSen).toBeGreaterThan(0);
    // The next cycle is an hour after the first one.
    expect(Date.parse(status.nextDueAt ?? '') - Date.now()).toBeGreaterThan((CYCLE_SECONDS - 120) * 1000);
  });

  it('when an officer suspends, resumes, records a declaration and stops an award, then each command prints the new status, each action is audited with its actor and reason, and evented', async () => {
    const awardId = awardIdOf('control');
    const handle = await aPaidAward(awardId);

    const suspended = await runCli(
      'suspend',
      awardId,
      BENEFICIARY,
      ...who('officer.aziz', 'Investigation of a duplicate claim'),
      '--json'
    );
    expect(suspended).toMatchObject({ code: 0, stderr: '' });
    expect(statusJson(suspended.stdout)).toMatchObject({ status: 'suspended', holdReason: 'operator' });
    // The same command retried (say after a timeout) carries the same update id: applied and audited once, where
    // without it a second suspend would extend the suspension (PAY-SUSP-001) and be audited again.
    const retried = await runCli(
      'suspend',
      awardId,
      BENEFICIARY,
      ...who('officer.aziz', 'Investigation of a duplicate claim'),
      '--json'
    );
    expect(retried).toMatchObject({ code: 0, stderr: '' });
    expect(statusJson(retried.stdout)).toMatchObject({ status: 'suspended', holdReason: 'operator' });
    const shown = await runCli('award-status', awardId, BENEFICIARY);
    expect(shown.stdout).toContain(`${awardId} / ${BENEFICIARY}  permanent-disablement  suspended (operator)`);

    const resumed = await runCli('resume', awardId, BENEFICIARY, ...who('officer.siti', 'Investigation closed'));
    expect(resumed).toMatchObject({ code: 0, stderr: '' });
    expect(resumed.stdout).toContain(`${awardId} / ${BENEFICIARY}  permanent-disablement  active`);
    expect(statusJson((await runCli('award-status', awardId, BENEFICIARY, '--json')).stdout).status).toBe('active');

    // Received within the 30-day reminder window of the 2027-01-10 declaration: the next one is due a year later.
    const declared = await runCli(
      'declaration',
      awardId,
      BENEFICIARY,
      ...who('officer.siti', 'Form 117 received at the Shah Alam office'),
      '--received-on',
      '2026-12-20',
      '--json'
    );
    expect(declared).toMatchObject({ code: 0, stderr: '' });
    expect(statusJson(declared.stdout)).toMatchObject({ status: 'active', declarationDue: '2028-01-10' });

    const stopped = await runCli('stop', awardId, BENEFICIARY, ...who('officer.aziz', 'Pensioner emigrated'), '--json');
    expect(stopped).toMatchObject({ code: 0, stderr: '' });
    // The update answers before the workflow body carries the stop out; the run then ends by itself.
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'stopped', holdReason: 'operator', paidToDate: '2026-03-31' });
    const after = await runCli('award-status', awardId, BENEFICIARY, '--json');
    expect(after.code).toBe(0);
    expect(statusJson(after.stdout)).toMatchObject({
      status: 'stopped',
      holdReason: 'operator',
      stopDate: '2026-03-31',
    });

    expect((await auditOf(awardId)).map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ['suspend', 'officer.aziz', 'Investigation of a duplicate claim'],
      ['resume', 'officer.siti', 'Investigation closed'],
      ['record-declaration', 'officer.siti', 'Form 117 received at the Shah Alam office'],
      ['stop', 'officer.aziz', 'Pensioner emigrated'],
    ]);
    const declaration = (await auditOf(awardId))[2];
    expect(declaration?.details).toEqual({ kind: 'life', receivedOn: '2026-12-20', validUntil: null });

    expect(await eventTypesOf(awardId, 'award-stopped')).toEqual([
      'award-started',
      'payment-issued',
      'award-suspended',
      'award-resumed',
      'declaration-recorded',
      'award-stopped',
    ]);

    // A stopped award takes no more operator actions, and nothing more is audited.
    const again = await runCli('suspend', awardId, BENEFICIARY, ...who('officer.aziz', 'Suspend after the stop'));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(
      `claims suspend: award ${periodicWorkflowId(awardId, BENEFICIARY)} has ended (COMPLETED): it takes no more operator actions`
    );
    expect(await auditOf(awardId)).toHaveLength(4);
  });

  it('when an officer suspends and resumes an award twice with the same words, then each suspension and each resume acts, while a repeat within one suspension acts once', async () => {
    const awardId = awardIdOf('twice');
    await aPaidAward(awardId);
    const run = async (command: 'suspend' | 'resume', reason: string) => {
      const r = await runCli(command, awardId, BENEFICIARY, ...who('officer.aziz', reason), '--json');
      expect(r).toMatchObject({ code: 0, stderr: '' });
      return statusJson(r.stdout);
    };
    const current = async () => statusJson((await runCli('award-status', awardId, BENEFICIARY, '--json')).stdout);

    expect(await run('suspend', 'Awaiting documents')).toMatchObject({ status: 'suspended', suspensions: 1 });
    await run('suspend', 'Awaiting documents'); // a repeat (a timeout, a double click): answered from the first
    expect(await run('resume', 'Documents received')).toMatchObject({ status: 'active', resumptions: 1 });
    await run('resume', 'Documents received');
    // The same words on a later suspension are a new action, not the first one's answer.
    expect(await run('suspend', 'Awaiting documents')).toMatchObject({ status: 'suspended', suspensions: 2 });
    expect(await current()).toMatchObject({ status: 'suspended' });
    expect(await run('resume', 'Documents received')).toMatchObject({ status: 'active', resumptions: 2 });
    expect(await current()).toMatchObject({ status: 'active' });
    expect((await auditOf(awardId)).map((e) => e.action)).toEqual(['suspend', 'resume', 'suspend', 'resume']);
  });

  it('when a payment is returned and new bank details arrive, then the award resumes and re-sends the payment to the new account, and a recorded death stops it and recovers the overpayment', async () => {
    const awardId = awardIdOf('bank');
    const handle = await startAward(awardId);
    const issued = await statusWhen(handle, (s) => s.lastPayments.length === 1);
    const paymentId = issued.lastPayments[0]!.paymentId;
    await bankAnswers(paymentId, { status: 'returned', reasonCode: 'ACCOUNT_CLOSED', reasonText: 'Account closed' });
    await statusWhen(handle, (s) => s.status === 'suspended' && s.holdReason === 'payment-returned');

    const payeeFile = path.join(tmp, 'payee.json');
    const payee = {
      name: 'Aminah binti Test',
      bankAccount: aBankAccount({ accountNumber: NEW_ACCOUNT }),
      paidToGuardian: false,
    };
    writeFileSync(payeeFile, JSON.stringify(payee));
    const changed = await runCli(
      'bank-account',
      awardId,
      BENEFICIARY,
      '--payee',
      payeeFile,
      ...who('officer.aziz', 'BKA-1 form with a new account received'),
      '--json'
    );
    expect(changed).toMatchObject({ code: 0, stderr: '' });
    expect(statusJson(changed.stdout).status).toBe('active');
    // The CLI prints the award's status, never the payee's bank details.
    expect(changed.stdout).not.toContain(NEW_ACCOUNT);

    // The returned payment goes out again (same paymentId, attempt 2) to the new account, ledger first.
    const payments = mongo.collection<{ _id: string; published: boolean; instruction: { payee: typeof payee } }>(
      'payments'
    );
    await eventually(async () => {
      const entry = await payments.findOne({ _id: paymentId });
      return entry?.published === true && entry.instruction.payee.bankAccount.accountNumber === NEW_ACCOUNT;
    }, 30_000);
    await statusWhen(handle, (s) => s.lastPayments[0]?.attempts === 2);
    await bankAnswers(paymentId);
    await statusWhen(handle, (s) => s.paidToDate === '2026-03-31');

    const died = await runCli(
      'death',
      awardId,
      BENEFICIARY,
      ...who('officer.siti', 'Death certificate received from JPN'),
      '--date-of-death',
      '2026-03-15',
      '--json'
    );
    expect(died).toMatchObject({ code: 0, stderr: '' });
    const final = await handle.result();
    expect(final).toMatchObject({ status: 'stopped', holdReason: 'death', paidToDate: '2026-03-15' });
    expect(final.debtSen).toBeGreaterThan(0);
    const shown = await runCli('award-status', awardId, BENEFICIARY);
    expect(shown.stdout).toContain(`${awardId} / ${BENEFICIARY}  permanent-disablement  stopped (death)`);
    expect(shown.stdout).toContain(`overpayment to recover: ${final.debtSen} sen`);

    const adjustmentId = `${awardId}:${BENEFICIARY}:recovery:2026-03-15`;
    const adjustment = await mongo
      .collection<{ _id: string; record: { amountSen: number } }>('payment_adjustments')
      .findOne({ _id: adjustmentId });
    expect(adjustment?.record.amountSen).toBe(-final.debtSen);

    const entries = await auditOf(awardId);
    expect(entries.map((e) => [e.action, e.actorId, e.reason])).toEqual([
      ['change-bank-account', 'officer.aziz', 'BKA-1 form with a new account received'],
      ['record-death', 'officer.siti', 'Death certificate received from JPN'],
      ['record-overpayment', 'system.periodic', 'Overpayment after 2026-03-15 to recover.'],
    ]);
    expect(entries[0]?.details).toEqual({ paidToGuardian: false });
    expect(entries[1]?.details).toMatchObject({ dateOfDeath: '2026-03-15' });
    expect(entries[2]?.details).toMatchObject({ amountSen: final.debtSen, adjustmentId });
    // No personal data in the audit trail: the new account is "changed", not its number.
    expect(JSON.stringify(entries)).not.toContain(NEW_ACCOUNT);
    expect(JSON.stringify(entries)).not.toContain('Aminah');

    expect(await eventTypesOf(awardId, 'funeral-benefit-triggered')).toEqual([
      'award-started',
      'payment-issued',
      'payment-returned',
      'bank-account-changed',
      'payment-retried',
      'overpayment-recorded',
      'award-stopped',
      'funeral-benefit-triggered',
    ]);
    expect(rawEvents.join('\n')).not.toContain(NEW_ACCOUNT);
  });

  it("EI-DEP-004: when a child's marriage is recorded, then the child's share stops the day before, its overpaid days are recovered, and the sibling award gets its recomputed share by update through the real notifier", async () => {
    const awardId = awardIdOf('siblings');
    const [child1, child2] = ['C-2026-000777-D2', 'C-2026-000777-D3'];
    const group = {
      fullRate: '9000',
      unit: 'day' as const,
      dateOfDeath: '2026-01-09',
      benefitType: 'dependants' as const,
      members: [child1, child2].map((beneficiaryId) => ({ beneficiaryId, relationship: 'child' as const })),
    };
    const handles = await Promise.all(
      [child1, child2].map((beneficiaryId) =>
        client.workflow.start<typeof periodicAwardWorkflow>('periodicAwardWorkflow', {
          taskQueue,
          workflowId: periodicWorkflowId(awardId, beneficiaryId),
          args: [
            aPdbPension(awardId, {
              beneficiaryId,
              benefitType: 'dependants',
              relationship: 'child',
              lineId: `DEP-${beneficiaryId.slice(-2)}`,
              terms: {
                rate: { periodUnit: 'day', dailyRateSen: 1800, monthlyAmountSen: 54_000 },
                rateAsOf: '2026-01-09',
                benefitStartDate: '2026-01-10',
                ruleIds: ['EI-DEP-002', 'EI-DEP-004'],
                rateTableVersions: ['EI-RATES-2014-01-01'],
              },
              child: { ageLimitDate: '2030-01-01' },
              shareGroup: group,
              config: { cycle: { seconds: CYCLE_SECONDS } },
            }),
          ],
        })
      )
    );
    for (const h of handles) {
      const issued = await statusWhen(h, (s) => s.lastPayments.length === 1);
      await bankAnswers(issued.lastPayments[0]!.paymentId);
      await statusWhen(h, (s) => s.paidToDate === '2026-03-31');
    }

    // Only a child's or sibling's share stops on marriage (EI-DEP-005): the pensioner's own award refuses it.
    const own = await runCli(
      'marriage',
      awardIdOf('status'),
      BENEFICIARY,
      ...who('officer.aziz', 'Remarried'),
      '--marriage-date',
      '2026-03-15'
    );
    expect(own).toMatchObject({ code: 2, stdout: '' });
    expect(own.stderr).toContain('the share of a self does not stop on marriage (EI-DEP-005)');
    const malformed = await runCli(
      'marriage',
      awardId,
      child1,
      ...who('officer.aziz', 'Married'),
      '--marriage-date',
      'soon'
    );
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/marriageDate/);

    const married = await runCli(
      'marriage',
      awardId,
      child1,
      ...who('officer.aziz', 'Marriage certificate received'),
      '--marriage-date',
      '2026-03-15',
      '--json'
    );
    expect(married).toMatchObject({ code: 0, stderr: '' });
    // March was paid in full (30 days × RM18.00); 1–14 March was due, the rest is recovered from the child.
    await expect(handles[0]!.result()).resolves.toMatchObject({
      status: 'stopped',
      stopDate: '2026-03-14',
      debtSen: 54_000 - 14 * 1800,
    });
    const siblingAudit = await eventually(async () => {
      const entries = await audit.listFor(periodicWorkflowId(awardId, child2));
      return entries.some((e) => e.action === 'change-rate') ? entries : undefined;
    }, 30_000);
    expect(siblingAudit.filter((e) => e.action === 'change-rate')).toEqual([
      expect.objectContaining({
        actorId: 'system.periodic',
        details: { effectiveDate: '2026-03-15', monthlyAmountSen: 108_000 },
      }),
    ]);
    expect(await audit.listFor(periodicWorkflowId(awardId, child1))).toEqual([
      expect.objectContaining({ action: 'record-marriage', actorId: 'officer.aziz' }),
      expect.objectContaining({ action: 'record-overpayment', actorId: 'system.periodic' }),
    ]);
    // The sibling is still active; the difference for 15–31 March goes out with its next instalment.
    expect((await handles[1]!.query(getAwardStatusQuery)).status).toBe('active');
    await handles[1]!.terminate('end of the sibling test');
  });

  it('when a CAA review is recorded, then a constant-attendance award takes it and audits it, and a pension refuses it with exit code 2', async () => {
    const caaId = awardIdOf('caa');
    await startAward(caaId, {
      lineId: 'CAA-1',
      benefitType: 'constant-attendance',
      terms: {
        ...aPdbPension(caaId).terms,
        ruleIds: ['EI-CAA-001'],
      },
    });
    const reviewed = await runCli(
      'caa-review',
      caaId,
      BENEFICIARY,
      ...who('officer.aziz', 'Medical Board review: attendance still needed'),
      '--outcome',
      'continue',
      '--effective-date',
      '2026-04-01',
      '--next-review-date',
      '2027-04-01',
      '--json'
    );
    expect(reviewed).toMatchObject({ code: 0, stderr: '' });
    expect(statusJson(reviewed.stdout)).toMatchObject({ benefitType: 'constant-attendance', status: 'active' });
    expect((await auditOf(caaId)).map((e) => [e.action, e.actorId, e.reason, e.details])).toEqual([
      [
        'record-caa-review',
        'officer.aziz',
        'Medical Board review: attendance still needed',
        { outcome: 'continue', effectiveDate: '2026-04-01', nextReviewDate: '2027-04-01' },
      ],
    ]);

    expect(await eventTypesOf(caaId, 'caa-review-recorded')).toContain('caa-review-recorded');

    const pensionId = awardIdOf('not-caa');
    await startAward(pensionId);
    const refused = await runCli(
      'caa-review',
      pensionId,
      BENEFICIARY,
      ...who('officer.aziz', 'Medical Board review'),
      '--outcome',
      'stop',
      '--effective-date',
      '2026-04-01'
    );
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      'claims caa-review: refused by the award: only a constant-attendance allowance is reviewed'
    );
    // A refused update never reaches the workflow: nothing audited, the pension runs on.
    expect(await auditOf(pensionId)).toEqual([]);
    expect(statusJson((await runCli('award-status', pensionId, BENEFICIARY, '--json')).stdout).status).toBe('active');
  });

  it('when the award does not exist, then award-status and an update exit 2 saying the award was not found', async () => {
    const awardId = awardIdOf('nobody');
    const workflowId = periodicWorkflowId(awardId, BENEFICIARY);
    const status = await runCli('award-status', awardId, BENEFICIARY);
    expect(status).toMatchObject({ code: 2, stdout: '' });
    expect(status.stderr).toContain(`claims award-status: award ${workflowId} not found`);
    const suspend = await runCli('suspend', awardId, BENEFICIARY, ...who('officer.aziz', 'No such award'));
    expect(suspend).toMatchObject({ code: 2, stdout: '' });
    expect(suspend.stderr).toContain(`claims suspend: award ${workflowId} not found`);
  });

  describe('malformed input (checked before the server is asked)', () => {
    const awardId = (): string => awardIdOf('untouched');
    let handle: WorkflowHandle<typeof periodicAwardWorkflow>;
    const ok = ['--actor', 'officer.aziz', '--reason', 'A valid reason'];

    beforeAll(async () => {
      handle = await startAward(awardId());
      await statusWhen(handle, (s) => s.lastPayments.length === 1);
    });

    const cases: [title: string, args: () => string[], field: RegExp][] = [
      ['a bad award id', () => ['award-status', 'AW:1', BENEFICIARY], /^ {2}awardId argument: /m],
      ['a bad beneficiary id', () => ['award-status', awardId(), 'IP 1'], /^ {2}beneficiaryId argument: /m],
      ['a bad award id on an update', () => ['suspend', 'bad id!', BENEFICIARY, ...ok], /^ {2}awardId argument: /m],
      [
        'no --actor',
        () => ['suspend', awardId(), BENEFICIARY, '--reason', 'Why not'],
        /required option '--actor <staffId>' not specified/,
      ],
      [
        'no --reason',
        () => ['resume', awardId(), BENEFICIARY, '--actor', 'officer.aziz'],
        /required option '--reason <text>' not specified/,
      ],
      [
        'a malformed actor',
        () => ['suspend', awardId(), BENEFICIARY, '--actor', 'Officer Aziz', '--reason', 'Why not'],
        /^ {2}actorId: /m,
      ],
      [
        'a too short reason',
        () => ['stop', awardId(), BENEFICIARY, '--actor', 'officer.aziz', '--reason', 'no'],
        /^ {2}reason: /m,
      ],
      [
        'a bad --last-paid-day',
        () => ['stop', awardId(), BENEFICIARY, ...ok, '--last-paid-day', '2026-02-30'],
        /^ {2}lastPaidDay: /m,
      ],
      ['no --received-on', () => ['declaration', awardId(), BENEFICIARY, ...ok], /^ {2}receivedOn: /m],
      [
        'a bad --received-on',
        () => ['declaration', awardId(), BENEFICIARY, ...ok, '--received-on', '20/12/2026'],
        /^ {2}receivedOn: /m,
      ],
      [
        'a bad --kind',
        () => ['declaration', awardId(), BENEFICIARY, ...ok, '--kind', 'annual', '--received-on', '2026-12-20'],
        /^ {2}kind: /m,
      ],
      [
        'a study declaration without --valid-until',
        () => ['declaration', awardId(), BENEFICIARY, ...ok, '--kind', 'study', '--received-on', '2026-12-20'],
        /^ {2}validUntil: /m,
      ],
      ['no --date-of-death', () => ['death', awardId(), BENEFICIARY, ...ok], /^ {2}dateOfDeath: /m],
      [
        'a bad --date-of-death',
        () => ['death', awardId(), BENEFICIARY, ...ok, '--date-of-death', '2026-3-15'],
        /^ {2}dateOfDeath: /m,
      ],
      [
        'a bad --outcome',
        () => ['caa-review', awardId(), BENEFICIARY, ...ok, '--outcome', 'maybe', '--effective-date', '2026-04-01'],
        /^ {2}outcome: /m,
      ],
      [
        'a bad --effective-date',
        () => ['caa-review', awardId(), BENEFICIARY, ...ok, '--outcome', 'stop', '--effective-date', 'soon'],
        /^ {2}effectiveDate: /m,
      ],
      [
        'no --payee',
        () => ['bank-account', awardId(), BENEFICIARY, ...ok],
        /^claims bank-account: payee: required \(--payee <file>\)$/m,
      ],
      [
        'a payee file that does not exist',
        () => ['bank-account', awardId(), BENEFICIARY, ...ok, '--payee', path.join(tmp, 'none.json')],
        /^claims bank-account: cannot read \S+none\.json: ENOENT/m,
      ],
    ];

    it.each(cases)(
      'when given %s, then exit code 2 naming the field and nothing on stdout',
      async (_title, args, field) => {
        const r = await runCli(...args());
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(field);
      }
    );

    it('when the payee file has a malformed bank account, then exit code 2 naming each bad payee field', async () => {
      const file = path.join(tmp, 'bad-payee.json');
      writeFileSync(
        file,
        JSON.stringify({ name: 'Aminah binti Test', bankAccount: { bankCode: 'X' }, paidToGuardian: 'no' })
      );
      const r = await runCli('bank-account', awardId(), BENEFICIARY, ...ok, '--payee', file);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('invalid bank-account');
      expect(r.stderr).toMatch(/payee\.bankAccount\.accountNumber/);
      expect(r.stderr).toMatch(/payee\.paidToGuardian/);
    });

    it('when a death names an estate payee without a bank account, then exit code 2 naming the payee fields', async () => {
      const file = path.join(tmp, 'bad-estate.json');
      writeFileSync(file, JSON.stringify({ name: 'Estate of Aminah binti Test', paidToGuardian: false }));
      const r = await runCli(
        'death',
        awardId(),
        BENEFICIARY,
        ...ok,
        '--date-of-death',
        '2026-03-15',
        '--estate-payee',
        file
      );
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^ {2}estatePayee\.bankAccount: /m);
    });

    it('when the malformed commands have run, then nothing reached the award: no audit entry, still active', async () => {
      expect(await auditOf(awardId())).toEqual([]);
      expect((await handle.query(getAwardStatusQuery)).status).toBe('active');
    });
  });
});
