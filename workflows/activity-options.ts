import type { ActivityOptions } from '@temporalio/workflow';
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
