/*
 * The periodic workflow's clock arithmetic: a Malaysia date (UTC+8) as a workflow-time instant. Calendar
 * arithmetic on dates and months is schemas/common/calendar.ts, shared with the activities.
 */

/** Midnight of a Malaysia date (UTC+8) as epoch milliseconds. */
export const mytMidnightMs = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);

/**
 * The hour before its payment date at which an award prepares its instalment, in [1, windowHours]: a 32-bit hash
 * (FNV-1a, then MurmurHash3's finaliser) of the award's workflow id, so the same award always prepares at the same hour and a payroll of many awards spreads
 * evenly over the window (deterministic: no randomness in workflow code). 0 when the window is 0.
 */
export function preparationLeadHours(workflowId: string, windowHours: number): number {
  if (windowHours <= 0) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < workflowId.length; i += 1) {
    h ^= workflowId.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche (MurmurHash3 fmix32): FNV-1a's low bits alone spread similar ids over few hours.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return ((h >>> 0) % windowHours) + 1;
}
