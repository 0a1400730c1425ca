import type { z } from 'zod';
import { formatZodIssues } from '../../../schemas/common/errors';

/** The value as a Kafka consumer sees it: serialised to JSON and parsed back. */
export function viaJson<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** The `field: message` lines of a rejected value (after a JSON round trip), or `[]` when it is accepted. */
export function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(viaJson(value));
  return result.success ? [] : formatZodIssues(result.error);
}

/** The field paths named by the issues, e.g. `['claimant.identity.icNumber']`. */
export function pathsOf(schema: z.ZodType, value: unknown): string[] {
  return issuesOf(schema, value).map((line) => line.slice(0, line.indexOf(': ')));
}
