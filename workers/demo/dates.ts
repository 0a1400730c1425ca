/**
 * Date helpers for the synthetic data. Contracts carry Malaysia dates and instants with the `+08:00` offset
 * (STYLE H10); `Date` objects live only inside these functions.
 */
const MYT_OFFSET_MS = 8 * 60 * 60 * 1000;
/** One day in milliseconds (Malaysia has no daylight saving). */
export const DAY_MS = 24 * 60 * 60 * 1000;

/** An instant as ISO text in Malaysia time, e.g. `2026-07-15T08:30:00+08:00`. */
export function mytIso(ms: number): string {
  return `${new Date(ms + MYT_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The Malaysia calendar date (`YYYY-MM-DD`) of an instant. */
export function mytDate(ms: number): string {
  return new Date(ms + MYT_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of a Malaysia date at `hh:mm` local time. */
export function mytMillis(date: string, hour = 0, minute = 0): number {
  return Date.parse(`${date}T00:00:00+08:00`) + (hour * 60 + minute) * 60_000;
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM` shifted by `n` months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

/** The last calendar day of a `YYYY-MM` month, as a date. */
export function lastDayOf(month: string): string {
  return addDays(`${shiftMonth(month, 1)}-01`, -1);
}

/** Whole years from `from` to `to` (both `YYYY-MM-DD`): an age. */
export function yearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/** `date` kept within [min, max]. */
export function clampDate(date: string, min: string, max: string): string {
  if (date < min) return min;
  return date > max ? max : date;
}
