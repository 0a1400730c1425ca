import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client, Connection as TemporalConnection } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import type { AuditEntry, AuditLog } from '../../activities/periodic/ports';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureProjectTopics } from '../../infra/kafka/project-topics';
import { createAuditLog } from '../../infra/mongo/audit-log';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createRegistryRepository } from '../../infra/mongo/registry-repository';
import { claimWorkflowId, createClaimStarter } from '../../infra/temporal/claim-starter';
import {
  createTemporalClient,
  createTemporalConnection,
  createWorkerConnection,
} from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { ClaimStatus } from '../../schemas/claim/status';
import { PeriodicAwardStatus } from '../../schemas/periodic/status';
import { periodicWorkflowId } from '../../workflows/periodic/ids';
import { createClaimsWorker, createWorkerActivities } from '../../workers/temporal-worker';
import {
  aContributionRecord,
  anEmployer,
  anInsuredPerson,
  aMedicalBoardDecision,
  aWorkAccidentClaim,
  EMPLOYER_ID,
  INSURED_PERSON_ID,
} from '../support/builders';
import { runCli } from '../support/cli';
import { terminateRunningOn } from '../support/temporal-cleanup';
import { eventually, uniqueSuffix } from '../support/unique';

/**
 * Operators and roles at the CLI over the real servers: the CLI reads this file's own operators file
 * (CLAIMS_OPERATORS_FILE) and writes refusals to this file's own database (MONGODB_URI), where a real worker on this
 * file's task queue keeps the claim's awards and the periodic award's audit trail. One claim goes through its life:
 * the board's decision is keyed in by an assessor, an unknown actor and an approver whose limit is one sen short are
 * refused (and audited), an approver whose limit is exactly the total approves, and an officer without the suspend
 * role cannot suspend the pension that follows. The limits are written once the award's total is known.
 */
jest.setTimeout(150_000);

const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

describe('operators and roles at the CLI (real Kafka, Temporal and FerretDB)', () => {
  const suffix = uniqueSuffix();
  const topicSuffix = `.${suffix}`;
  const config = { ...loadConfig(), KAFKA_TOPIC_SUFFIX: topicSuffix };
  const taskQueue = `cli-roles-${suffix}`;
  const dbName = `it_cli_roles_${suffix.replace(/-/g, '_')}`;
  const claimId = `C-2026-${Date.now()}1`;
  const workflowId = claimWorkflowId(claimId);
  const claim = aWorkAccidentClaim({ claimId, eventId: randomUUID() });
  const saved = { file: process.env.CLAIMS_OPERATORS_FILE, uri: process.env.MONGODB_URI };
  let operatorsFile: string;
  let kafka: Kafka;
  let producer: Producer;
  let mongo: Connection;
  let audit: AuditLog;
  let workerConnection: NativeConnection;
  let clientConnection: TemporalConnection;
  let client: Client;
  let worker: Worker;
  let workerRun: Promise<void>;
  let tmp: string;
  /** The final award waiting for approval, once the board has decided. */
  let pending: { awardId: string; totalSen: number };

  /** Writes the test's operators file: approvers one sen short of `totalSen` and exactly at it. */
  function writeOperators(totalSen: number): void {
    const operators = [
      { id: 'it.assessor', roles: ['assess'] },
      { id: 'it.clerk', roles: ['provide-info'] },
      { id: 'it.junior', roles: ['approve'], approveUpToSen: totalSen - 1 },
      { id: 'it.senior', roles: ['approve', 'suspend'], approveUpToSen: totalSen },
    ];
    writeFileSync(operatorsFile, JSON.stringify({ schemaVersion: 1, operators }));
  }

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'cli-roles-'));
    operatorsFile = path.join(tmp, 'operators.json');
    writeOperators(100);
    // The CLI runs in-process: it finds the operators file and the audit database through the environment.
    const uri = new URL(config.MONGODB_URI);
    uri.pathname = `/${dbName}`;
    process.env.CLAIMS_OPERATORS_FILE = operatorsFile;
    process.env.MONGODB_URI = uri.toString();

    kafka = createKafka(config);
    await ensureProjectTopics(kafka, config);
    mongo = await createMongoConnection(config.MONGODB_URI, { dbName });
    audit = await createAuditLog(mongo);
    const registry = await createRegistryRepository(mongo);
    await registry.applyBatch([
      { kind: 'employers', record: anEmployer() },
      { kind: 'insured-persons', record: anInsuredPerson() },
      ...MONTHS.map((month) => ({
        kind: 'contributions' as const,
        record: aContributionRecord({ insuredPersonId: INSURED_PERSON_ID, employerId: EMPLOYER_ID, month }),
      })),
    ]);
    workerConnection = await createWorkerConnection(config);
    clientConnection = await createTemporalConnection(config);
    client = createTemporalClient(clientConnection, config, getClientDataConverter(config));
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    worker = await createClaimsWorker(
      workerConnection,
      config,
      taskQueue,
      await createWorkerActivities({ mongo, producer, client, topicName: (t) => `${t}${topicSuffix}` })
    );
    workerRun = worker.run();
    // RM900.00: the final award with its PDB pension needs a second officer's approval.
    const starter = createClaimStarter(client, taskQueue, {
      authorityLimitSen: 90_000,
      periodic: { cycle: { seconds: 3600 } },
    });
    await starter.start(claim);
  });

  afterAll(async () => {
    for (const [name, value] of [
      ['CLAIMS_OPERATORS_FILE', saved.file],
      ['MONGODB_URI', saved.uri],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    if (client) await terminateRunningOn(client, taskQueue, 'cli roles test cleanup');
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

  const statusOf = async (): Promise<ClaimStatus> => {
    const r = await runCli('status', claimId, '--json');
    if (r.code !== 0) throw new Error(`status exited ${r.code}: ${r.stderr}`);
    return ClaimStatus.parse(JSON.parse(r.stdout));
  };
  const stageReached = (stage: string): Promise<ClaimStatus> =>
    eventually(async () => {
      const s = await statusOf();
      return s.stage === stage ? s : undefined;
    }, 60_000);
  const refusalsOf = async (id: string): Promise<AuditEntry[]> =>
    (await audit.listFor(id)).filter((e) => e.action.startsWith('refused:'));
  const who = (actor: string, reason: string): string[] => ['--actor', actor, '--reason', reason];

  it('when the board decision is keyed in, then only an officer holding the assess role gets it to the claim', async () => {
    await stageReached('awaiting-medical-assessment');
    const decisionFile = path.join(tmp, 'decision.json');
    writeFileSync(
      decisionFile,
      JSON.stringify(aMedicalBoardDecision({ claimId, decidedAt: new Date().toISOString() }))
    );

    const byClerk = await runCli('assess', claimId, decisionFile, '--actor', 'it.clerk');
    expect(byClerk).toMatchObject({ code: 2, stdout: '' });
    expect(byClerk.stderr).toContain(
      'claims assess: refused: it.clerk does not hold the role "assess" that assess needs (audited as refused:assess)'
    );
    expect((await statusOf()).stage).toBe('awaiting-medical-assessment');
    expect(await refusalsOf(workflowId)).toEqual([
      expect.objectContaining({
        action: 'refused:assess',
        actorId: 'it.clerk',
        details: expect.objectContaining({ missing: 'role', role: 'assess', claimId }),
      }),
    ]);

    expect(await runCli('assess', claimId, decisionFile, '--actor', 'it.assessor')).toMatchObject({
      code: 0,
      stderr: '',
    });
    const waiting = await stageReached('awaiting-approval');
    const award = waiting.awards.find((a) => a.approval === 'pending');
    expect(award?.totalSen).toBeGreaterThan(90_000);
    pending = { awardId: award!.awardId, totalSen: award!.totalSen };
    writeOperators(pending.totalSen);
  });

  it('when an actor who is not in the operators file approves, then exit 2 naming the actor, nothing reaches the claim, and the refusal is audited', async () => {
    const r = await runCli('approve', claimId, ...who('officer.nobody', 'Looks right'), '--award', pending.awardId);
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(
      'claims approve: refused: officer.nobody is not an operator (not in the operators file) (audited as refused:approve)\n'
    );
    expect((await statusOf()).pendingApprovals).toEqual([pending.awardId]);
    expect(await refusalsOf(workflowId)).toContainEqual(
      expect.objectContaining({
        auditId: expect.stringMatching(new RegExp(`^${workflowId}:refused:cli-approve-[0-9a-f]{32}$`)),
        workflowId,
        action: 'refused:approve',
        actorId: 'officer.nobody',
        reason: 'officer.nobody is not an operator (not in the operators file)',
        details: expect.objectContaining({ missing: 'operator', role: 'approve', claimId, awardId: pending.awardId }),
      })
    );
  });

  it("when the award's total is one sen above the approver's approveUpToSen, then exit 2 naming the actor and the limit, audited with both amounts, and the award still waits", async () => {
    const r = await runCli('approve', claimId, ...who('it.junior', 'Checked the LOEC and wages'));
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toMatch(
      new RegExp(
        `^claims approve: refused: the award's total RM[\\d,.]+ \\(${pending.totalSen} sen\\) is above the limit of it\\.junior: approveUpToSen RM[\\d,.]+ \\(${pending.totalSen - 1} sen\\) \\(audited as refused:approve\\)$`,
        'm'
      )
    );
    const refusal = (await refusalsOf(workflowId)).find((e) => e.actorId === 'it.junior');
    expect(refusal).toMatchObject({
      action: 'refused:approve',
      details: {
        missing: 'limit',
        role: 'approve',
        limitSen: pending.totalSen - 1,
        amountSen: pending.totalSen,
        claimId,
        awardId: pending.awardId,
      },
    });
    expect((await statusOf()).stage).toBe('awaiting-approval');
    // Ids, roles and amounts only: the claimant's name and IC number are nowhere in the audit trail.
    const trail = JSON.stringify(await audit.listFor(workflowId));
    expect(trail).not.toContain(claim.claimant.name);
    expect(claim.claimant.identity.type === 'mykad' && trail.includes(claim.claimant.identity.icNumber)).toBe(false);
  });

  it("when the approver's approveUpToSen is exactly the award's total, then the award is approved and the claim is awarded", async () => {
    const r = await runCli('approve', claimId, ...who('it.senior', 'Checked the LOEC and wages'), '--json');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    await expect(client.workflow.getHandle(workflowId).result()).resolves.toMatchObject({ outcome: 'awarded' });
    const awarded = await statusOf();
    expect(awarded.awards.find((a) => a.awardId === pending.awardId)).toMatchObject({
      approval: 'approved',
      approvedBy: 'it.senior',
    });
    // The three refusals (the clerk's assessment, the unknown actor, the junior approver) and nothing else.
    expect((await refusalsOf(workflowId)).map((e) => [e.action, e.actorId]).sort()).toEqual([
      ['refused:approve', 'it.junior'],
      ['refused:approve', 'officer.nobody'],
      ['refused:assess', 'it.clerk'],
    ]);
  });

  it('when an officer without the suspend role suspends the pension that followed, then exit 2 naming the role, audited under the award, and it runs on', async () => {
    const final = (await statusOf()).awards.find((a) => a.awardId === pending.awardId);
    const line = final?.lines.find((l) => l.kind === 'periodic');
    expect(line).toBeDefined();
    const [awardId, beneficiaryId] = [`${pending.awardId}.${line!.lineId}`, line!.beneficiaryId];
    const awardStatus = async (): Promise<PeriodicAwardStatus | undefined> => {
      const r = await runCli('award-status', awardId, beneficiaryId, '--json');
      return r.code === 0 ? PeriodicAwardStatus.parse(JSON.parse(r.stdout)) : undefined;
    };
    expect((await eventually(awardStatus, 30_000)).status).toBe('active');

    const r = await runCli(
      'suspend',
      awardId,
      beneficiaryId,
      ...who('it.junior', 'Investigation of a duplicate claim')
    );
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toContain(
      'claims suspend: refused: it.junior does not hold the role "suspend" that suspend needs (audited as refused:suspend)'
    );
    expect((await awardStatus())?.status).toBe('active');
    const entries = await audit.listFor(periodicWorkflowId(awardId, beneficiaryId));
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'refused:suspend',
        actorId: 'it.junior',
        details: expect.objectContaining({ missing: 'role', role: 'suspend', awardId, beneficiaryId }),
      }),
    ]);
  });
});
