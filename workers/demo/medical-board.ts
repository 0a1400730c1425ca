import type { Consumer, Kafka, Producer } from 'kafkajs';
import { waitingProducer } from '../../infra/kafka/producer-outage';
import type { OutageWait } from '../../infra/outage-wait';
import { MedicalAssessmentRequested, type MedicalAssessmentRequestedV1 } from '../../schemas';
import { Topics } from '../../schemas/topics';
import { decideAssessment, decisionDelayMs, decisionEvent, shouldSkip } from './board-decision';
import { decodeJson } from '../kafka-messages';

/** Options of the simulated Medical Board; tests pass their own topics, group and short delays. */
export interface MedicalBoardOptions {
  kafka: Kafka;
  /** Mean time from request to decision (default 20,000 ms). */
  delayMs?: number;
  /** Spread of the delay as a fraction of `delayMs` (default 0.5: 10 to 30 s). */
  jitter?: number;
  /** Share of requests left unanswered until their first reminder, so SLA breaches happen (default 0.05). */
  skipFraction?: number;
  /** Seed of the board's decisions (default 1). */
  seed?: number | string;
  requestTopic?: string;
  decisionTopic?: string;
  groupId?: string;
  /** Read requests from the start of the topic when the group is new (default true: waiting claims get answered). */
  fromBeginning?: boolean;
  /** The clock that stamps `decidedAt` (default: now). */
  now?: () => number;
  /** Receives one line per notable step; lines carry ids and counts only, never personal data. */
  log?: (line: string) => void;
  /** Lets a decision wait out a Kafka outage (KAFKA_PRODUCER_OUTAGE_MAX) before it counts as failed. */
  outage?: OutageWait;
}

/** Running totals of the board. */
export interface MedicalBoardCounters {
  received: number;
  /** Not a valid `MedicalAssessmentRequested` (ignored). */
  invalid: number;
  /** A request already scheduled or decided (redelivery or reminder). */
  duplicate: number;
  /** Left unanswered on purpose (answered when a reminder comes). */
  skipped: number;
  scheduled: number;
  decided: number;
  failed: number;
}

/** A running simulated Medical Board. */
export interface MedicalBoard {
  readonly counters: Readonly<MedicalBoardCounters>;
  start(): Promise<void>;
  /** Stops consuming and cancels decisions not yet published; the next start answers them on redelivery/reminder. */
  stop(): Promise<void>;
}

/** `+08:00` text for an instant (decisions read like the rest of the platform's events). */
const mytIso = (ms: number): string => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

/**
 * A simulated Medical Board (CLM-MB-001) for the demo: consumes `medical.assessment.requested` and, after a jittered
 * delay, publishes one `MedicalAssessmentDecidedV1` on `medical.assessments`, keyed by claimId. A request is known by
 * claimId + assessmentId: redeliveries and reminders of a scheduled or decided request are ignored, while a reminder
 * of a skipped one is answered (the board "catches up" after the escalation). Decisions are scheduled in memory, so
 * a stop cancels pending ones; the claim workflow's reminders then bring them back.
 */
export function createMedicalBoard(options: MedicalBoardOptions): MedicalBoard {
  const delayMs = options.delayMs ?? 20_000;
  const jitter = options.jitter ?? 0.5;
  const skipFraction = options.skipFraction ?? 0.05;
  const seed = options.seed ?? 1;
  const requestTopic = options.requestTopic ?? Topics.MedicalAssessmentRequested;
  const decisionTopic = options.decisionTopic ?? Topics.MedicalAssessments;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const counters: MedicalBoardCounters = {
    received: 0,
    invalid: 0,
    duplicate: 0,
    skipped: 0,
    scheduled: 0,
    decided: 0,
    failed: 0,
  };
  const state = new Map<string, 'skipped' | 'scheduled' | 'decided'>();
  const timers = new Set<NodeJS.Timeout>();
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;

  const publish = async (request: MedicalAssessmentRequestedV1, key: string): Promise<void> => {
    const event = decisionEvent(decideAssessment(seed, request, mytIso(now())));
    try {
      await producer?.send({
        topic: decisionTopic,
        acks: -1,
        messages: [{ key: request.claimId, value: JSON.stringify(event), headers: { 'event-id': event.eventId } }],
      });
      state.set(key, 'decided');
      counters.decided += 1;
      log(`board: decided ${request.assessmentId} for ${request.claimId} (${event.decision.kind})`);
    } catch (err) {
      // Kafka refused it, or did not answer for the whole outage wait: forget the request, so its next reminder or
      // a redelivery is answered.
      state.delete(key);
      counters.failed += 1;
      log(`board: publishing the decision for ${request.claimId} failed: ${err instanceof Error ? err.name : 'error'}`);
    }
  };

  const handle = (value: Buffer | null): void => {
    counters.received += 1;
    const decoded = decodeJson(MedicalAssessmentRequested, value);
    if (!decoded.ok) {
      counters.invalid += 1;
      return;
    }
    const request = decoded.data;
    const key = `${request.claimId}:${request.assessmentId}`;
    const seen = state.get(key);
    if (seen === 'scheduled' || seen === 'decided') {
      counters.duplicate += 1;
      return;
    }
    if (seen === undefined && shouldSkip(seed, request, skipFraction)) {
      state.set(key, 'skipped');
      counters.skipped += 1;
      log(`board: leaving ${request.assessmentId} for ${request.claimId} unanswered (SLA demo)`);
      return;
    }
    state.set(key, 'scheduled');
    counters.scheduled += 1;
    const timer = setTimeout(
      () => {
        timers.delete(timer);
        void publish(request, key);
      },
      decisionDelayMs(seed, request, delayMs, jitter)
    );
    timers.add(timer);
  };

  return {
    counters,
    async start() {
      const raw = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      producer = options.outage ? waitingProducer(raw, options.outage) : raw;
      await producer.connect();
      consumer = options.kafka.consumer({ groupId: options.groupId ?? 'demo-medical-board' });
      await consumer.connect();
      await consumer.subscribe({ topic: requestTopic, fromBeginning: options.fromBeginning ?? true });
      await consumer.run({ eachMessage: async ({ message }) => handle(message.value) });
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await consumer?.disconnect();
      await producer?.disconnect();
    },
  };
}
