const UNIT_MS: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1_000,
  second: 1_000,
  seconds: 1_000,
  m: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
};

const DURATION = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/;

/**
 * A duration written for people (`30d`, `12h`, `90 minutes`, `1.5 days`, `2w`) as whole milliseconds, or
 * `undefined` when the text is not one (no unit, an unknown unit, a negative or non-finite number). Units: ms, s, m,
 * h, d, w, and their English names. Months and years are refused: their length in milliseconds is not fixed.
 */
export function parseDurationMs(text: string): number | undefined {
  const match = DURATION.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const unit = UNIT_MS[match[2]!];
  if (unit === undefined) return undefined;
  const ms = Math.round(Number(match[1]) * unit);
  return Number.isSafeInteger(ms) ? ms : undefined;
}
