import { randomUUID } from 'node:crypto';
import { createClaimsWorker, createWorkerActivities } from '../../workers/temporal-worker';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, Connection as TemporalConnection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { type NativeConnection } from '@temporalio/worker';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureProjectTopics } from '../../infra/kafka/project-topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createRegistryRepository, type RegistryItem } from '../../infra/mongo/registry-repository';
import { claimWorkflowId, createClaimStarter } from '../../infra/temporal/claim-starter';
import {
  createTemporalClient,
  createTemporalConnection,
  createWorkerConnection,
} from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import type { EmploymentInjuryClaimV1 } from '../../schemas';
import { ClaimStatus } from '../../schemas/claim/status';
import { Topics } from '../../schemas/topics';
import { createIntakeConsumer, type IntakeConsumer } from '../../workers/intake/intake-consumer';
import {
  aClaimant,
  aContributionRecord,
  anAttachment,
  anEmployer,
  anIncident,
  anInsuredPerson,
  aMedicalBoardDecision,
  aWorkAccidentClaim,
  EMPLOYER_ID,
  INSURED_PERSON_ID,
} from '../support/builders';
import { runCli, type CliRun } from '../support/cli';
import { terminateRunningOn } from '../support/temporal-cleanup';
import { eventually, uniqueSuffix } from '../support/unique';

/**
 * The claim operator commands (`claims submit|status|list|assess|provide-info|approve|withdraw`) run in-process
 * against the real servers: `submit` publishes to this file's own `claims.submitted` topic (KAFKA_TOPIC_SUFFIX in
 * the environment, as an operator's shell would set it), the real intake consumer starts each claim on this file's
 * task queue, and a real worker runs the claim workflow with the real activities on a fresh FerretDB database seeded
 * with a synthetic registry. The authority limit is RM1.00, so every award needs a second officer's approval.
 * The tests run in order and follow two claims through their life: one waits for Form 34, is assessed, approved and
 * awarded; the other waits for the Medical Board and is withdrawn.
 */
jest.setTimeout(150_000);

const SECOND_PERSON = 'IP-0000012346';
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

describe('claims operator commands (real Kafka, Temporal and FerretDB)', () => {
  const suffix = uniqueSuffix();
  const base = loadConfig();
  const topicSuffix = `.${suffix}`;
  const config = { ...base, KAFKA_TOPIC_SUFFIX: topicSuffix };
  const topic = (t: string): string => `${t}${topicSuffix}`;
  const taskQueue = `cli-operator-${suffix}`;
  const dbName = `it_cli_operator_${suffix.replace(/-/g, '_')}`;
  // Claim ids are unique per run: a closed claim's workflow id is never reused (REJECT_DUPLICATE).
  const serial = `${Date.now()}`;
  const pendingClaimId = `C-2026-${serial}1`;
  const completeClaimId = `C-2026-${serial}2`;
  const unknownClaimId = `C-2026-${serial}9`;
  const savedSuffix = process.env.KAFKA_TOPIC_SUFFIX;
  let kafka: Kafka;
  let producer: Producer;
  let mongo: Connection;
  let workerConnection: NativeConnection;
  let clientConnection: TemporalConnection;
  let client: Client;
  let worker: Worker;
  let workerRun: Promise<void>;
  let intake: IntakeConsumer | undefined;
  let tmp: string;

  beforeAll(async () => {
    process.env.KAFKA_TOPIC_SUFFIX = topicSuffix;
    tmp = mkdtempSync(path.join(tmpdir(), 'cli-operator-'));
    kafka = createKafka(config);
    await ensureProjectTopics(kafka, config);
    mongo = await createMongoConnection(config.MONGODB_URI, { dbName });
    const registry = await createRegistryRepository(mongo);
    const items: RegistryItem[] = [
      { kind: 'employers', record: anEmployer() },
      { kind: 'insured-persons', record: anInsuredPerson() },
      {
        kind: 'insured-persons',
        record: anInsuredPerson({
          insuredPersonId: SECOND_PERSON,
          personal: aClaimant({ name: 'Siti binti Test', dateOfBirth: '1988-04-02' }),
        }),
      },
      ...[INSURED_PERSON_ID, SECOND_PERSON].flatMap((insuredPersonId) =>
        MONTHS.map((month) => ({
          kind: 'contributions' as const,
          record: aContributionRecord({ insuredPersonId, employerId: EMPLOYER_ID, month }),
        }))
      ),
    ];
    await registry.applyBatch(items);
    workerConnection = await createWorkerConnection(config);
    clientConnection = await createTemporalConnection(config);
    client = createTemporalClient(clientConnection, config, getClientDataConverter(config));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    worker = await createClaimsWorker(
      workerConnection,
      config,
      taskQueue,
      await createWorkerActivities({ mongo, producer, client, topicName: topic })
    );
    workerRun = worker.run();
    intake = createIntakeConsumer({
      kafka,
      starter: createClaimStarter(client, taskQueue, {
        // RM900.00: an MC period's TDB (10 days, RM786.70) is paid as it comes; the final award with its PDB
        // pension (about RM1,000 a month and arrears) needs a second officer. Every payment passes this check.
        authorityLimitSen: 90_000,
        periodic: { cycle: { seconds: 3600 } },
      }),
      groupId: `cli-operator-intake-${suffix}`,
      sourceTopic: topic(Topics.ClaimsSubmitted),
      dlqTopic: topic(Topics.ClaimsSubmittedDlq),
    });
    await intake.start();
  });

  afterAll(async () => {
    if (savedSuffix === undefined) delete process.env.KAFKA_TOPIC_SUFFIX;
    else process.env.KAFKA_TOPIC_SUFFIX = savedSuffix;
    await intake?.stop().catch(() => undefined);
    if (client) await terminateRunningOn(client, taskQueue, 'cli operator test cleanup');
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

  /** Writes `value` as JSON to a file of the test's temp folder and returns its path. */
  function jsonFile(name: string, value: unknown): string {
    const file = path.join(tmp, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  }

  /** `claims status <claimId> --json`, parsed. */
  async function statusOf(claimId: string): Promise<ClaimStatus> {
    const r = await runCli('status', claimId, '--json');
    if (r.code !== 0) throw new Error(`status exited ${r.code}: ${r.stderr}`);
    return ClaimStatus.parse(JSON.parse(r.stdout));
  }

  /** Polls `claims status` until the claim reaches `stage`. */
  const stageReached = (claimId: string, stage: string): Promise<ClaimStatus> =>
    eventually(async () => {
      const s = await statusOf(claimId);
      return s.stage === stage ? s : undefined;
    }, 60_000);

  const who = (actor: string, reason: string): string[] => ['--actor', actor, '--reason', reason];
  const claimWithoutForm34 = (): EmploymentInjuryClaimV1 =>
    aWorkAccidentClaim({
      claimId: pendingClaimId,
      eventId: randomUUID(),
      attachments: [anAttachment({ kind: 'mc', fileName: 'mc.pdf', sha256: 'b'.repeat(64) })],
    });
  const completeClaim = (): EmploymentInjuryClaimV1 =>
    aWorkAccidentClaim({
      claimId: completeClaimId,
      eventId: randomUUID(),
      insuredPersonId: SECOND_PERSON,
      claimant: aClaimant({ name: 'Siti binti Test', dateOfBirth: '1988-04-02' }),
    });

  it('when claims are submitted from files, then each is published to the intake topic and becomes a running claim the status command shows', async () => {
    const text = await runCli('submit', jsonFile('pending.json', claimWithoutForm34()));
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(
      new RegExp(
        `^submitted ${pendingClaimId} to ${topic(Topics.ClaimsSubmitted).replace(/\./g, '\\.')} \\(partition \\d, offset \\d+\\)$`,
        'm'
      )
    );
    expect(text.stdout).toContain(`follow it with: npx claims status ${pendingClaimId}`);

    const json = await runCli('submit', jsonFile('complete.json', completeClaim()), '--json');
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toMatchObject({
      claimId: completeClaimId,
      topic: topic(Topics.ClaimsSubmitted),
      partition: expect.any(Number),
      offset: expect.any(String),
    });

    // Form 34 is missing from the first claim: it waits for it.
    const waiting = await stageReached(pendingClaimId, 'awaiting-information');
    expect(waiting.outstandingInformation.map((i) => i.kind)).toEqual(['form34']);
    const shown = await runCli('status', pendingClaimId);
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(shown.stdout).toContain(`${pendingClaimId}  employment-injury  stage: awaiting-information`);
    expect(shown.stdout).toMatch(/waiting for: \{"kind":"form34"/);

    // No personal data in what the commands print (names, IC numbers stay in the encrypted payloads).
    const printed = [text.stdout, json.stdout, shown.stdout, (await runCli('status', pendingClaimId, '--json')).stdout];
    const claimant = claimWithoutForm34().claimant;
    const ic = claimant.identity.type === 'mykad' ? claimant.identity.icNumber : '';
    expect(ic).not.toBe('');
    for (const out of printed) {
      expect(out).not.toContain(claimant.name);
      expect(out).not.toContain(ic);
    }

    // The second is complete: it goes to the Medical Board.
    const atBoard = await stageReached(completeClaimId, 'awaiting-medical-assessment');
    expect(atBoard.slaDueAt).toBeDefined();
  });

  it('when claims are listed by stage, then the List Filter finds each claim in its stage', async () => {
    const listed = (r: CliRun): string[] =>
      (JSON.parse(r.stdout) as { claims: { claimId: string }[] }).claims.map((c) => c.claimId);
    const waiting = await eventually(async () => {
      const r = await runCli('list', '--stage', 'awaiting-information', '--running', '--limit', '1000', '--json');
      return r.code === 0 && listed(r).includes(pendingClaimId) ? r : undefined;
    }, 30_000);
    expect(JSON.parse(waiting.stdout).query).toBe(
      'WorkflowType = "claimProcessingWorkflow" AND ClaimStage = "awaiting-information" AND ExecutionStatus = "Running"'
    );
    expect(listed(waiting)).not.toContain(completeClaimId);

    const text = await eventually(async () => {
      const r = await runCli(
        'list',
        '--stage',
        'awaiting-medical-assessment',
        '--scheme',
        'employment-injury',
        '--type',
        'employment-injury',
        '--running',
        '--limit',
        '1000'
      );
      return r.code === 0 && r.stdout.includes(completeClaimId) ? r : undefined;
    }, 30_000);
    expect(text.stdout).toMatch(
      /^# WorkflowType = "claimProcessingWorkflow" AND ClaimStage = "awaiting-medical-assessment" AND Scheme = "employment-injury" AND ClaimType = "employment-injury" AND ExecutionStatus = "Running"$/m
    );
    expect(text.stdout).toMatch(
      new RegExp(`^${completeClaimId}\\s+awaiting-medical-assessment\\s+employment-injury\\s+RUNNING$`, 'm')
    );
    expect(text.stdout).toMatch(/^\d+ claim\(s\)$/m);
  });

  it('when updates do not fit the claim stage, then they are refused with exit code 2 and the reason', async () => {
    const assessed = await runCli(
      'assess',
      pendingClaimId,
      jsonFile('other-claim-decision.json', aMedicalBoardDecision({ claimId: completeClaimId })),
      '--actor',
      'officer.aziz'
    );
    expect(assessed.code).toBe(2);
    expect(assessed.stderr).toContain('claims assess: refused by the claim: the decision is for another claim');

    const info = await runCli(
      'provide-info',
      completeClaimId,
      jsonFile('info-not-awaited.json', {
        actorId: 'officer.aziz',
        reason: 'Extra document',
        providedAt: new Date().toISOString(),
        attachments: [anAttachment()],
        medicalCertificates: [],
      })
    );
    expect(info.code).toBe(2);
    expect(info.stderr).toContain(
      'claims provide-info: refused by the claim: the claim is awaiting-medical-assessment, not awaiting-information'
    );

    const noneToApprove = await runCli('approve', completeClaimId, ...who('officer.siti', 'Approve it'));
    expect(noneToApprove.code).toBe(2);
    expect(noneToApprove.stderr).toContain('claims approve: --award: required, 0 awards are pending (none)');

    const notPending = await runCli(
      'approve',
      completeClaimId,
      ...who('officer.siti', 'Approve it'),
      '--award',
      'AW-NOT-PENDING'
    );
    expect(notPending.code).toBe(2);
    // Checked before the claim is asked: only a pending award has a total to check the approver's limit against.
    expect(notPending.stderr).toContain(
      'claims approve: --award: AW-NOT-PENDING is not awaiting approval (the claim is awaiting-medical-assessment; pending: none)'
    );
  });

  it('when an officer provides the missing document, the board decides and a second officer approves, then the claim is awarded (and its maker cannot approve it)', async () => {
    const provided = await runCli(
      'provide-info',
      pendingClaimId,
      jsonFile('form34.json', {
        actorId: 'officer.aziz',
        reason: 'Form 34 received from the employer',
        providedAt: new Date().toISOString(),
        attachments: [anAttachment()],
        medicalCertificates: [],
      }),
      '--json'
    );
    expect(provided).toMatchObject({ code: 0, stderr: '' });
    expect(ClaimStatus.parse(JSON.parse(provided.stdout)).claimId).toBe(pendingClaimId);
    await stageReached(pendingClaimId, 'awaiting-medical-assessment');

    const decision = aMedicalBoardDecision({ claimId: pendingClaimId, decidedAt: new Date().toISOString() });
    const assessed = await runCli(
      'assess',
      pendingClaimId,
      jsonFile('decision.json', decision),
      '--actor',
      'officer.aziz'
    );
    expect(assessed).toMatchObject({ code: 0, stderr: '' });
    expect(assessed.stdout).toContain(`${pendingClaimId}  employment-injury  stage:`);

    // Above the authority limit: a second officer must approve; the officer who shaped the award cannot.
    const awaiting = await stageReached(pendingClaimId, 'awaiting-approval');
    expect(awaiting.pendingApprovals).toHaveLength(1);
    const awardId = awaiting.pendingApprovals[0]!;
    expect((await runCli('status', pendingClaimId)).stdout).toContain(`awards awaiting approval: ${awardId}`);
    const byMaker = await runCli('approve', pendingClaimId, ...who('officer.aziz', 'Checked the LOEC'));
    expect(byMaker.code).toBe(2);
    expect(byMaker.stderr).toContain(
      'claims approve: refused by the claim: maker-checker: the maker of an award cannot approve it'
    );

    const approved = await runCli(
      'approve',
      pendingClaimId,
      ...who('officer.siti', 'Checked the LOEC and wages'),
      '--json'
    );
    expect(approved).toMatchObject({ code: 0, stderr: '' });
    expect(ClaimStatus.parse(JSON.parse(approved.stdout)).claimId).toBe(pendingClaimId);
    // The claim's run ends once the award is paid out and its periodic award started.
    const result = await client.workflow.getHandle(claimWorkflowId(pendingClaimId)).result();
    expect(result).toMatchObject({ outcome: 'awarded', awardIds: expect.arrayContaining([awardId]) });
    // The approval is stored with the award by the recordAwardApproval activity: maker, approver and reason.
    const stored = await mongo
      .collection<{ awardId: string; approval?: Record<string, unknown> }>('awards')
      .findOne({ awardId });
    expect(stored?.approval).toMatchObject({
      makerId: 'officer.aziz',
      approverId: 'officer.siti',
      reason: 'Checked the LOEC and wages',
    });
    const awarded = await statusOf(pendingClaimId);
    expect(awarded).toMatchObject({ stage: 'awarded', pendingApprovals: [] });
    const awardedText = (await runCli('status', pendingClaimId)).stdout;
    expect(awardedText).toMatch(/^ {2}reason: Awarded: .*permanent-disablement/m);
    // The medical-assessment SLA (CLM-SLA-001) is shown only while the claim waits for the Medical Board.
    expect(awardedText).not.toContain('SLA due');
    // The awards with their lines (amounts in sen, rule ids, status) and the decision code, without reading Kafka.
    const json = ClaimStatus.parse(JSON.parse((await runCli('status', pendingClaimId, '--json')).stdout));
    expect(json.decision).toMatchObject({ code: 'AWARDED' });
    const final = json.awards.find((a) => a.awardId === awardId);
    expect(final).toMatchObject({ scope: 'final', approval: 'approved', approvedBy: 'officer.siti' });
    const pdb = final?.lines.find((l) => l.benefitType === 'permanent-disablement');
    expect(pdb).toMatchObject({ kind: 'periodic', status: 'payable', ruleIds: expect.arrayContaining(['EI-PDB-005']) });
    expect(pdb?.amountSen).toBeGreaterThan(0);
    expect(final?.totalSen).toBe(final?.lines.reduce((n, l) => n + l.amountSen, 0));
    expect(awardedText).toContain(`award ${awardId} (final)`);

    // An awarded claim takes no more updates: the officer is told it has ended, not that it does not exist.
    const withdrawn = await runCli('withdraw', pendingClaimId, ...who('officer.siti', 'Claimant asked to withdraw'));
    expect(withdrawn).toMatchObject({ code: 2, stdout: '' });
    expect(withdrawn.stderr).toContain(
      `claims withdraw: claim ${pendingClaimId} has ended (COMPLETED): it takes no more operator actions`
    );
  });

  it('when an officer withdraws a claim waiting for the Medical Board, then the claim is withdrawn with the reason', async () => {
    expect((await runCli('status', completeClaimId)).stdout).toMatch(/^ {2}medical assessment SLA due \d{4}-/m);
    const r = await runCli(
      'withdraw',
      completeClaimId,
      ...who('officer.aziz', 'The claimant returned to work and withdrew the claim'),
      '--requested-by',
      'claimant',
      '--json'
    );
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(ClaimStatus.parse(JSON.parse(r.stdout))).toMatchObject({
      stage: 'withdrawn',
      closingReason: 'The claimant returned to work and withdrew the claim',
    });
    const shown = await runCli('status', completeClaimId);
    expect(shown.stdout).toContain(`${completeClaimId}  employment-injury  stage: withdrawn`);
    expect(shown.stdout).toContain('reason: The claimant returned to work and withdrew the claim');
    await expect(client.workflow.getHandle(claimWorkflowId(completeClaimId)).result()).resolves.toMatchObject({
      outcome: 'withdrawn',
      reason: 'The claimant returned to work and withdrew the claim',
    });
  });

  it('when the rules leave a PDB lump sum to an officer (LOEC 15 %), then `claims decide` sets it, another officer approves, and it is paid at that amount', async () => {
    const claimId = `C-2026-${serial}3`;
    const occurredAt = '2026-08-03T08:30:00+08:00';
    const claim = aWorkAccidentClaim({
      claimId,
      eventId: randomUUID(),
      insuredPersonId: SECOND_PERSON,
      claimant: aClaimant({ name: 'Siti binti Test', dateOfBirth: '1988-04-02' }),
      submittedAt: '2026-08-04T09:00:00+08:00',
      incident: anIncident({
        occurredAt,
        employerNotification: { notified: true, reportedAt: '2026-08-03T11:00:00+08:00' },
      }),
      medicalCertificates: [],
    });
    const submitted = await runCli('submit', jsonFile('lump.json', claim));
    expect(submitted).toMatchObject({ code: 0, stderr: '' });
    await stageReached(claimId, 'awaiting-medical-assessment');
    const decision = aMedicalBoardDecision({ claimId, loecBasisPoints: 1_500, decidedAt: new Date().toISOString() });
    const assessed = await runCli(
      'assess',
      claimId,
      jsonFile('lump-decision.json', decision),
      '--actor',
      'officer.aziz'
    );
    expect(assessed.code).toBe(0);
    const waiting = await stageReached(claimId, 'awaiting-approval');
    const lump = waiting.awards[0]?.lines.find((l) => l.lineId === 'PDB-LUMP');
    expect(lump).toMatchObject({ status: 'officer-review', amountSen: 0 });

    // Input is checked first: an amount in ringgit with at most two decimals, and only a referred line.
    const badAmount = await runCli(
      'decide',
      claimId,
      '--line',
      'PDB-LUMP',
      '--amount',
      '12.345',
      ...who('officer.aziz', 'Basis')
    );
    expect(badAmount).toMatchObject({ code: 2, stdout: '' });
    expect(badAmount.stderr).toContain('--amount');
    const notReferred = await runCli(
      'decide',
      claimId,
      '--line',
      'MED-1',
      '--amount',
      '1',
      ...who('officer.aziz', 'Basis')
    );
    expect(notReferred.code).toBe(2);
    expect(notReferred.stderr).toContain('line MED-1');
    // Approving before the amount is decided would close the claim without paying the line.
    const early = await runCli('approve', claimId, ...who('officer.siti', 'Looks fine'));
    expect(early.code).toBe(2);
    expect(early.stderr).toContain("PDB-LUMP need an officer's amount first");

    const decided = await runCli(
      'decide',
      claimId,
      '--line',
      'PDB-LUMP',
      '--amount',
      '4250.50',
      ...who('officer.aziz', 'Daily rate x factor from the 2026 commutation circular'),
      '--json'
    );
    expect(decided).toMatchObject({ code: 0, stderr: '' });
    expect(ClaimStatus.parse(JSON.parse(decided.stdout)).awards[0]?.lines).toContainEqual(
      expect.objectContaining({ lineId: 'PDB-LUMP', status: 'decided', amountSen: 425_050 })
    );
    const byDecider = await runCli('approve', claimId, ...who('officer.aziz', 'Approving my own amount'));
    expect(byDecider.stderr).toContain('maker-checker');
    expect((await runCli('approve', claimId, ...who('officer.siti', 'Checked the factor'))).code).toBe(0);
    expect((await client.workflow.getHandle(claimWorkflowId(claimId)).result()).outcome).toBe('awarded');
    const paid = await mongo
      .collection<{ instruction: { amountSen: number; awardId: string } }>('payments')
      .find({ claimId })
      .toArray();
    expect(paid.map((p) => [p.instruction.awardId, p.instruction.amountSen])).toContainEqual([
      `${claimId}-AWD-1.PDB-LUMP`,
      425_050,
    ]);
  });

  it('when the claim does not exist, then status and each update exit 2 saying the claim was not found', async () => {
    const ok = who('officer.aziz', 'A valid reason');
    const runs: [string, CliRun][] = [
      ['status', await runCli('status', unknownClaimId)],
      ['approve', await runCli('approve', unknownClaimId, ...ok)],
      ['withdraw', await runCli('withdraw', unknownClaimId, ...ok)],
      [
        'assess',
        await runCli(
          'assess',
          unknownClaimId,
          jsonFile('unknown-decision.json', aMedicalBoardDecision({ claimId: unknownClaimId })),
          '--actor',
          'officer.aziz'
        ),
      ],
    ];
    for (const [name, r] of runs) {
      expect({ name, code: r.code, stdout: r.stdout }).toEqual({ name, code: 2, stdout: '' });
      expect(r.stderr).toContain(`claims ${name}: claim ${unknownClaimId} not found`);
    }
  });

  describe('malformed input (checked before anything is sent)', () => {
    const ok = ['--actor', 'officer.aziz', '--reason', 'A valid reason'];
    const cases: [title: string, args: () => string[], field: RegExp][] = [
      ['a bad claim id to status', () => ['status', 'CLAIM-1'], /^ {2}claimId argument: expected C-YYYY-NNNNNN/m],
      ['a bad claim id to withdraw', () => ['withdraw', '2026-000123', ...ok], /^ {2}claimId argument: /m],
      ['an unknown --stage', () => ['list', '--stage', 'lost'], /^ {2}--stage: /m],
      ['a --limit of 0', () => ['list', '--limit', '0'], /--limit: expected a positive integer/],
      [
        'a --scheme with a quote',
        () => ['list', '--scheme', 'x" OR 1=1'],
        /--scheme: expected lower-case letters, digits and -/,
      ],
      ['a --type in capitals', () => ['list', '--type', 'DEATH'], /--type: expected lower-case letters, digits and -/],
      [
        'a decision missing its fields',
        () => [
          'assess',
          pendingClaimId,
          jsonFile('bad-decision.json', { claimId: pendingClaimId, kind: 'final' }),
          '--actor',
          'officer.aziz',
        ],
        /invalid medical board decision:\n(.|\n)*^ {2}assessmentId: (.|\n)*^ {2}loecBasisPoints: /m,
      ],
      [
        'a decision file that is not JSON',
        () => ['assess', pendingClaimId, jsonFile('not-json.json', '{ nope'), '--actor', 'officer.aziz'],
        /not-json\.json: malformed JSON/,
      ],
      [
        'a decision file that does not exist',
        () => ['assess', pendingClaimId, path.join(tmp, 'none.json'), '--actor', 'officer.aziz'],
        /cannot read \S+none\.json/,
      ],
      [
        'information with nothing in it',
        () => [
          'provide-info',
          pendingClaimId,
          jsonFile('empty-info.json', {
            actorId: 'officer.aziz',
            reason: 'Nothing',
            providedAt: new Date().toISOString(),
            attachments: [],
            medicalCertificates: [],
          }),
        ],
        /^ {2}attachments: give at least one attachment or certificate/m,
      ],
      [
        'information without providedAt',
        () => [
          'provide-info',
          pendingClaimId,
          jsonFile('no-date-info.json', {
            actorId: 'officer.aziz',
            reason: 'Form 34',
            attachments: [anAttachment()],
            medicalCertificates: [],
          }),
        ],
        /^ {2}providedAt: /m,
      ],
      [
        'no --actor to approve',
        () => ['approve', pendingClaimId, '--reason', 'Why not'],
        /required option '--actor <staffId>' not specified/,
      ],
      [
        'no --actor to assess (the officer keying in the board decision)',
        () => [
          'assess',
          pendingClaimId,
          jsonFile('no-actor-decision.json', aMedicalBoardDecision({ claimId: pendingClaimId })),
        ],
        /required option '--actor <staffId>' not specified/,
      ],
      [
        'no --reason to withdraw',
        () => ['withdraw', pendingClaimId, '--actor', 'officer.aziz'],
        /required option '--reason <text>' not specified/,
      ],
      [
        'a malformed actor to approve (before the claim is looked up)',
        () => ['approve', unknownClaimId, '--actor', 'Officer Aziz', '--reason', 'Why not'],
        /^ {2}actorId: /m,
      ],
      ['a malformed --award', () => ['approve', pendingClaimId, ...ok, '--award', 'AW:1'], /^ {2}awardId: /m],
      [
        'an unknown --requested-by',
        () => ['withdraw', pendingClaimId, ...ok, '--requested-by', 'neighbour'],
        /^ {2}requestedBy: /m,
      ],
      [
        'a too short withdrawal reason',
        () => ['withdraw', pendingClaimId, '--actor', 'officer.aziz', '--reason', 'no'],
        /^ {2}reason: /m,
      ],
      [
        'a claim with bad fields to submit',
        () => [
          'submit',
          jsonFile('bad-claim.json', { ...aWorkAccidentClaim(), claimId: 'X-1', submittedAt: 'yesterday' }),
        ],
        /invalid claim:\n(.|\n)*^ {2}claimId: (.|\n)*^ {2}submittedAt: /m,
      ],
      [
        'a claim file that does not exist to submit',
        () => ['submit', path.join(tmp, 'missing-claim.json')],
        /cannot read \S+missing-claim\.json/,
      ],
    ];

    it.each(cases)(
      'when given %s, then exit code 2 naming the field and nothing on stdout',
      async (_t, args, field) => {
        const r = await runCli(...args());
        expect(r.code).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(field);
      }
    );
  });
});
