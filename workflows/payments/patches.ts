/*
 * Change ids for `patched()` in a lump sum's payment workflow (STYLE H12): a behaviour change is wrapped in
 * `if (patched(ID))`, with its id added here and never removed while old runs can replay.
 */

/**
 * The payment's short steps (bank answers already stored, re-send, events, audit) run as local activities, recorded
 * as markers in the workflow task that needs them (before: a scheduled activity and a workflow task each).
 */
export const LUMP_SUM_LOCAL_ACTIVITIES_PATCH = 'lump-sum-local-activities';
