import {
  KafkaJSConnectionError,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  type Producer,
} from 'kafkajs';
import { isKafkaUnreachable, kafkaOutageWait, waitingProducer } from '../../infra/kafka/producer-outage';
import { createOutageWait, formatDuration, OutageError } from '../../infra/outage-wait';

/** A broker's error response as kafkajs raises it (its typings omit the constructor's options). */
const protocolError = (type: string, retriable: boolean): KafkaJSProtocolError =>
  new KafkaJSProtocolError(Object.assign(new Error(type), { type, retriable }));

/** What kafkajs throws from a send once its cluster retrier has given up on a broker that does not answer. */
function brokerGone(): Error {
  const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', {
    broker: '127.0.0.1:9092',
    code: 'ECONNREFUSED',
  });
  const exhausted = new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 8, retryTime: 25_600 });
  // kafkajs: `new KafkaJSNonRetriableError(e, { cause: e.cause || e })` (src/retry/index.js); its typings omit it.
  const NonRetriable = KafkaJSNonRetriableError as unknown as new (e: Error, o: { cause: Error }) => Error;
  return new NonRetriable(exhausted, { cause: refused });
}

/** A send that fails with `errors` in turn, then succeeds. */
function flaky(errors: Error[]) {
  const calls: number[] = [];
  const work = jest.fn(async () => {
    calls.push(Date.now());
    const next = errors.shift();
    if (next) throw next;
    return 'sent';
  });
  return { work, calls };
}

describe('isKafkaUnreachable', () => {
  it('when kafkajs gives up on a broker that refuses connections, then it is an outage', () => {
    expect(isKafkaUnreachable(brokerGone())).toBe(true);
  });

  it('when a leader is being elected, then it is an outage', () => {
    const leader = protocolError('LEADER_NOT_AVAILABLE', true);
    expect(isKafkaUnreachable(new KafkaJSNumberOfRetriesExceeded(leader, { retryCount: 8, retryTime: 1 }))).toBe(true);
  });

  it.each([
    ['a record too large', protocolError('MESSAGE_TOO_LARGE', false)],
    ['an unknown topic', protocolError('UNKNOWN_TOPIC_OR_PARTITION', true)],
    ['an invalid topic', new KafkaJSNonRetriableError('Invalid topic')],
    ['a plain error', new Error('boom')],
  ])('when the error is %s, then it is not an outage', (_, err) => {
    expect(isKafkaUnreachable(err)).toBe(false);
  });
});

describe('createOutageWait', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const wait = (log: string[], maxMs = 600_000) =>
    kafkaOutageWait('demo', maxMs, (line) => log.push(line), { backoff: { baseMs: 1_000, maxDelayMs: 15_000 } });

  it('when Kafka is gone for five minutes, then the send keeps retrying and succeeds, logging once each way', async () => {
    const log: string[] = [];
    const outage = wait(log);
    const fiveMinutesOfFailures = Array.from({ length: 25 }, brokerGone);
    const { work, calls } = flaky(fiveMinutesOfFailures);
    const sent = outage.run(work, { what: 'a send to claims.submitted' });
    await jest.advanceTimersByTimeAsync(6 * 60_000);
    await expect(sent).resolves.toBe('sent');
    expect(work).toHaveBeenCalledTimes(26);
    expect(calls.at(-1)! - calls[0]!).toBeGreaterThan(4 * 60_000);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(
      /^demo: Kafka is not answering \(KafkaJSNonRetriableError ← KafkaJSConnectionError ECONNREFUSED at 127\.0\.0\.1:9092\); waiting for it, each call for up to 10m \(KAFKA_PRODUCER_OUTAGE_MAX\)$/
    );
    expect(log[1]).toMatch(/^demo: Kafka answers again after \d+m \d+s; 1 call\(s\) waited$/);
    expect(outage.waiting).toBe(false);
  });

  it('when Kafka stays gone past the maximum, then the send fails with an error naming the setting', async () => {
    const log: string[] = [];
    const outage = wait(log, 60_000);
    const { work } = flaky(Array.from({ length: 1_000 }, brokerGone));
    const sent = outage.run(work, { what: 'a send to claims.submitted' });
    const failed = expect(sent).rejects.toThrow(
      /^Kafka did not answer for 60 s \(KAFKA_PRODUCER_OUTAGE_MAX=60 s\); gave up on a send to claims\.submitted: KafkaJSNonRetriableError/
    );
    await jest.advanceTimersByTimeAsync(61_000);
    await failed;
    await expect(sent).rejects.toBeInstanceOf(OutageError);
    expect(log).toHaveLength(2);
    expect(log[1]).toBe('demo: Kafka still not answering after 60 s (KAFKA_PRODUCER_OUTAGE_MAX); calls now fail');
  });

  it('when many sends wait through one outage, then it is logged once when it starts and once when it ends', async () => {
    const log: string[] = [];
    const outage = wait(log);
    let down = true;
    const send = async () => {
      if (down) throw brokerGone();
      return 'ok';
    };
    const sends = Array.from({ length: 20 }, () => outage.run(send));
    await jest.advanceTimersByTimeAsync(30_000);
    down = false;
    await jest.advanceTimersByTimeAsync(30_000);
    await expect(Promise.all(sends)).resolves.toHaveLength(20);
    expect(log).toHaveLength(2);
    expect(log[1]).toMatch(/20 call\(s\) waited$/);
  });

  it('when the error is not an outage, then it is thrown at once and nothing is logged', async () => {
    const log: string[] = [];
    const tooBig = protocolError('MESSAGE_TOO_LARGE', false);
    const { work } = flaky([tooBig]);
    await expect(wait(log).run(work)).rejects.toBe(tooBig);
    expect(work).toHaveBeenCalledTimes(1);
    expect(log).toEqual([]);
  });

  it("when the caller's deadline passes while Kafka is gone, then the call ends there with an OutageError", async () => {
    const log: string[] = [];
    const deadline = new AbortController();
    const pending = new Promise<never>(() => undefined); // a kafkajs send still retrying on its own
    const { work } = flaky([brokerGone()]);
    const call = wait(log).run(() => (work.mock.calls.length === 0 ? work() : pending), { signal: deadline.signal });
    const failed = expect(call).rejects.toThrow(/gave up at the caller's deadline after 14 s/);
    await jest.advanceTimersByTimeAsync(14_000);
    deadline.abort();
    await failed;
  });

  it('when an attempt is still unanswered at the deadline, then the outage is logged, and its end with the next send', async () => {
    const log: string[] = [];
    const outage = wait(log);
    const deadline = new AbortController();
    const call = outage.run(() => new Promise<never>(() => undefined), { signal: deadline.signal });
    const failed = expect(call).rejects.toBeInstanceOf(OutageError);
    await jest.advanceTimersByTimeAsync(14_000);
    deadline.abort();
    await failed;
    expect(log).toEqual([
      'demo: Kafka is not answering (no answer within 14 s); waiting for it, each call for up to 10m (KAFKA_PRODUCER_OUTAGE_MAX)',
    ]);
    await outage.run(async () => 'sent');
    expect(log[1]).toMatch(/^demo: Kafka answers again after 14 s; 1 call\(s\) waited$/);
  });

  it('when durations are formatted for a log line, then they read as seconds or minutes', () => {
    expect(formatDuration(95_000)).toBe('95 s');
    expect(formatDuration(125_000)).toBe('2m 5s');
    expect(formatDuration(600_000)).toBe('10m');
  });

  it('when the server is not Kafka, then the log and the error name it and the setting given', async () => {
    const log: string[] = [];
    const temporal = createOutageWait({
      who: 'checker',
      server: 'Temporal',
      setting: 'KAFKA_PRODUCER_OUTAGE_MAX',
      maxMs: 5_000,
      isOutage: (err) => (err as { code?: number }).code === 14,
      log: (line) => log.push(line),
    });
    const unavailable = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    const call = temporal.run(() => Promise.reject(unavailable));
    const failed = expect(call).rejects.toThrow(/^Temporal did not answer for 5 s/);
    await jest.advanceTimersByTimeAsync(6_000);
    await failed;
    expect(log[0]).toBe(
      'checker: Temporal is not answering (Error 14); waiting for it, each call for up to 5 s (KAFKA_PRODUCER_OUTAGE_MAX)'
    );
  });
});

describe('waitingProducer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('when the producer connects and sends during an outage, then both wait and the rest of the producer is its own', async () => {
    const log: string[] = [];
    let failures = 3;
    const failThrice = async () => {
      if (failures-- > 0) throw brokerGone();
    };
    const producer = {
      connect: jest.fn(failThrice),
      send: jest.fn(async () => [{ topicName: 't', partition: 0, errorCode: 0 }]),
      disconnect: jest.fn(async () => undefined),
      isIdempotent: () => true,
    } as unknown as Producer;
    const waiting = waitingProducer(
      producer,
      kafkaOutageWait('worker', 60_000, (l) => log.push(l))
    );
    const connected = waiting.connect();
    await jest.advanceTimersByTimeAsync(10_000);
    await connected;
    await waiting.send({ topic: 't', messages: [{ key: 'k', value: 'v' }] });
    await waiting.disconnect();
    expect(producer.connect).toHaveBeenCalledTimes(4);
    expect(producer.send).toHaveBeenCalledTimes(1);
    expect(producer.disconnect).toHaveBeenCalledTimes(1);
    expect(waiting.isIdempotent()).toBe(true);
    expect(log).toHaveLength(2);
  });
});
