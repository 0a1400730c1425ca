/*
 * Change ids for `patched()` (STYLE H12): a behaviour change to this workflow is wrapped in
 * `if (patched(CLAIM_PATCHES.x))`, with its id added here and never removed while old runs can replay.
 */
export const CLAIM_PATCHES = {
  /** A payable periodic line starts its periodic-award workflow (before: only a `periodic-handover` event). */
  startPeriodicAwards: 'claim-starts-periodic-awards',
} as const;
