import { readFileSync } from 'node:fs';
import { EngineParams, type EngineParamsInput } from '../../schemas/benefits/params';
import { formatZodIssues } from '../../schemas/common/errors';

/**
 * Reads the engine parameters a deployment sets (`ENGINE_PARAMS_FILE`): any section-10 parameter of
 * benefit-rules.md, e.g. `revision.extraRounds`, a cost-of-living round `{ id, effectiveDate, benefitTypes, rows }`
 * that changes every affected periodic award from its date without a code change. The file is checked when the
 * worker starts: a bad file stops it with every bad field named, never half-way through a payment run.
 */
export function loadEngineParamsFile(path: string): EngineParamsInput {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`ENGINE_PARAMS_FILE ${path}: not readable JSON (${(err as Error).message})`);
  }
  const parsed = EngineParams.safeParse(json);
  if (!parsed.success) {
    throw new Error(`ENGINE_PARAMS_FILE ${path}: ${formatZodIssues(parsed.error).join('; ')}`);
  }
  return json as EngineParamsInput;
}
