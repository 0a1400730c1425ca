/*
 * The periodic workflow's clock arithmetic: a Malaysia date (UTC+8) as a workflow-time instant. Calendar
 * arithmetic on dates and months is schemas/common/calendar.ts, shared with the activities.
 */

/** Midnight of a Malaysia date (UTC+8) as epoch milliseconds. */
export const mytMidnightMs = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);
