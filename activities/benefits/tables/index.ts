import { RateTables } from '../../../schemas/benefits/rate-tables';
import benefitRates from './benefit-rates.json';
import caa from './caa.json';
import colaRevisions from './cola-revisions.json';
import dependantsShares from './dependants-shares.json';
import eis from './eis.json';
import funeral from './funeral.json';
import invalidity from './invalidity.json';
import lindungPhases from './lindung-phases.json';
import selfEmployment from './self-employment.json';
import wageBands from './wage-bands.json';
import wageCeilings from './wage-ceilings.json';

/** Freezes an object graph so that no caller can change a loaded rate table. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Loads the dated rate tables shipped with the engine (JSON data, not code), validates them with zod (row order,
 * no overlaps, exact numbers) and returns them frozen. Throws with every bad path when a table is invalid, so a
 * broken table is found at start-up, never in the middle of an award. `overrides` replaces whole tables (tests,
 * or a newer table version delivered by configuration).
 */
export function loadRateTables(overrides: Partial<Record<keyof RateTables, unknown>> = {}): Readonly<RateTables> {
  const raw = {
    wageCeilings,
    wageBands,
    benefitRates,
    lindungPhases,
    caa,
    funeral,
    invalidity,
    colaRevisions,
    dependantsShares,
    eis,
    selfEmployment,
    ...overrides,
  };
  return deepFreeze(RateTables.parse(structuredClone(raw)));
}
