import type { PeriodicConfigInput } from '../../schemas/periodic/start-input';

/**
 * The periodic-award settings for newly started awards from the PERIODIC_* variables of infra/config.ts (unset: workflow defaults),
 * as `claimWorkflowConfigFrom` does for CLAIM_*. Recorded in each award's start input, so a change never alters
 * running awards. Called by the starter (the claim workflow's caller), never inside a workflow.
 */
export function periodicWorkflowConfigFrom(config: {
  PERIODIC_CYCLE_SECONDS?: number | undefined;
  PERIODIC_RESULT_TIMEOUT?: string | undefined;
  PERIODIC_RETRY_SCHEDULE?: string | undefined;
  PERIODIC_DECLARATION_GRACE_DAYS?: number | undefined;
}): PeriodicConfigInput {
  const out: PeriodicConfigInput = {};
  if (config.PERIODIC_CYCLE_SECONDS !== undefined) out.cycle = { seconds: config.PERIODIC_CYCLE_SECONDS };
  if (config.PERIODIC_RESULT_TIMEOUT) out.resultTimeout = config.PERIODIC_RESULT_TIMEOUT;
  if (config.PERIODIC_RETRY_SCHEDULE) {
    out.failedRetrySchedule = config.PERIODIC_RETRY_SCHEDULE.split(',')
      .map((d) => d.trim())
      .filter((d) => d.length > 0);
  }
  if (config.PERIODIC_DECLARATION_GRACE_DAYS !== undefined) {
    out.declarationGraceDays = config.PERIODIC_DECLARATION_GRACE_DAYS;
  }
  return out;
}
