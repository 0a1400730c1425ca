/**
 * Date arithmetic for cross-field checks. Calendar dates in contracts are Malaysia dates (MYT, UTC+08:00, no
 * daylight saving), so an instant is compared with a date through its Malaysia calendar date. Only `Date.parse`
 * and fixed offsets are used: nothing here reads the clock, so it is safe inside workflows.
 */
const MYT_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Milliseconds since the epoch of an ISO date-time with offset. */
export function instantMillis(isoDateTime: string): number {
  return Date.parse(isoDateTime);
}

/**
 * The Malaysia calendar date (`YYYY-MM-DD`) on which an ISO instant falls. Cross-field checks run even when the
 * field itself failed to parse, so an unparseable instant gives `9999-12-31` (no spurious "is after" issue) rather
 * than throwing: a throw inside `safeParse` would make a bad message impossible to dead-letter.
 */
export function malaysiaDateOf(isoDateTime: string): string {
  const ms = Date.parse(isoDateTime);
  if (Number.isNaN(ms)) return '9999-12-31';
  return new Date(ms + MYT_OFFSET_MS).toISOString().slice(0, 10);
}

/** Number of calendar days from `from` to `to`, both included (`2026-06-01`..`2026-06-01` is 1). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}
