import { createHash } from 'node:crypto';
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
 * Strict UTF-8: invalid bytes (Latin-1 or UTF-16 text, a cut sequence) fail instead of becoming U+FFFD, and a BOM
 * is kept, so JSON.parse refuses it as it refuses any other stray character.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** In the surrogate category outside a pair: with the `u` flag a valid pair reads as one astral code point. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/**
 * Text that no store keeps as sent: U+0000 (PostgreSQL-backed FerretDB refuses the write, so every attempt would
 * fail) and unpaired surrogates (written as U+FFFD, so the stored text would differ from the message).
 */
const unstorable = (text: string): boolean => text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);

class UnstorableText extends Error {
  override readonly name = 'UnstorableText';
}

/**
 * Decodes a message value as JSON checked by `schema`, or says why it cannot be: no value, bytes that are not
 * UTF-8, text that is not JSON, strings holding U+0000 or an unpaired surrogate, or a schema refusal. Reasons name
 * fields and never echo values, so no personal data reaches headers or logs. A validator that throws is a reason
 * too: a throw must never make a message undeliverable (it would be redelivered forever).
 */
export function decodeJson<T>(
  schema: z.ZodType<T>,
  value: Buffer | null
): { ok: true; data: T } | { ok: false; reason: string } {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty message value' };
  let text: string;
  try {
    text = utf8.decode(value);
  } catch {
    return { ok: false, reason: 'not UTF-8: the value holds bytes that are not valid UTF-8 (Latin-1 or UTF-16 text?)' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text, (key, v: unknown) => {
      if (unstorable(key) || (typeof v === 'string' && unstorable(v))) throw new UnstorableText();
      return v;
    });
  } catch (err) {
    if (err instanceof UnstorableText) {
      return { ok: false, reason: 'text: a string holds U+0000 or an unpaired UTF-16 surrogate' };
    }
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

/**
 * A dead-letter record without its value, for a message whose bytes do not fit the DLQ topic even compressed (an
 * incompressible body just under the source topic's limit, plus the DLQ headers). The reason says so and gives the
 * value's size and SHA-256; the original stays at `x-source-topic`/`x-source-partition`/`x-source-offset`.
 */
export function withoutValue(
  record: Parameters<DeadLetterWriter['write']>[0]
): Parameters<DeadLetterWriter['write']>[0] {
  const value = record.value ?? Buffer.alloc(0);
  const reason = record.headers['x-dlq-reason']?.toString() ?? '';
  const note = `value omitted: its ${value.length} bytes (sha256 ${createHash('sha256').update(value).digest('hex')}) do not fit the DLQ topic; read them at the source offset`;
  return {
    ...record,
    value: null,
    headers: { ...record.headers, 'x-dlq-reason': `${reason.slice(0, MAX_REASON)}; ${note}` },
  };
}
