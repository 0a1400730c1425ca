import type { Command } from 'commander';
import type { Kafka, Producer } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig, type Config } from '../../../infra/config';
import { createKafka } from '../../../infra/kafka/client';
import { TopicNotFoundError } from '../../../infra/kafka/read-to-end';
import { createAuditLog } from '../../../infra/mongo/audit-log';
import { createMongoConnection } from '../../../infra/mongo/connection';
import { createDlqReplayStore } from '../../../infra/mongo/dlq-replays';
import { ActorId, Reason } from '../../../schemas/claim/ids';
import { decodeJson } from '../../kafka-messages';
import { findDeadLetter, listDeadLetters, type DeadLetterEntry } from '../../dlq/dead-letters';
import { maskText } from '../../dlq/mask';
import { replayDeadLetter, type DlqReplayStore, type ReplayPublisher } from '../../dlq/replay';
import {
  deadLetterTopicNames,
  type DeadLetterRoute,
  resolveDeadLetterTarget,
  routeOfSourceTopic,
  type DeadLetterTarget,
} from '../../dlq/routes';
import { detail, detailLines, summary, summaryLine } from '../../dlq/views';
import { InvalidInputError, operatorUpdateId, output, parseInput, readJsonInput, runCommand } from '../input';
import { requireAuthority } from '../authority';

/*
 * `claims dlq list|show|replay`: dead letters are worked, not only kept. Every command reads the DLQ topic with a
 * bounded read (to the end it had when the command started) and shows personal data masked; `replay` publishes a
 * dead letter to its original topic once (workers/dlq/replay.ts). Exit codes: 0 done, 1 a service failed or the
 * replay was refused (already replayed: nothing published), 2 invalid input (an unknown topic, no entry at the
 * coordinates, a corrected message that fails the topic's schema: the message names the field).
 */

type Opts = { json?: boolean; partition?: string; offset?: string };

/** The DLQ to read for a topic named on the command line, or invalid input listing the names accepted. */
function target(config: Config, topic: string): DeadLetterTarget {
  const resolved = resolveDeadLetterTarget(config.KAFKA_TOPIC_SUFFIX, topic);
  if (resolved) return resolved;
  throw new InvalidInputError(
    `topic argument: "${topic}" is not a consumed topic or its DLQ; expected one of ${deadLetterTopicNames().join(', ')}`
  );
}

/** The entry coordinates: `<partition:offset>`, or `--offset n` with `--partition n` (default 0). */
function coordinates(at: string | undefined, o: Opts): { partition: number; offset: string } {
  if (at !== undefined && o.offset !== undefined)
    throw new InvalidInputError('give <partition:offset> or --offset, not both');
  const text = at ?? (o.offset !== undefined ? `${o.partition ?? '0'}:${o.offset}` : undefined);
  const m = text === undefined ? null : /^(\d{1,5}):(\d{1,19})$/.exec(text.trim());
  if (!m)
    throw new InvalidInputError('entry: expected <partition:offset> such as 0:12, or --offset 12 [--partition 0]');
  return { partition: Number(m[1]), offset: BigInt(m[2]!).toString() };
}

/** Runs `body` with a Kafka client and a Mongo connection (closed afterwards); a missing topic is invalid input. */
async function withServices<T>(config: Config, body: (kafka: Kafka, mongo: Connection) => Promise<T>): Promise<T> {
  const mongo = await createMongoConnection(config);
  try {
    return await body(createKafka(config), mongo);
  } catch (err) {
    if (err instanceof TopicNotFoundError) throw new InvalidInputError(`topic argument: ${err.message}`);
    throw err;
  } finally {
    await mongo.close();
  }
}

/** The entry at the coordinates, or invalid input naming them; entries of another source topic are refused too. */
async function entryAt(
  kafka: Kafka,
  t: DeadLetterTarget,
  at: { partition: number; offset: string }
): Promise<DeadLetterEntry> {
  const entry = await findDeadLetter(kafka, t.dlqTopic, at);
  if (!entry) throw new InvalidInputError(`entry: ${t.dlqTopic} has no entry at ${at.partition}:${at.offset}`);
  if (t.sourceTopic !== undefined && entry.source.topic !== t.sourceTopic) {
    throw new InvalidInputError(`entry: ${entry.id} came from ${entry.source.topic ?? '?'}, not ${t.sourceTopic}`);
  }
  return entry;
}

const replayOf = async (store: DlqReplayStore, entries: DeadLetterEntry[]) =>
  new Map((await store.find(entries.map((e) => e.id))).map((r) => [r.replayId, r]));

function registerList(dlq: Command): void {
  dlq
    .command('list')
    .description('list the entries of a DLQ from the earliest kept to the current end')
    .argument('<topic>', 'a consumed topic (claims.submitted) or its DLQ (claims.submitted.dlq)')
    .option('--reason <text>', 'only entries whose reason contains this text (case-insensitive)')
    .option('--json', 'print JSON (schemaVersion 1)')
    .action((topic: string, o: Opts & { reason?: string }) =>
      runCommand('dlq list', async () => {
        const config = loadConfig();
        const t = target(config, topic);
        await withServices(config, async (kafka, mongo) => {
          const entries = await listDeadLetters(kafka, t.dlqTopic, { sourceTopic: t.sourceTopic, reason: o.reason });
          const replays = await replayOf(await createDlqReplayStore(mongo), entries);
          const summaries = entries.map((e) => summary(e, replays.get(e.id)));
          const json = {
            schemaVersion: 1,
            dlqTopic: t.dlqTopic,
            sourceTopic: t.sourceTopic ?? null,
            reasonFilter: o.reason ?? null,
            entries: summaries,
          };
          output(o.json === true, json, () => [
            `${t.dlqTopic}${t.sourceTopic ? ` (from ${t.sourceTopic})` : ''}: ${summaries.length} entries` +
              `${o.reason !== undefined ? ` with a reason containing "${o.reason}"` : ''}`,
            ...summaries.map(summaryLine),
          ]);
        });
      })
    );
}

function registerShow(dlq: Command): void {
  dlq
    .command('show')
    .description('show one DLQ entry with its original message decoded, personal data masked')
    .argument('<topic>', 'a consumed topic or its DLQ')
    .argument('[entry]', '<partition:offset> of the DLQ entry, e.g. 0:12')
    .option('--partition <n>', 'DLQ partition (with --offset)', '0')
    .option('--offset <n>', 'DLQ offset')
    .option('--json', 'print JSON (schemaVersion 1)')
    .action((topic: string, at: string | undefined, o: Opts) =>
      runCommand('dlq show', async () => {
        const config = loadConfig();
        const t = target(config, topic);
        const where = coordinates(at, o);
        await withServices(config, async (kafka, mongo) => {
          const entry = await entryAt(kafka, t, where);
          const [replay] = await (await createDlqReplayStore(mongo)).find([entry.id]);
          const d = detail(entry, replay);
          output(o.json === true, { schemaVersion: 1, entry: d }, () => detailLines(d));
        });
      })
    );
}

/**
 * The bytes to publish: a corrected body checked against the source topic's contract (invalid: exit 2 naming the
 * field), or the original bytes, with a warning when they still fail the contract (they would be dead-lettered again).
 */
function valueToReplay(entry: DeadLetterEntry, route: DeadLetterRoute, corrected: unknown): Buffer {
  if (corrected !== undefined) {
    parseInput(route.schema, corrected, 'corrected message');
    return Buffer.from(JSON.stringify(corrected));
  }
  if (entry.original.value === null) {
    throw new Error(`${entry.id} has no value to replay; give a corrected body with --file`);
  }
  const decoded = decodeJson(route.schema, entry.original.value);
  if (!decoded.ok) {
    process.stderr.write(
      `claims dlq replay: warning: the original still fails ${route.source} (${maskText(decoded.reason)}); ` +
        'it will likely be dead-lettered again (correct it with --file)\n'
    );
  }
  return entry.original.value;
}

/** Publishes through a connected idempotent producer, waiting for all in-sync replicas. */
const publisherOf = (producer: Producer): ReplayPublisher => ({
  async publish(topic, message) {
    const [meta] = await producer.send({ topic, acks: -1, messages: [message] });
    if (meta?.baseOffset === undefined) throw new Error(`no acknowledgement from ${topic}`);
    return { partition: meta.partition, offset: meta.baseOffset };
  },
});

function registerReplay(dlq: Command): void {
  dlq
    .command('replay')
    .description('publish a dead letter (or a corrected body) to its original topic, once; audited')
    .argument('<topic>', 'a consumed topic or its DLQ')
    .argument('[entry]', '<partition:offset> of the DLQ entry, e.g. 0:12')
    .option('--partition <n>', 'DLQ partition (with --offset)', '0')
    .option('--offset <n>', 'DLQ offset')
    .option('--file <corrected.json>', "publish this body instead (checked against the topic's schema; - for stdin)")
    .requiredOption('--actor <staffId>', 'the officer replaying')
    .requiredOption('--reason <text>', 'why')
    .option('--json', 'print JSON (schemaVersion 1)')
    .action((topic: string, at: string | undefined, o: Opts & { file?: string; actor: string; reason: string }) =>
      runCommand('dlq replay', async () => {
        const config = loadConfig();
        const t = target(config, topic);
        const where = coordinates(at, o);
        const actorId = parseInput(ActorId, o.actor, '--actor');
        const reason = parseInput(Reason, o.reason, '--reason');
        const corrected = o.file === undefined ? undefined : readJsonInput(o.file);
        await withServices(config, async (kafka, mongo) => {
          const entry = await entryAt(kafka, t, where);
          await requireAuthority({
            command: 'dlq replay',
            actorId,
            workflowId: `dlq:${entry.id}`,
            updateId: operatorUpdateId('dlq replay', entry.id, { corrected: corrected ?? null, reason }),
            subject: {},
          });
          const route =
            entry.source.topic && routeOfSourceTopic(config.KAFKA_TOPIC_SUFFIX, entry.source.topic, t.dlqTopic);
          if (!route) {
            throw new Error(
              `${entry.id} came from ${entry.source.topic ?? 'an unknown topic'}, which is not consumed into ${t.dlqTopic}; not replayed`
            );
          }
          const value = valueToReplay(entry, route, corrected);
          const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
          await producer.connect();
          try {
            const result = await replayDeadLetter(
              entry,
              { value, corrected: corrected !== undefined, actorId, reason },
              {
                store: await createDlqReplayStore(mongo),
                publisher: publisherOf(producer),
                audit: await createAuditLog(mongo),
                now: () => new Date(),
              }
            );
            const json = { schemaVersion: 1, ...result };
            if (result.outcome === 'refused') {
              if (o.json === true) output(true, json, () => []);
              process.stderr.write(`claims dlq replay: refused: ${result.why}; nothing published\n`);
              process.exitCode = 1;
              return;
            }
            const p = result.record.published;
            output(o.json === true, json, () => [
              `${result.outcome === 'published' ? 'replayed' : 'replayed again (the earlier replay was interrupted)'} ${entry.id}` +
                ` to ${result.record.targetTopic} partition ${p?.partition} offset ${p?.offset}` +
                `${result.record.corrected ? ' (corrected body)' : ''}, header x-replay-of: ${entry.id}`,
            ]);
          } finally {
            await producer.disconnect();
          }
        });
      })
    );
}

/** Registers `claims dlq list|show|replay`. */
export function registerDlqCommands(program: Command): void {
  const dlq = program.command('dlq').description('work the dead-letter topics: list, show (masked), replay once');
  registerList(dlq);
  registerShow(dlq);
  registerReplay(dlq);
}
