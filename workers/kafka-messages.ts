import type { IHeaders, KafkaMessage } from 'kafkajs';
import type { z } from 'zod';
import { formatZodIssues } from '../schemas/common/errors';

/** Writes a dead-letter record; throws if the write failed (the message is then redelivered, never lost). */
export interface DeadLetterWriter {
  write(record: { key: Buffer | null; value: Buffer | null; headers: IHeaders }): Promise<void>;
}

/** The longest DLQ reason kept in a header. */
const MAX_REASON = 2_000;

/**
 * Decodes a message value as JSON checked by `schema`, or says why it cannot be. Reasons name fields and never
 * echo values, so no personal data reaches headers or logs. A validator that throws is a reason too: a throw
 * must never make a message undeliverable (it would be redelivered forever).
 */
export function decodeJson<T>(
  schema: z.ZodType<T>,
  value: Buffer | null
): { ok: true; data: T } | { ok: false; reason: string } {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `malformed JSON: ${(err as Error).message}` };
  }
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(json);
  } catch (err) {
    return { ok: false, reason: `schema: validation failed (${(err as Error).name})` };
  }
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, reason: `schema: ${formatZodIssues(parsed.error).join('; ')}`.slice(0, MAX_REASON) };
}

/**
 * The dead-letter record of a message (STYLE H16): its original key, bytes and headers, plus `x-dlq-reason` and
 * the source coordinates `x-source-topic`, `x-source-partition`, `x-source-offset`.
 */
export function deadLetterRecord(
  source: { topic: string; partition: number; message: KafkaMessage },
  reason: string,
  attempts?: number
): Parameters<DeadLetterWriter['write']>[0] {
  const { message } = source;
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...(message.headers ?? {}),
      'x-dlq-reason': reason.slice(0, MAX_REASON),
      ...(attempts !== undefined ? { 'x-dlq-attempts': String(attempts) } : {}),
      'x-source-topic': source.topic,
      'x-source-partition': String(source.partition),
      'x-source-offset': message.offset,
    },
  };
}
