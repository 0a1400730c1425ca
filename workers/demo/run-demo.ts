import { setTimeout as sleep } from 'node:timers/promises';
import type { Producer } from 'kafkajs';
import { loadConfig, type Config } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { createTemporalClient, createTemporalConnection } from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';
import { ensureProjectTopics } from '../../infra/kafka/project-topics';
import { kafkaOutageWait, waitingProducer } from '../../infra/kafka/producer-outage';
import { loadOperatorsFile, operatorsFilePath } from '../../infra/operators/operators-file';
import { Topics, type Topic } from '../../schemas/topics';
import { checkerLimitSen, createSimulatedChecker, temporalApprover, temporalOutageWait, type Checker } from './checker';
import { mytDate } from './dates';
import { createMedicalBoard, type MedicalBoard } from './medical-board';
import { endOffsets, REGISTRY_CONSUMER_GROUP, waitForGroup } from './registry-wait';
import { parseDemoSettings, type DemoSettings } from './settings';
import { generateClaimStream, type Expected } from './synthetic-claims';
import { generateRegistry } from './synthetic-registry';

/**
 * `npm run demo` (composition root, STYLE H6): publishes a synthetic registry, then streams claims of every kind
 * (with duplicates, re-submissions, malformed and invalid messages) at a steady rate, and runs a simulated Medical
 * Board and a simulated second officer (workers/demo/checker.ts: approves the run's awards above the authority limit)
 * until SIGINT/SIGTERM. Logs are counts and ids only; generated personal data is synthetic and never logged. Every
 * send (the stream, the board's decisions) waits out a Kafka outage, and every approval a Temporal outage, of up to
 * KAFKA_PRODUCER_OUTAGE_MAX, logging once when it starts waiting and once when the server answers again.
 */

const TEMPORAL_UI = 'http://127.0.0.1:8233';
const BATCH = 500;

const say = (line: string): void => {
  process.stdout.write(`demo: ${line}\n`);
};

/** Outage lines (already prefixed by who waits) go to stderr, as warnings. */
const warn = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

interface Outgoing {
  key: string;
  value: string;
  eventId?: string;
}

async function publishAll(producer: Producer, topic: string, messages: readonly Outgoing[]): Promise<void> {
  for (let i = 0; i < messages.length; i += BATCH) {
    await producer.send({
      topic,
      acks: -1,
      messages: messages.slice(i, i + BATCH).map((m) => ({
        key: m.key,
        value: m.value,
        ...(m.eventId !== undefined ? { headers: { 'event-id': m.eventId } } : {}),
      })),
    });
  }
}

/** Sleeps until `ms` or the abort signal, whichever comes first; true when aborted. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return true;
  if (ms <= 0) return false;
  try {
    await sleep(ms, undefined, { signal });
    return false;
  } catch {
    return true;
  }
}

/** Runs the demo until the stream ends (and, with the board, until `signal` aborts). */
export async function runDemo(config: Config, settings: DemoSettings, signal: AbortSignal): Promise<void> {
  const topic = (t: Topic | string): string => `${t}${config.KAFKA_TOPIC_SUFFIX}`;
  // The checker approves as an operator: checked against the operators file before anything is published.
  const checkerLimit = settings.checker
    ? checkerLimitSen(loadOperatorsFile(operatorsFilePath()), settings.DEMO_CHECKER_ACTOR)
    : undefined;
  const kafka = createKafka(config);
  await ensureProjectTopics(kafka, config);

  // The registry's as-of instant is today's Malaysian midnight, so reruns on one day publish identical records.
  const asOf = `${mytDate(Date.now())}T00:00:00+08:00`;
  const registry = generateRegistry({
    seed: settings.DEMO_SEED,
    asOf,
    persons: settings.DEMO_PERSONS,
    employers: settings.DEMO_EMPLOYERS,
  });
  // One wait for Kafka shared by the stream and the board, so an outage is logged once for the demo.
  const kafkaOutage = kafkaOutageWait('demo', config.KAFKA_PRODUCER_OUTAGE_MAX, warn);
  const producer = waitingProducer(kafka.producer({ idempotent: true, maxInFlightRequests: 1 }), kafkaOutage);
  await producer.connect();
  const registryAdmin = kafka.admin();
  await registryAdmin.connect();
  const registryTopics = [Topics.RegistryEmployers, Topics.RegistryInsuredPersons, Topics.RegistryContributions].map(
    topic
  );
  let board: MedicalBoard | undefined;
  let checker: Checker | undefined;
  let closeTemporal: (() => Promise<void>) | undefined;
  try {
    const t0 = Date.now();
    await publishAll(
      producer,
      topic(Topics.RegistryEmployers),
      registry.employers.map((e) => ({ key: e.employer.employerId, value: JSON.stringify(e), eventId: e.eventId }))
    );
    await publishAll(
      producer,
      topic(Topics.RegistryInsuredPersons),
      registry.insuredPersons.map((e) => ({
        key: e.insuredPerson.insuredPersonId,
        value: JSON.stringify(e),
        eventId: e.eventId,
      }))
    );
    await publishAll(
      producer,
      topic(Topics.RegistryContributions),
      registry.contributions.map((e) => ({
        key: e.contribution.insuredPersonId,
        value: JSON.stringify(e),
        eventId: e.eventId,
      }))
    );
    say(
      `published ${registry.insuredPersons.length} insured persons, ${registry.employers.length} employers, ` +
        `${registry.contributions.length} contributions (seed ${settings.DEMO_SEED}, as of ${asOf}) ` +
        `in ${((Date.now() - t0) / 1000).toFixed(1)}s`
    );
    if (settings.registryOnly) return;
    // Everything just published, per partition: the claims wait until the registry consumer has committed it all.
    const registryEnds = await endOffsets(registryAdmin, registryTopics);

    if (settings.board) {
      board = createMedicalBoard({
        kafka,
        delayMs: settings.DEMO_BOARD_DELAY_MS,
        skipFraction: settings.DEMO_BOARD_SKIP,
        seed: settings.DEMO_SEED,
        requestTopic: topic(Topics.MedicalAssessmentRequested),
        decisionTopic: topic(Topics.MedicalAssessments),
        log: say,
        outage: kafkaOutage,
      });
      await board.start();
      say(`medical board answering after about ${settings.DEMO_BOARD_DELAY_MS / 1000}s`);
    }
    const waitStart = Date.now();
    say(`waiting (at most ${settings.DEMO_REGISTRY_WAIT_MS / 1000}s) for the registry consumer to apply the registry`);
    const behind = await waitForGroup(registryAdmin, {
      groupId: REGISTRY_CONSUMER_GROUP,
      ends: registryEnds,
      timeoutMs: settings.DEMO_REGISTRY_WAIT_MS,
      signal,
    });
    if (signal.aborted) return;
    const waited = `${((Date.now() - waitStart) / 1000).toFixed(1)}s`;
    say(
      behind === 0
        ? `registry applied in ${waited}`
        : `registry consumer still ${behind} messages behind after ${waited} (not running, or a backlog of ` +
            `earlier runs: \`npm run stack:reset\` starts clean); streaming claims anyway, early ones may be refused`
    );

    say(
      `open ${TEMPORAL_UI} and filter \`ClaimStage = "awaiting-medical-assessment"\` to watch claims wait for the board`
    );
    const spacingMs = 60_000 / settings.DEMO_CLAIMS_PER_MINUTE;
    const stream = generateClaimStream(
      registry.people,
      registry.employers.map((e) => e.employer.employerId),
      { seed: settings.DEMO_SEED, startMs: Date.now(), count: settings.DEMO_CLAIMS, spacingMs }
    );
    if (settings.checker) {
      const connection = await createTemporalConnection(config);
      closeTemporal = () => connection.close();
      const demoClaims = new Set(stream.map((m) => m.key));
      checker = createSimulatedChecker({
        kafka,
        approve: temporalApprover(createTemporalClient(connection, config, getClientDataConverter(config))),
        actorId: settings.DEMO_CHECKER_ACTOR,
        ...(checkerLimit !== undefined ? { approveUpToSen: checkerLimit } : {}),
        delayMs: settings.DEMO_CHECKER_DELAY_MS,
        isDemoClaim: (claimId) => demoClaims.has(claimId),
        eventsTopic: topic(Topics.ClaimsEvents),
        log: say,
        outage: temporalOutageWait(config.KAFKA_PRODUCER_OUTAGE_MAX, warn),
      });
      await checker.start();
      say(
        `${settings.DEMO_CHECKER_ACTOR} approves awards above the authority limit after about ` +
          `${settings.DEMO_CHECKER_DELAY_MS / 1000}s (filter \`ClaimStage = "awaiting-approval"\` to catch them first)`
      );
    }
    const sent: Record<Expected, number> = { valid: 0, duplicate: 0, resubmission: 0, malformed: 0, invalid: 0 };
    for (const [i, m] of stream.entries()) {
      if (await pause(m.submittedMs - Date.now(), signal)) break;
      await producer.send({
        topic: topic(Topics.ClaimsSubmitted),
        acks: -1,
        messages: [{ key: m.key, value: m.value }],
      });
      sent[m.expected] += 1;
      say(`claim ${i + 1}/${stream.length} ${m.key} (${m.expected}: ${m.kind})`);
    }
    say(
      `streamed ${Object.entries(sent)
        .map(([k, n]) => `${k}=${n}`)
        .join(' ')}`
    );
    if ((board !== undefined || checker !== undefined) && !signal.aborted) {
      say('the medical board and the checker keep working; Ctrl-C stops the demo');
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    }
  } finally {
    if (checker !== undefined) {
      await checker.stop();
      const c = checker.counters;
      say(
        `checker received=${c.received} scheduled=${c.scheduled} approved=${c.approved} refused=${c.refused} ` +
          `failed=${c.failed} invalid=${c.invalid} above-limit=${c.aboveLimit}`
      );
    }
    await closeTemporal?.();
    await registryAdmin.disconnect();
    if (board !== undefined) {
      const c = board.counters;
      say(
        `board received=${c.received} decided=${c.decided} skipped=${c.skipped} duplicate=${c.duplicate} ` +
          `invalid=${c.invalid} failed=${c.failed}`
      );
      await board.stop();
    }
    await producer.disconnect();
  }
}

if (require.main === module) {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  process.once('SIGTERM', () => controller.abort());
  Promise.resolve()
    .then(() => runDemo(loadConfig(), parseDemoSettings(process.argv.slice(2), process.env), controller.signal))
    .then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`demo failed: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
      }
    );
}
