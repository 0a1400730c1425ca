import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigResourceTypes, type Admin, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { DLQ_TOPICS, ensureProjectTopics } from '../../infra/kafka/project-topics';
import { readTopicToEnd } from '../../infra/kafka/read-to-end';
import { createAuditLog } from '../../infra/mongo/audit-log';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createDlqReplayStore } from '../../infra/mongo/dlq-replays';
import type { ClaimSubmitted } from '../../schemas/events/claim-submitted.v1';
import { Topics } from '../../schemas/topics';
import type { DeadLetterDetail, DeadLetterSummary } from '../../workers/dlq/views';
import type { ClaimStarter } from '../../workers/intake/handle-claim-submitted';
import { createIntakeConsumer, type IntakeConsumer } from '../../workers/intake/intake-consumer';
import { deadLetterRecord } from '../../workers/kafka-messages';
import { aClaimSubmitted, anEmployerUpserted, aContributionRecorded } from '../support/builders';
import { runCli } from '../support/cli';
import { eventually, uniqueSuffix } from '../support/unique';

/**
 * `claims dlq list|show|replay` over the real Kafka and FerretDB. The file's topics carry its own suffix
 * (`KAFKA_TOPIC_SUFFIX`, created by ensureProjectTopics as the stack creates them) and its replays and audit entries
 * go to its own database. Bad claims reach `claims.submitted.dlq` through the real intake consumer; its claim
 * starter is an in-memory port that records the claims started (Temporal is not what is tested here) and fails for
 * one claim until the test "fixes" it, as a broken downstream would. Registry dead letters are written with
 * `deadLetterRecord`, as the registry consumer writes them, for originals really on `registry.*`.
 */
describe('claims dlq (real Kafka and FerretDB)', () => {
  const suffix = uniqueSuffix();
  const topicSuffix = `.${suffix}`;
  const config = { ...loadConfig(), KAFKA_TOPIC_SUFFIX: topicSuffix };
  const topic = (t: string): string => `${t}${topicSuffix}`;
  const dbName = `it_cli_dlq_${suffix.replace(/-/g, '_')}`;
  const serial = `${Date.now()}`;
  const saved = {
    suffix: process.env.KAFKA_TOPIC_SUFFIX,
    uri: process.env.MONGODB_URI,
    operators: process.env.CLAIMS_OPERATORS_FILE,
  };
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let mongo: Connection;
  let intake: IntakeConsumer;
  let tmp: string;
  const started: string[] = [];
  let downstreamBroken = true;

  // Synthetic personal data (IC place-of-birth code 00 is never issued), to prove it never reaches the output.
  const IC = '900115001232';
  const NAME = 'Aminah binti Test';
  const ACCOUNT = '000112233445';
  const badDate = aClaimSubmitted({ claimId: `C-2026-${serial}1`, submittedAt: 'yesterday' });
  const poison = aClaimSubmitted({ claimId: `C-2026-${serial}2` });
  const truncated = `{"schemaVersion":1,"claimId":"C-2026-${serial}3","claimant":{"name":"${NAME}","identity":{"type":"mykad","icNumber":"${IC}"`;
  const employer = anEmployerUpserted();
  const contribution = aContributionRecorded();
  /** Source coordinates of each original, from the producer's acknowledgement: `<topic>:<partition>:<offset>`. */
  const at: Record<string, string> = {};

  const starter: ClaimStarter = {
    async start(claim: ClaimSubmitted) {
      if (claim.claimId === poison.claimId && downstreamBroken) throw new TypeError('downstream refused the claim');
      started.push(claim.claimId);
      return 'started';
    },
  };

  async function send(name: string, t: string, key: string, value: string): Promise<KafkaMessage> {
    const [meta] = await producer.send({ topic: t, acks: -1, messages: [{ key, value }] });
    at[name] = `${t}:${meta!.partition}:${meta!.baseOffset!}`;
    return {
      key: Buffer.from(key),
      value: Buffer.from(value),
      offset: meta!.baseOffset!,
      timestamp: String(Date.now()),
      attributes: 0,
      headers: {},
    } as KafkaMessage;
  }

  const list = async (...args: string[]): Promise<DeadLetterSummary[]> => {
    const run = await runCli('dlq', 'list', ...args, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    return (JSON.parse(run.stdout) as { entries: DeadLetterSummary[] }).entries;
  };
  const original = (e: DeadLetterSummary): string => `${e.source.topic}:${e.source.partition}:${e.source.offset}`;
  const entryOf = async (name: string, t: string): Promise<DeadLetterSummary> => {
    const found = (await list(t)).find((e) => original(e) === at[name]);
    if (!found) throw new Error(`no DLQ entry for ${name} (${at[name]})`);
    return found;
  };
  const coordinatesOf = (e: DeadLetterSummary): string => `${e.partition}:${e.offset}`;
  const replaysOf = async (t: string, entryId: string): Promise<KafkaMessage[]> =>
    (await readTopicToEnd(kafka, t))
      .map((r) => r.message)
      .filter((m) => m.headers?.['x-replay-of']?.toString() === entryId);
  const file = (name: string, value: unknown): string => {
    const p = path.join(tmp, name);
    writeFileSync(p, JSON.stringify(value));
    return p;
  };
  const retentionOf = async (names: string[]): Promise<Record<string, string | undefined>> => {
    const { resources } = await admin.describeConfigs({
      resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
      includeSynonyms: false,
    });
    return Object.fromEntries(
      resources.map((r) => [r.resourceName, r.configEntries.find((e) => e.configName === 'retention.ms')?.configValue])
    );
  };

  beforeAll(async () => {
    process.env.KAFKA_TOPIC_SUFFIX = topicSuffix;
    const uri = new URL(config.MONGODB_URI);
    uri.pathname = `/${dbName}`;
    process.env.MONGODB_URI = uri.toString();
    tmp = mkdtempSync(path.join(tmpdir(), 'cli-dlq-'));
    // The replaying officer holds `dlq-replay`; a clerk without it is refused (the gate, workers/cli/authority.ts).
    process.env.CLAIMS_OPERATORS_FILE = path.join(tmp, 'operators.json');
    writeFileSync(
      process.env.CLAIMS_OPERATORS_FILE,
      JSON.stringify({
        schemaVersion: 1,
        operators: [
          { id: 'officer.dlq', roles: ['dlq-replay'] },
          { id: 'officer.clerk', roles: ['provide-info'] },
        ],
      })
    );
    kafka = createKafka(config);
    admin = kafka.admin();
    await admin.connect();
    await ensureProjectTopics(kafka, config);
    mongo = await createMongoConnection(config.MONGODB_URI, { dbName });
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    intake = createIntakeConsumer({
      kafka,
      starter,
      policy: { maxAttempts: 2, retry: { baseDelayMs: 10, maxDelayMs: 20 } },
      groupId: `cli-dlq-intake-${suffix}`,
      sourceTopic: topic(Topics.ClaimsSubmitted),
      dlqTopic: topic(Topics.ClaimsSubmittedDlq),
    });
    await intake.start();
    await send('badDate', topic(Topics.ClaimsSubmitted), badDate.claimId, JSON.stringify(badDate));
    await send('poison', topic(Topics.ClaimsSubmitted), poison.claimId, JSON.stringify(poison));
    await send('truncated', topic(Topics.ClaimsSubmitted), `C-2026-${serial}3`, truncated);
    // The intake counters count invalid claims only; a poison message is dead-lettered by the consumer itself.
    await eventually(async () => (await readTopicToEnd(kafka, topic(Topics.ClaimsSubmittedDlq))).length >= 3, 60_000);
    // The registry consumer's dead letters, for originals really on the registry topics.
    const employerTopic = topic(Topics.RegistryEmployers);
    const contributionTopic = topic(Topics.RegistryContributions);
    const employerMessage = await send(
      'employer',
      employerTopic,
      employer.employer.employerId,
      JSON.stringify(employer)
    );
    const contributionMessage = await send(
      'contribution',
      contributionTopic,
      contribution.contribution.insuredPersonId,
      JSON.stringify(contribution)
    );
    await producer.send({
      topic: topic('registry.dlq'),
      acks: -1,
      messages: [
        deadLetterRecord(
          { topic: employerTopic, partition: Number(at.employer!.split(':')[1]), message: employerMessage },
          'processing failed after 5 attempts: MongoServerError: write conflict',
          5
        ),
        deadLetterRecord(
          { topic: contributionTopic, partition: Number(at.contribution!.split(':')[1]), message: contributionMessage },
          'schema: contribution.month: expected YYYY-MM'
        ),
      ],
    });
  });

  afterAll(async () => {
    for (const [name, value] of [
      ['KAFKA_TOPIC_SUFFIX', saved.suffix],
      ['MONGODB_URI', saved.uri],
      ['CLAIMS_OPERATORS_FILE', saved.operators],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await intake?.stop().catch(() => undefined);
    await producer?.disconnect();
    await admin?.disconnect();
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('when bad claims reached intake, then dlq list shows each with its coordinates, reason and attempts, and --reason filters', async () => {
    const entries = await list(Topics.ClaimsSubmitted);
    expect(entries.map(original).sort()).toEqual([at.badDate, at.poison, at.truncated].sort());
    for (const e of entries) {
      expect(e.dlqTopic).toBe(topic(Topics.ClaimsSubmittedDlq));
      expect(e.id).toBe(`${e.dlqTopic}:${e.partition}:${e.offset}`);
      expect(Date.parse(e.time)).toBeGreaterThan(Date.now() - 10 * 60_000);
      expect(e.replay).toBeNull();
    }
    const byOriginal = new Map(entries.map((e) => [original(e), e]));
    expect(byOriginal.get(at.badDate!)).toMatchObject({ reason: expect.stringMatching(/^schema: submittedAt/) });
    expect(byOriginal.get(at.badDate!)?.attempts).toBeNull();
    expect(byOriginal.get(at.poison!)).toMatchObject({
      reason: 'processing failed after 2 attempts: TypeError: downstream refused the claim',
      attempts: 2,
    });
    expect(byOriginal.get(at.truncated!)?.reason).toMatch(/^malformed JSON/);

    // The DLQ name works as well as the source name; the filter is a case-insensitive substring.
    expect((await list(topic(Topics.ClaimsSubmittedDlq))).map(original).sort()).toEqual(entries.map(original).sort());
    expect((await list(Topics.ClaimsSubmitted, '--reason', 'PROCESSING FAILED')).map(original)).toEqual([at.poison]);
    expect(await list(Topics.ClaimsSubmitted, '--reason', 'no such reason')).toEqual([]);

    const text = await runCli('dlq', 'list', Topics.ClaimsSubmitted);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      `${topic(Topics.ClaimsSubmittedDlq)} (from ${topic(Topics.ClaimsSubmitted)}): 3 entries`
    );
    expect(text.stdout).toContain(`${at.poison}  attempts 2  `);
  });

  it('when a DLQ is shared, then listing it by a source topic shows only the entries of that topic', async () => {
    expect((await list(Topics.RegistryEmployers)).map(original)).toEqual([at.employer]);
    expect((await list(Topics.RegistryContributions)).map(original)).toEqual([at.contribution]);
    expect((await list('registry.dlq')).map(original)).toEqual([at.employer, at.contribution]);
  });

  it('when an entry is shown, then the original is decoded with IC numbers, names and bank accounts masked', async () => {
    const bad = await entryOf('badDate', Topics.ClaimsSubmitted);
    const shown = await runCli('dlq', 'show', Topics.ClaimsSubmitted, coordinatesOf(bad));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`DLQ entry ${bad.id}`);
    expect(shown.stdout).toContain('value (JSON, personal data masked):');
    expect(shown.stdout).toContain('"icNumber": "***"');
    expect(shown.stdout).toContain(`"claimId": "${badDate.claimId}"`);
    for (const secret of [IC, NAME, ACCOUNT]) expect(shown.stdout).not.toContain(secret);

    const json = await runCli('dlq', 'show', Topics.ClaimsSubmitted, '--offset', bad.offset, '--json');
    const detail = (JSON.parse(json.stdout) as { entry: DeadLetterDetail }).entry;
    expect(detail.value.kind).toBe('json');
    expect(detail.key).toBe(badDate.claimId);
    const value = detail.value as { kind: 'json'; value: { claimant: { identity: unknown; bankAccount: unknown } } };
    expect(value.value.claimant.identity).toEqual({ type: '***', icNumber: '***' });
    expect(value.value.claimant.bankAccount).toEqual({
      bankCode: '***',
      accountNumber: '***',
      accountHolderName: '***',
    });

    // A truncated message cannot be parsed; it is shown as text, masked token by token.
    const cut = await entryOf('truncated', Topics.ClaimsSubmitted);
    const text = await runCli('dlq', 'show', topic(Topics.ClaimsSubmittedDlq), coordinatesOf(cut));
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('value (not JSON; text, personal data masked):');
    expect(text.stdout).toContain('"name":"***","identity":{"type":"***","icNumber":"***"');
    for (const secret of [IC, NAME]) expect(text.stdout).not.toContain(secret);
  });

  it('when the topic or the entry does not exist, then the command exits 2 naming it', async () => {
    const unknown = await runCli('dlq', 'list', 'claims.nowhere');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/topic argument: "claims.nowhere" is not a consumed topic or its DLQ/);
    const missing = await runCli('dlq', 'show', Topics.ClaimsSubmitted, '0:999999');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${topic(Topics.ClaimsSubmittedDlq)} has no entry at 0:999999`);
    const malformed = await runCli('dlq', 'show', Topics.ClaimsSubmitted, 'first');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/entry: expected <partition:offset>/);
  });

  it('when a corrected body fails the schema of its topic, then replay exits 2 naming the field and publishes nothing', async () => {
    const bad = await entryOf('badDate', Topics.ClaimsSubmitted);
    const wrong = {
      ...badDate,
      submittedAt: '2026-07-20T10:15:00+08:00',
      claimant: { ...badDate.claimant, identity: { type: 'mykad', icNumber: '12' } },
    };
    const run = await runCli(
      'dlq',
      'replay',
      Topics.ClaimsSubmitted,
      coordinatesOf(bad),
      '--file',
      file('wrong.json', wrong),
      '--actor',
      'officer.dlq',
      '--reason',
      'corrected the submission time'
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('invalid corrected message');
    expect(run.stderr).toContain('claimant.identity.icNumber');
    expect(await replaysOf(topic(Topics.ClaimsSubmitted), bad.id)).toHaveLength(0);
    expect(await (await createDlqReplayStore(mongo)).find([bad.id])).toEqual([]);
  });

  it('when an officer without the dlq-replay role replays, then it is refused with exit 2, audited, and nothing is published', async () => {
    const bad = await entryOf('badDate', Topics.ClaimsSubmitted);
    const run = await runCli(
      'dlq',
      'replay',
      Topics.ClaimsSubmitted,
      coordinatesOf(bad),
      '--actor',
      'officer.clerk',
      '--reason',
      'trying'
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('officer.clerk');
    expect(run.stderr).toContain('dlq-replay');
    const audit = await (await createAuditLog(mongo)).listFor(`dlq:${bad.id}`);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['refused:dlq replay', 'officer.clerk']]);
    expect(await replaysOf(topic(Topics.ClaimsSubmitted), bad.id)).toHaveLength(0);
  });

  it('when an entry is replayed with a corrected body, then intake gets it once, the replay is audited, and a second replay is refused', async () => {
    const bad = await entryOf('badDate', Topics.ClaimsSubmitted);
    const corrected = { ...badDate, submittedAt: '2026-07-20T10:15:00+08:00' };
    const args = [
      'dlq',
      'replay',
      Topics.ClaimsSubmitted,
      coordinatesOf(bad),
      '--file',
      file('corrected.json', corrected),
      '--actor',
      'officer.dlq',
      '--reason',
      'corrected the submission time',
    ];
    const first = await runCli(...args);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`replayed ${bad.id} to ${topic(Topics.ClaimsSubmitted)}`);

    const [replayed, ...more] = await replaysOf(topic(Topics.ClaimsSubmitted), bad.id);
    expect(more).toHaveLength(0);
    expect(replayed?.key?.toString()).toBe(badDate.claimId);
    expect(JSON.parse(replayed!.value!.toString())).toEqual(corrected);
    expect(replayed?.headers?.['x-dlq-reason']).toBeUndefined();
    await eventually(async () => started.includes(badDate.claimId), 30_000);

    const [audit] = await (await createAuditLog(mongo)).listFor(bad.id);
    expect(audit).toMatchObject({
      action: 'dlq-replay',
      actorId: 'officer.dlq',
      reason: 'corrected the submission time',
      details: { original: at.badDate, corrected: true, publishedTopic: topic(Topics.ClaimsSubmitted) },
    });

    const second = await runCli(...args);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`refused: DLQ entry ${bad.id} was already replayed by officer.dlq`);
    expect(second.stderr).toContain('nothing published');
    expect(await replaysOf(topic(Topics.ClaimsSubmitted), bad.id)).toHaveLength(1);
    expect((await entryOf('badDate', Topics.ClaimsSubmitted)).replay).toMatchObject({
      state: 'done',
      actorId: 'officer.dlq',
    });
    expect(started.filter((id) => id === badDate.claimId)).toHaveLength(1);
  });

  it('when the cause of a poison message is fixed, then replaying its original bytes lets intake handle it', async () => {
    const entry = await entryOf('poison', Topics.ClaimsSubmitted);
    expect(started).not.toContain(poison.claimId);
    downstreamBroken = false;
    const run = await runCli(
      'dlq',
      'replay',
      topic(Topics.ClaimsSubmittedDlq),
      coordinatesOf(entry),
      '--actor',
      'officer.dlq',
      '--reason',
      'downstream fixed',
      '--json'
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ outcome: 'published', record: { state: 'done', corrected: false } });
    const [replayed] = await replaysOf(topic(Topics.ClaimsSubmitted), entry.id);
    expect(replayed?.value?.toString()).toBe(JSON.stringify(poison));
    await eventually(async () => started.includes(poison.claimId), 30_000);
  });

  it('when a replay was interrupted after it was recorded, then a rerun with the same bytes publishes it and marks it done', async () => {
    const entry = await entryOf('employer', Topics.RegistryEmployers);
    const store = await createDlqReplayStore(mongo);
    // As a crash leaves it: recorded `publishing`, never published, never marked done.
    await store.begin({
      replayId: entry.id,
      original: at.employer!,
      targetTopic: topic(Topics.RegistryEmployers),
      state: 'publishing',
      corrected: false,
      valueSha256: createHash('sha256').update(JSON.stringify(employer)).digest('hex'),
      actorId: 'officer.first',
      reason: 'registry write conflict resolved',
      startedAt: new Date().toISOString(),
    });
    const replay = (...extra: string[]) =>
      runCli(
        'dlq',
        'replay',
        'registry.dlq',
        coordinatesOf(entry),
        '--actor',
        'officer.dlq',
        '--reason',
        'finish it',
        ...extra
      );

    const different = await replay(
      '--file',
      file('employer.json', { ...employer, occurredAt: '2026-07-02T00:00:00+08:00' })
    );
    expect(different.code).toBe(1);
    expect(different.stderr).toContain('with a different body');
    expect(await replaysOf(topic(Topics.RegistryEmployers), entry.id)).toHaveLength(0);

    const rerun = await replay();
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`replayed again (the earlier replay was interrupted) ${entry.id}`);
    const [replayed, ...more] = await replaysOf(topic(Topics.RegistryEmployers), entry.id);
    expect(more).toHaveLength(0);
    expect(replayed?.value?.toString()).toBe(JSON.stringify(employer));
    const [record] = await store.find([entry.id]);
    expect(record).toMatchObject({ state: 'done', actorId: 'officer.first', published: { offset: replayed?.offset } });
  });

  it('when DLQ topics are ensured, then retention.ms follows KAFKA_DLQ_RETENTION, at creation and on existing topics, other overrides kept', async () => {
    const dlqs = DLQ_TOPICS.map(topic);
    expect(Object.values(await retentionOf(dlqs))).toEqual(dlqs.map(() => String(30 * 86_400_000)));
    // An override set by hand survives the change (kafkajs's AlterConfigs replaces all of a topic's overrides).
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic('registry.dlq'),
          configEntries: [
            { name: 'retention.ms', value: String(30 * 86_400_000) },
            { name: 'max.message.bytes', value: '2000000' },
          ],
        },
      ],
    });

    const changed = loadConfig({ ...process.env, KAFKA_TOPIC_SUFFIX: topicSuffix, KAFKA_DLQ_RETENTION: '7d' });
    expect(changed.KAFKA_DLQ_RETENTION).toBe(7 * 86_400_000);
    expect(await ensureProjectTopics(kafka, changed)).toEqual([]);

    expect(Object.values(await retentionOf(dlqs))).toEqual(dlqs.map(() => String(7 * 86_400_000)));
    expect(await retentionOf([topic(Topics.ClaimsSubmitted)])).toEqual({ [topic(Topics.ClaimsSubmitted)]: '-1' });
    const { resources } = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic('registry.dlq'), configNames: ['max.message.bytes'] }],
      includeSynonyms: false,
    });
    expect(resources[0]?.configEntries[0]?.configValue).toBe('2000000');
  });
});
