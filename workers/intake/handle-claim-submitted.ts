import type { KafkaMessage } from 'kafkajs';
import { ClaimSubmitted } from '../../schemas/events/claim-submitted.v1';
import { deadLetterRecord, decodeJson, type DeadLetterWriter } from '../kafka-messages';

/** What became of one intake message: every message ends as exactly one of these (count in = count out). */
export type IntakeOutcome = 'started' | 'duplicate' | 'dead-lettered';

/** Starts the claim's workflow; resolves `duplicate` when a run with its id already exists or has finished. */
export interface ClaimStarter {
  start(claim: ClaimSubmitted): Promise<'started' | 'duplicate'>;
}

/** Running totals, logged per batch and exposed by the intake process. */
export interface IntakeCounters {
  /** Messages that reached an outcome; always started + duplicate + deadLettered. */
  received: number;
  started: number;
  duplicate: number;
  deadLettered: number;
}

export const newIntakeCounters = (): IntakeCounters => ({ received: 0, started: 0, duplicate: 0, deadLettered: 0 });

/** Why a message cannot become a claim, or the parsed claim (key must equal claimId). */
export function decodeClaimSubmitted(
  key: Buffer | null,
  value: Buffer | null
): { ok: true; claim: ClaimSubmitted } | { ok: false; reason: string } {
  const decoded = decodeJson(ClaimSubmitted, value);
  if (!decoded.ok) return decoded;
  const keyText = key?.toString('utf8');
  if (keyText !== undefined && keyText !== decoded.data.claimId) {
    return { ok: false, reason: 'key: the message key must equal claimId' };
  }
  return { ok: true, claim: decoded.data };
}

/**
 * The whole intake step for one `claims.submitted` message (STYLE H16): decode and validate, then either start
 * the claim workflow (idempotent by claim id) or write the original bytes to the DLQ with the reason and source
 * coordinates. It resolves only after that step succeeded, so the consumer commits the offset only then; any
 * failure throws and the message is redelivered.
 */
export async function handleClaimSubmitted(
  source: { topic: string; partition: number; message: KafkaMessage },
  ports: { starter: ClaimStarter; dlq: DeadLetterWriter; counters: IntakeCounters }
): Promise<IntakeOutcome> {
  const { message } = source;
  const decoded = decodeClaimSubmitted(message.key, message.value);
  if (!decoded.ok) {
    await ports.dlq.write(deadLetterRecord(source, decoded.reason));
    ports.counters.received += 1;
    ports.counters.deadLettered += 1;
    return 'dead-lettered';
  }
  const outcome = await ports.starter.start(decoded.claim);
  // Counted only once the message reached its outcome: a failed attempt is redelivered and counted then, so
  // received = started + duplicate + deadLettered holds at every moment.
  ports.counters.received += 1;
  ports.counters[outcome === 'started' ? 'started' : 'duplicate'] += 1;
  return outcome;
}
