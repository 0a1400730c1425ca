import type { IHeaders, Producer } from 'kafkajs';

/** The port activities and consumers publish through (STYLE H5): one record, keyed by a business id. */
export interface EventPublisher {
  publish(topic: string, key: string, value: Buffer | string, headers?: Record<string, string>): Promise<void>;
}

/**
 * Publishes through a connected kafkajs producer. The producer is idempotent with `acks: -1`, so a retried send
 * cannot write a duplicate within a producer session; consumers still de-duplicate by the ids in each event.
 */
export function createEventPublisher(producer: Producer): EventPublisher {
  return {
    async publish(topic, key, value, headers = {}) {
      const kafkaHeaders: IHeaders = { ...headers };
      await producer.send({ topic, acks: -1, messages: [{ key, value, headers: kafkaHeaders }] });
    },
  };
}
