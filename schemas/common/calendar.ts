/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`) and months (`YYYY-MM`), shared by the benefits engine, the payment
 * activities and the workflows. Pure: no clock is read; `Date` is used only as a UTC calendar inside these functions
 * (STYLE H10), so it is safe inside the workflow sandbox.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

/** The ISO date of a day number. */
export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `iso` plus `days` days. */
export const addDays = (iso: string, days: number): string => fromDayNumber(dayNumber(iso) + days);

/** Days from `from` to `to`, both included (0 when `to` is before `from`). */
export const daysInclusive = (from: string, to: string): number => Math.max(0, dayNumber(to) - dayNumber(from) + 1);

/** The month `YYYY-MM` of a date. */
export const monthOf = (iso: string): string => iso.slice(0, 7);

/** `month` plus `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = (y ?? 0) * 12 + ((m ?? 1) - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The same day `n` months later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToDate(iso: string, n: number): string {
  const month = addMonths(monthOf(iso), n);
  const day = Math.min(Number(iso.slice(8, 10)), daysInMonth(month));
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Number of days in a month `YYYY-MM`. */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
}

/** The first day of the month after `iso`. */
export const firstOfNextMonth = (iso: string): string => `${addMonths(monthOf(iso), 1)}-01`;

/** The number of months from `fromMonth` to `toMonth` (`2026-01` → `2026-03` is 2; negative when `toMonth` is earlier). */
export function monthsBetween(fromMonth: string, toMonth: string): number {
  const [fy, fm] = fromMonth.split('-').map(Number);
  const [ty, tm] = toMonth.split('-').map(Number);
  return ((ty ?? 0) - (fy ?? 0)) * 12 + ((tm ?? 0) - (fm ?? 0));
}

/** The date a person born on `dob` reaches `age` (29 Feb birthdays fall on 28 Feb in common years). */
export const birthday = (dob: string, age: number): string => addMonthsToDate(dob, age * 12);

/** Age in whole years on `date`. */
export function ageOn(dob: string, date: string): number {
  let age = Number(date.slice(0, 4)) - Number(dob.slice(0, 4));
  if (birthday(dob, age) > date) age -= 1;
  return age;
}

/**
 * The Malaysian calendar date (UTC+08:00) of an ISO date-time with offset: the date that governs rates and phases
 * (GEN-DATE-001), whatever offset the sender used.
 */
export function malaysianDate(dateTime: string): string {
  const ms = Date.parse(dateTime);
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The last day of `month` (`YYYY-MM-DD`). */
export const lastDayOf = (month: string): string => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;

/** Hours between two ISO date-times (may be fractional). */
export const hoursBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 3_600_000;
