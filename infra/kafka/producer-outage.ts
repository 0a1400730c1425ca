import type { Producer } from 'kafkajs';
import { createOutageWait, describeErrorChain, type OutageWait, type OutageWaitOptions } from '../outage-wait';

/*
 * Why producers wrap kafkajs here, rather than only raising kafkajs's `retry` settings: kafkajs counts retries, not
 * time, and nests its retriers. A send retries under the producer's `retry`, but when the broker has gone it
 * reconnects under the client's cluster retrier (infra/kafka/client.ts: 8 retries from 200 ms, about a minute);
 * when that runs out, the send wraps the KafkaJSNumberOfRetriesExceeded in a KafkaJSNonRetriableError and gives up
 * whatever its own `retries` say (kafkajs issues #47, #698; its maintainers leave re-sending to the application,
 * #628). Raising the client's retries would also change every consumer and admin on that client. So kafkajs keeps
 * its settings and absorbs blips of up to about a minute silently; a longer outage is waited out here, bounded in
 * time by KAFKA_PRODUCER_OUTAGE_MAX and logged once each way.
 *
 * The same producer instance re-sends the same record: kafkajs rolls its sequence numbers back when a produce
 * request fails, so an idempotent producer (`idempotent: true, maxInFlightRequests: 1`, acks -1) re-sends a record
 * that may have landed under its original producer id and sequence, and the broker drops the duplicate.
 */

/** The setting that bounds a producer's wait for Kafka. */
export const PRODUCER_OUTAGE_SETTING = 'KAFKA_PRODUCER_OUTAGE_MAX';

/** kafkajs errors that mean a broker did not answer or is changing leaders, not that the record is bad. */
const UNREACHABLE_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSLockTimeout',
]);
const UNREACHABLE_TYPES = new Set([
  'LEADER_NOT_AVAILABLE',
  'NOT_LEADER_FOR_PARTITION',
  'NOT_LEADER_OR_FOLLOWER',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'BROKER_NOT_AVAILABLE',
  'COORDINATOR_NOT_AVAILABLE',
  'COORDINATOR_LOAD_IN_PROGRESS',
]);
const UNREACHABLE_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)$/;

/**
 * Whether a producer error only means Kafka is not answering: somewhere along its cause chain a connection error,
 * a request timeout, a missing broker or leader, or a socket error code. A bad record, a missing topic or an
 * authorisation failure is not, and fails at once.
 */
export function isKafkaUnreachable(err: unknown): boolean {
  let e = err as { name?: unknown; type?: unknown; code?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; depth < 6 && e !== null && typeof e === 'object'; depth++) {
    if (typeof e.name === 'string' && UNREACHABLE_NAMES.has(e.name)) return true;
    if (typeof e.type === 'string' && UNREACHABLE_TYPES.has(e.type)) return true;
    if (typeof e.code === 'string' && UNREACHABLE_CODES.test(e.code)) return true;
    if (e.cause === e) break;
    e = e.cause as typeof e;
  }
  return false;
}

/** The error chain for a log line, with the broker a connection error names (`127.0.0.1:9092`), never a payload. */
function describeKafkaError(err: unknown): string {
  let broker: string | undefined;
  for (let e = err as { broker?: unknown; cause?: unknown } | null | undefined, d = 0; e && d < 6; d++) {
    if (typeof e.broker === 'string') broker = e.broker;
    if (e.cause === e) break;
    e = e.cause as typeof e;
  }
  return `${describeErrorChain(err)}${broker !== undefined ? ` at ${broker}` : ''}`;
}

/** The outage wait of one process's producers: `maxMs` is KAFKA_PRODUCER_OUTAGE_MAX. */
export function kafkaOutageWait(
  who: string,
  maxMs: number,
  log: (line: string) => void,
  overrides: Pick<OutageWaitOptions, 'backoff' | 'now'> = {}
): OutageWait {
  return createOutageWait({
    who,
    server: 'Kafka',
    setting: PRODUCER_OUTAGE_SETTING,
    maxMs,
    isOutage: isKafkaUnreachable,
    describe: describeKafkaError,
    log,
    ...overrides,
  });
}

/**
 * The producer with `connect`, `send` and `sendBatch` going through `wait`: each waits out a Kafka outage of up to
 * the wait's maximum and then throws an OutageError. Everything else (disconnect, events) is the producer's own.
 */
export function waitingProducer(producer: Producer, wait: OutageWait): Producer {
  return {
    ...producer,
    connect: () => wait.run(() => producer.connect(), { what: 'connecting' }),
    send: (record) => wait.run(() => producer.send(record), { what: `a send to ${record.topic}` }),
    sendBatch: (batch) => wait.run(() => producer.sendBatch(batch), { what: 'a batch send' }),
  };
}
