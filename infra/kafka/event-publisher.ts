import type { IHeaders, Producer } from 'kafkajs';
import type { OutageWait } from '../outage-wait';

/** The port activities and consumers publish through (STYLE H5): one record, keyed by a business id. */
export interface EventPublisher {
  publish(topic: string, key: string, value: Buffer | string, headers?: Record<string, string>): Promise<void>;
}

/** How a publisher rides out a Kafka outage. */
export interface EventPublisherOptions {
  /** Waits out an outage (KAFKA_PRODUCER_OUTAGE_MAX) instead of failing at kafkajs's first give-up. */
  outage?: OutageWait;
  /**
   * The deadline of the publish in progress, read at each publish: in the worker, the activity's start-to-close
   * and its cancellation, so an activity waiting for Kafka fails just before the server times it out and Temporal
   * retries it, instead of holding a worker slot for the whole outage while its retries pile up behind it.
   */
  deadline?: () => AbortSignal | undefined;
}

/**
 * Publishes through a connected kafkajs producer. The producer is idempotent with `acks: -1`, so a retried send
 * cannot write a duplicate within a producer session; consumers still de-duplicate by the ids in each event.
 */
export function createEventPublisher(producer: Producer, options: EventPublisherOptions = {}): EventPublisher {
  return {
    async publish(topic, key, value, headers = {}) {
      const kafkaHeaders: IHeaders = { ...headers };
      const send = () => producer.send({ topic, acks: -1, messages: [{ key, value, headers: kafkaHeaders }] });
      if (options.outage === undefined) await send();
      else await options.outage.run(send, { signal: options.deadline?.(), what: `a send to ${topic}` });
    },
  };
}
