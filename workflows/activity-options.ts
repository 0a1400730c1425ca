import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';
import { FailureType } from '../schemas/failures';

/**
 * Activity option profiles, declared once (STYLE H4). Business refusals are not retried; infrastructure errors
 * (Mongo, Kafka) are, with backoff. `ZodError` is a contract bug in the activity's output: retrying cannot fix it,
 * so the workflow sees it at once instead of retrying forever.
 */
export const STANDARD_IO = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [
      FailureType.InvalidInput,
      FailureType.NotEligible,
      FailureType.NotFound,
      FailureType.InvalidState,
      FailureType.DuplicatePayment,
      'ZodError',
    ],
  },
} as const satisfies ActivityOptions;

/**
 * The periodic award's activities: each is one ledger write, one Kafka publish or one update of a sibling, done in
 * well under a second. A short start-to-close lets a crashed worker's in-flight call be retried on a live worker in
 * seconds rather than a minute; every one is idempotent (ledger keys, derived event and update ids).
 */
export const PERIODIC_IO = {
  ...STANDARD_IO,
  startToCloseTimeout: '15 seconds',
} as const satisfies ActivityOptions;

/**
 * The claim's short steps as local activities: the same retry policy, with a shorter start-to-close so a hung
 * attempt is retried while the workflow task is still held; past `localRetryThreshold` the SDK waits out the
 * backoff on a durable timer instead of holding the task (a Kafka or store outage).
 */
export const LOCAL_IO = {
  ...STANDARD_IO,
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
} as const satisfies LocalActivityOptions;

/** A lump sum's short steps as local activities (PERIODIC_IO's timeout, LOCAL_IO's threshold). */
export const PERIODIC_LOCAL_IO = {
  ...PERIODIC_IO,
  localRetryThreshold: '10 seconds',
} as const satisfies LocalActivityOptions;
