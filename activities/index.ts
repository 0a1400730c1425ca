/**
 * Every activity the workers register, built from injected ports (STYLE H4, H5): `createActivities(deps)` is
 * called once by workers/temporal-worker.ts with the real Mongo and Kafka adapters, and by tests with in-memory
 * ones. Workflows import only `type Activities`.
 */

/** The ports activities need; grows as activities land (repositories, event publisher, clock). */
export type ActivityDeps = Record<string, never>;

/** Builds the activity implementations. */
export function createActivities(_deps: ActivityDeps) {
  return {};
}

/** The activity interface workflows proxy. */
export type Activities = ReturnType<typeof createActivities>;
