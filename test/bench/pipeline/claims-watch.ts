import type { Consumer, Kafka } from 'kafkajs';

/*
 * The bench's view of the real pipeline: it reads `claims.events` (the lifecycle events the claims publish anyway),
 * so watching costs the servers one more consumer of a topic and nothing else. A claim has settled when an event
 * leaves it awarded, rejected or withdrawn; the event's Kafka timestamp (set by the worker's producer when the
 * activity published it) is when the outcome was reached. `approval-required` events go to the simulated officers.
 */

/** Stages a claim ends in. */
export const FINAL_STAGES: ReadonlySet<string> = new Set(['awarded', 'rejected', 'withdrawn']);

/** What the bench knows of one claim. */
export interface ClaimTrack {
  stage: string;
  /** Kafka timestamp (ms) of the event that settled it. */
  settledMs?: number;
  /** Whether an officer had to act (a referred line or an award above the authority limit). */
  officer: boolean;
}

/** The watch: claims by id, and a count of events read (for the progress check). */
export interface ClaimsWatch {
  claims: ReadonlyMap<string, ClaimTrack>;
  events(): number;
  stop(): Promise<void>;
}

interface LifecycleEvent {
  claimId?: unknown;
  type?: unknown;
  stage?: unknown;
  details?: { awardId?: unknown };
}

/** Reads `topic` from the beginning under a group of its own; `onApproval` is called for each awaited approval. */
export async function watchClaims(
  kafka: Kafka,
  topic: string,
  groupId: string,
  onApproval: (claimId: string, awardId: string) => void
): Promise<ClaimsWatch> {
  const claims = new Map<string, ClaimTrack>();
  let events = 0;
  const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) {
        events += 1;
        let e: LifecycleEvent;
        try {
          e = JSON.parse(message.value?.toString('utf8') ?? '') as LifecycleEvent;
        } catch {
          continue;
        }
        if (typeof e.claimId !== 'string' || typeof e.stage !== 'string') continue;
        const track = claims.get(e.claimId) ?? { stage: e.stage, officer: false };
        claims.set(e.claimId, track);
        if (track.settledMs !== undefined) continue; // a repeat after the outcome (at-least-once publishing)
        track.stage = e.stage;
        if (FINAL_STAGES.has(e.stage)) track.settledMs = Number(message.timestamp);
        if (e.type === 'approval-required' && typeof e.details?.awardId === 'string') {
          track.officer = true;
          onApproval(e.claimId, e.details.awardId);
        }
      }
    },
  });
  return { claims, events: () => events, stop: () => consumer.disconnect() };
}
