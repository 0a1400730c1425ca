import type { Kafka } from 'kafkajs';
import type { Config } from '../infra/config';
import { readConsumerLag } from '../infra/kafka/consumer-lag';
import type { ConsumerPolicy } from './kafka-handler-consumer';
import { checkInterval, consumerStallCheck, createStallWatchdog, exitOnStall } from './stall-watchdog';

/** The stall watchdog of a consumer process, as its consumers' policy registers them. */
export interface ConsumerWatchdog {
  /** For {@link processConsumerPolicy}: each consumer registers itself at start. */
  watch: NonNullable<ConsumerPolicy['watch']>;
  stop(): void;
  /** Disconnects the admin client that reads the lag. */
  close(): Promise<void>;
}

/**
 * Watches every consumer of a process (workers/kafka-consumers.ts, the simulated bank) for a stall of
 * `STALL_AFTER`, reading each group's lag through one admin client; a stall is logged as `<who>: STALLED: …` and
 * the process exits EXIT_STALLED after `stop` (or 10 s), for the supervisor to restart it.
 */
export async function consumerWatchdog(
  kafka: Kafka,
  config: Pick<Config, 'STALL_AFTER'>,
  who: string,
  stop: () => Promise<void>
): Promise<ConsumerWatchdog> {
  // Few retries: a lag that cannot be read is no evidence, and the next tick reads it again.
  const admin = kafka.admin({ retry: { retries: 2 } });
  await admin.connect();
  const watchdog = createStallWatchdog({
    everyMs: checkInterval(config.STALL_AFTER),
    onStall: exitOnStall(who, { stop }),
  });
  return {
    watch: (progress) =>
      watchdog.add(
        consumerStallCheck(progress, (groupId, assignment) => readConsumerLag(admin, groupId, assignment), {
          stallAfterMs: config.STALL_AFTER,
        })
      ),
    stop: () => watchdog.stop(),
    close: () => admin.disconnect(),
  };
}
