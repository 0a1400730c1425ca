/*
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) and months (YYYY-MM) for the periodic workflow: pure, UTC-based,
 * replay-safe (workflows may not import activities/benefits/dates.ts, STYLE H3).
 */

const DAY_MS = 86_400_000;

/** `month` plus `n` months. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, '0')}-${String(mm + 1).padStart(2, '0')}`;
}

/** `date` plus `n` days. */
export const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The same day `n` years later (29 February → 28 February in a common year). */
export function addYears(date: string, n: number): string {
  const y = Number(date.slice(0, 4)) + n;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** The last day of `month`. */
export function lastDayOf(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/** The number of months from `from` to `to` (negative when `to` is earlier). */
export function monthsFrom(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}

/** Midnight of a Malaysia date (UTC+8) as epoch milliseconds. */
export const mytMidnightMs = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);

/** The Malaysia date of an epoch-millisecond instant. */
export const mytDateOf = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
