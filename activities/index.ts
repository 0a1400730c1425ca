/**
 * Every activity the workers register, built from injected ports (STYLE H4, H5): `createActivities(deps)` is
 * called once by workers/temporal-worker.ts with the real Mongo and Kafka adapters, and by tests with in-memory
 * ones. Workflows import only `type Activities`.
 */
import { createClaimActivities, type ClaimActivityDeps } from './claims';

/** The ports activities need: registry reads, the claims store, the payments ledger, the event publisher. */
export type ActivityDeps = ClaimActivityDeps;

/** Builds the activity implementations. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createClaimActivities(deps),
  };
}

/** The activity interface workflows proxy. */
export type Activities = ReturnType<typeof createActivities>;
