import type { IHeaders, KafkaMessage } from 'kafkajs';
import { ClaimSubmitted } from '../../schemas/events/claim-submitted.v1';
import { formatZodIssues } from '../../schemas/common/errors';

/** What became of one intake message: every message ends as exactly one of these (count in = count out). */
export type IntakeOutcome = 'started' | 'duplicate' | 'dead-lettered';

/** Starts the claim's workflow; resolves `duplicate` when a run with its id already exists or has finished. */
export interface ClaimStarter {
  start(claim: ClaimSubmitted): Promise<'started' | 'duplicate'>;
}

/** Writes a dead-letter record; throws if the write failed (the message is then redelivered, never lost). */
export interface DeadLetterWriter {
  write(record: { key: Buffer | null; value: Buffer | null; headers: IHeaders }): Promise<void>;
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

/** The longest DLQ reason kept in a header. */
const MAX_REASON = 2_000;

/**
 * Why a message cannot become a claim, or the parsed claim. Reasons name fields and never echo values, so no
 * personal data reaches headers or logs.
 */
export function decodeClaimSubmitted(
  key: Buffer | null,
  value: Buffer | null
): { ok: true; claim: ClaimSubmitted } | { ok: false; reason: string } {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `malformed JSON: ${(err as Error).message}` };
  }
  let parsed: ReturnType<typeof ClaimSubmitted.safeParse>;
  try {
    parsed = ClaimSubmitted.safeParse(json);
  } catch (err) {
    // A validator must never make a message undeliverable: any throw is a reason to dead-letter, not to retry.
    return { ok: false, reason: `schema: validation failed (${(err as Error).name})` };
  }
  if (!parsed.success) {
    return { ok: false, reason: `schema: ${formatZodIssues(parsed.error).join('; ')}`.slice(0, MAX_REASON) };
  }
  const keyText = key?.toString('utf8');
  if (keyText !== undefined && keyText !== parsed.data.claimId) {
    return { ok: false, reason: 'key: the message key must equal claimId' };
  }
  return { ok: true, claim: parsed.data };
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
    await ports.dlq.write({
      key: message.key,
      value: message.value,
      headers: {
        ...(message.headers ?? {}),
        'x-dlq-reason': decoded.reason,
        'x-source-topic': source.topic,
        'x-source-partition': String(source.partition),
        'x-source-offset': message.offset,
      },
    });
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
