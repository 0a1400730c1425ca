import { CompressionTypes, type Consumer, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { PartitionAssignment } from '../infra/kafka/consumer-lag';
import { waitingProducer } from '../infra/kafka/producer-outage';
import type { OutageWait } from '../infra/outage-wait';
import { deadLetterRecord, withoutValue, type DeadLetterWriter } from './kafka-messages';

/** One message and where it came from, as handed to a handler. */
export interface SourcedMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

export interface HandlerConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  dlqTopic: string;
  /** Handles one message to its outcome (possibly via the DLQ writer); throws to have it redelivered. */
  handle?(source: SourcedMessage, dlq: DeadLetterWriter): Promise<unknown>;
  /**
   * Handles a whole fetched batch of one partition to its outcomes (for high-volume topics written in bulk);
   * throws to have the whole batch redelivered. Used instead of `handle` when given. Within one fetched batch
   * (its retries and splits) the DLQ writer writes each message's record at most once.
   */
  handleBatch?(sources: SourcedMessage[], dlq: DeadLetterWriter, context: BatchContext): Promise<unknown>;
  /** Called after each batch, e.g. to log counters. */
  onBatch?: () => void;
  partitionsConsumedConcurrently?: number;
  /**
   * Attempts for a message whose handler keeps throwing a non-transient error before it is dead-lettered
   * (`KAFKA_MAX_ATTEMPTS`, default 5). Transient errors (a server unreachable) are retried until it answers.
   */
  maxAttempts?: number;
  /** Backoff between attempts: `baseDelayMs` doubling, at most `maxDelayMs` (defaults 200 ms and 30 s). */
  retry?: { baseDelayMs?: number; maxDelayMs?: number };
  /** Called when the consumer crashed and kafkajs will not restart it; the process should exit non-zero. */
  onCrash?: (error: Error) => void;
  /** Called for each failed attempt and each dead-lettered message (ids and reasons only, no payloads). */
  onRetry?: (info: {
    topic: string;
    partition: number;
    offset: string;
    attempt: number;
    transient: boolean;
    error: string;
  }) => void;
  /**
   * Registers the running consumer with the process's stall watchdog (workers/stall-watchdog.ts) at start; the
   * function it returns unregisters it at stop.
   */
  watch?: (progress: ConsumerProgress) => () => void;
  /** Lets the DLQ producer wait out a Kafka outage (KAFKA_PRODUCER_OUTAGE_MAX) instead of failing at once. */
  producerOutage?: OutageWait;
}

/** What a running consumer has got done, for the stall watchdog. Ids and counts only. */
export interface ConsumerProgress {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Messages handled to an outcome (handled or dead-lettered) since start. */
  readonly completed: number;
  /** When the last message was completed, or when the consumer started (ms since the epoch). */
  readonly lastCompletedAt: number;
  /** This member's partitions, from its last group join (empty before the first). */
  readonly assignment: PartitionAssignment;
  /** The last failed attempt since the last completion: `topic[partition]@offset ErrorName`. */
  readonly lastError: string | undefined;
}

/** What a batch handler may call while it works. */
export interface BatchContext {
  /**
   * Tells the group this member is alive; call it between chunks of a long apply (kafkajs sends one at most every
   * heartbeat interval). When it throws (the group is rebalancing) the error leaves the batch uncommitted, to be
   * redelivered; it never counts as a failed attempt of the messages.
   */
  heartbeat(): Promise<void>;
}

/** What every consumer process sets the same way: the poison-message policy and what a crash does. */
export type ConsumerPolicy = Pick<
  HandlerConsumerOptions,
  'maxAttempts' | 'retry' | 'onCrash' | 'onRetry' | 'watch' | 'producerOutage'
>;

/**
 * The policy of a consumer process: `KAFKA_MAX_ATTEMPTS` attempts, each failed attempt logged (ids and the error,
 * never the payload), and a crash that kafkajs will not restart logged and turned into a non-zero exit, so the
 * supervisor (`npm start`, or the platform's) restarts the process. `extras` add the process's stall watchdog and
 * its producers' outage wait.
 */
export function processConsumerPolicy(
  maxAttempts: number,
  name: string,
  extras: Pick<ConsumerPolicy, 'watch' | 'producerOutage'> = {}
): ConsumerPolicy {
  return {
    ...extras,
    maxAttempts,
    onRetry: (r) =>
      process.stderr.write(
        `${name}: ${r.topic}[${r.partition}]@${r.offset} attempt ${r.attempt} failed${r.transient ? ' (server unreachable, waiting)' : ''}: ${r.error}\n`
      ),
    onCrash: (error) => {
      process.stderr.write(`${name}: Kafka consumer crashed and will not restart: ${error.message}; exiting\n`);
      process.exit(1);
    },
  };
}

/** Errors that mean a server did not answer (not that the message is bad): retried until it does. */
export function isTransientError(err: unknown): boolean {
  const e = err as { name?: string; code?: unknown; message?: string; cause?: unknown } | null;
  if (e === null || typeof e !== 'object') return false;
  const names = [
    'MongoNetworkError',
    'MongoServerSelectionError',
    'MongoNetworkTimeoutError',
    'KafkaJSConnectionError',
    'KafkaJSNumberOfRetriesExceeded',
    'KafkaJSRequestTimeoutError',
    'KafkaJSNonRetriableError',
    'ServiceError',
  ];
  if (e.name !== undefined && names.includes(e.name)) return true;
  // gRPC UNAVAILABLE (14) and DEADLINE_EXCEEDED (4) from Temporal.
  if (e.code === 14 || e.code === 4) return true;
  if (/ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|UNAVAILABLE|socket hang up/i.test(e.message ?? '')) return true;
  return e.cause !== undefined && e.cause !== err ? isTransientError(e.cause) : false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The broker refused a record as larger than the topic's `max.message.bytes`. */
const isTooLarge = (err: unknown): boolean =>
  ['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE'].includes((err as { type?: string } | null)?.type ?? '');

/** Errors thrown by the group heartbeat inside a handler: they end the batch, they are not the message's fault. */
const heartbeatErrors = new WeakSet<object>();

const sourceOfRecord = (record: Parameters<DeadLetterWriter['write']>[0]): string | undefined => {
  const { headers } = record;
  const at = ['x-source-topic', 'x-source-partition', 'x-source-offset'].map((name) => headers[name]?.toString());
  return at.every((part) => part !== undefined) ? at.join(':') : undefined;
};

/**
 * A writer for one fetched batch that writes each message's record at most once, however often the batch is
 * retried or split: a retry after a failed apply or a failed DLQ write does not repeat the records already written.
 */
function oncePerBatch(dlq: DeadLetterWriter): DeadLetterWriter {
  const written = new Set<string>();
  return {
    async write(record) {
      const at = sourceOfRecord(record);
      if (at !== undefined && written.has(at)) return;
      await dlq.write(record);
      if (at !== undefined) written.add(at);
    },
  };
}

/** A running consumer built by {@link createHandlerConsumer}. */
export interface HandlerConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The one way this platform consumes Kafka (STYLE H16): each message goes through a total handler that ends it as
 * an outcome or a dead-letter record, in partition order, and its offset is resolved only after the handler
 * resolved. Batches are never auto-resolved, so a batch interrupted by a stop or rebalance commits only what was
 * handled; the rest is redelivered. The DLQ producer is idempotent, waits for all in-sync replicas and compresses.
 *
 * Poison messages: a handler that throws is retried with backoff (heartbeating, so the group keeps the member).
 * A transient error (a server unreachable) is retried until the server answers; any other error counts an attempt,
 * and after `maxAttempts` the message is dead-lettered with the reason, `x-dlq-attempts` and its original bytes,
 * and the partition moves on. Count in = handled + dead-lettered. A crash kafkajs will not restart goes to `onCrash`.
 *
 * Batch handlers: a batch that keeps failing is split until the bad message stands alone; across the retries and
 * splits of one fetched batch the DLQ writer writes each message's record at most once, and the handler may call
 * the group heartbeat between chunks of a long apply.
 */
export function createHandlerConsumer(options: HandlerConsumerOptions): HandlerConsumer {
  let consumer: Consumer | undefined;
  let producer: Producer | undefined;
  let unwatch: (() => void) | undefined;
  const progress = {
    groupId: options.groupId,
    topics: [...options.topics],
    completed: 0,
    lastCompletedAt: Date.now(),
    assignment: {} as PartitionAssignment,
    lastError: undefined as string | undefined,
  };
  const completed = (count: number): void => {
    progress.completed += count;
    progress.lastCompletedAt = Date.now();
    progress.lastError = undefined;
  };
  return {
    async start() {
      const raw = options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      producer = raw;
      const p = options.producerOutage ? waitingProducer(raw, options.producerOutage) : raw;
      await p.connect();
      // Compressed, so a body just under the source topic's limit still fits with the DLQ headers added; a body
      // that does not fit even so is dead-lettered without its value rather than blocking the partition for ever.
      const send = (record: Parameters<DeadLetterWriter['write']>[0]) =>
        p.send({ topic: options.dlqTopic, acks: -1, compression: CompressionTypes.GZIP, messages: [record] });
      const dlq: DeadLetterWriter = {
        async write(record) {
          try {
            await send(record);
          } catch (err) {
            if (!isTooLarge(err) || record.value === null) throw err;
            await send(withoutValue(record));
          }
        },
      };
      consumer = options.kafka.consumer({ groupId: options.groupId, retry: { retries: 10 } });
      consumer.on(consumer.events.GROUP_JOIN, (event) => {
        progress.assignment = event.payload.memberAssignment;
      });
      consumer.on(consumer.events.CRASH, (event) => {
        const { error, restart } = event.payload as { error: Error; restart: boolean };
        if (!restart) options.onCrash?.(error);
      });
      await consumer.connect();
      const maxAttempts = options.maxAttempts ?? 5;
      const baseDelayMs = options.retry?.baseDelayMs ?? 200;
      const maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
      type Outcome = { kind: 'done' } | { kind: 'stopped' } | { kind: 'failed'; reason: string; attempts: number };
      /** Runs `work` until it succeeds, a non-transient error has failed `maxAttempts` times, or the consumer stops. */
      const attempt = async (
        first: SourcedMessage,
        work: () => Promise<unknown>,
        keepAlive: () => Promise<void>,
        running: () => boolean
      ): Promise<Outcome> => {
        for (let n = 1, counted = 0; ; n++) {
          try {
            await work();
            return { kind: 'done' };
          } catch (err) {
            if (typeof err === 'object' && err !== null && heartbeatErrors.has(err)) throw err;
            const transient = isTransientError(err);
            if (!transient) counted += 1;
            const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
            progress.lastError = `${first.topic}[${first.partition}]@${first.message.offset} ${err instanceof Error ? err.name : 'error'}`;
            options.onRetry?.({
              topic: first.topic,
              partition: first.partition,
              offset: first.message.offset,
              attempt: n,
              transient,
              error: error.slice(0, 300),
            });
            if (!transient && counted >= maxAttempts) {
              return {
                kind: 'failed',
                reason: `processing failed after ${counted} attempts: ${error}`,
                attempts: counted,
              };
            }
            if (!running()) return { kind: 'stopped' };
            await sleep(Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(n - 1, 20)));
            await keepAlive();
          }
        }
      };
      /** One message to its end: handled, or dead-lettered once it has failed `maxAttempts` times. */
      const one = async (
        source: SourcedMessage,
        work: () => Promise<unknown>,
        writer: DeadLetterWriter,
        keepAlive: () => Promise<void>,
        running: () => boolean
      ): Promise<'done' | 'stopped'> => {
        const outcome = await attempt(source, work, keepAlive, running);
        if (outcome.kind === 'failed') {
          await writer.write(deadLetterRecord(source, outcome.reason, outcome.attempts));
          return 'done';
        }
        return outcome.kind;
      };
      /**
       * A batch to its end. When it keeps failing, it is split in halves until the failing message stands alone and
       * is dead-lettered; the others are applied (batch applies are idempotent, so a repeat changes nothing).
       */
      const batchOf = async (
        sources: SourcedMessage[],
        handle: (part: SourcedMessage[]) => Promise<unknown>,
        writer: DeadLetterWriter,
        keepAlive: () => Promise<void>,
        running: () => boolean
      ): Promise<'done' | 'stopped'> => {
        if (sources.length === 1) return one(sources[0]!, () => handle(sources), writer, keepAlive, running);
        const outcome = await attempt(sources[0]!, () => handle(sources), keepAlive, running);
        if (outcome.kind !== 'failed') return outcome.kind;
        const mid = Math.ceil(sources.length / 2);
        const left = await batchOf(sources.slice(0, mid), handle, writer, keepAlive, running);
        if (left !== 'done') return left;
        return batchOf(sources.slice(mid), handle, writer, keepAlive, running);
      };
      await consumer.subscribe({ topics: options.topics, fromBeginning: true });
      await consumer.run({
        partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          const running = () => isRunning() && !isStale();
          const handleBatch = options.handleBatch;
          if (handleBatch) {
            if (!running() || batch.messages.length === 0) return;
            const sources = batch.messages.map((message) => ({
              topic: batch.topic,
              partition: batch.partition,
              message,
            }));
            const batchDlq = oncePerBatch(dlq);
            const context: BatchContext = {
              async heartbeat() {
                try {
                  await heartbeat();
                } catch (err) {
                  if (typeof err === 'object' && err !== null) heartbeatErrors.add(err);
                  throw err;
                }
              },
            };
            const handle = (part: SourcedMessage[]) => handleBatch(part, batchDlq, context);
            if ((await batchOf(sources, handle, batchDlq, heartbeat, running)) !== 'done') return;
            resolveOffset(batch.lastOffset());
            completed(sources.length);
            await heartbeat();
            options.onBatch?.();
            return;
          }
          const handle = options.handle;
          if (!handle) throw new Error('createHandlerConsumer: handle or handleBatch is required');
          for (const message of batch.messages) {
            if (!running()) break;
            const source = { topic: batch.topic, partition: batch.partition, message };
            if ((await one(source, () => handle(source, dlq), dlq, heartbeat, running)) !== 'done') break;
            resolveOffset(message.offset);
            completed(1);
            await heartbeat();
          }
          options.onBatch?.();
        },
      });
      progress.lastCompletedAt = Date.now();
      unwatch = options.watch?.(progress);
    },
    async stop() {
      unwatch?.();
      unwatch = undefined;
      await consumer?.disconnect();
      await producer?.disconnect();
    },
  };
}
