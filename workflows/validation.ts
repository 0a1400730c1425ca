import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { formatZodIssues } from '../schemas/common/errors';
import { FailureType } from '../schemas/failures';

/**
 * Validates a workflow input or an update argument with its zod contract. A failure is non-retryable
 * (`InvalidInput`) and names each bad field, never its value: a thrown ZodError would retry the workflow task for ever.
 */
export function parseOrFail<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw ApplicationFailure.nonRetryable(formatZodIssues(result.error).join('; '), FailureType.InvalidInput);
  }
  return result.data;
}
