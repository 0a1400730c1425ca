import { loadRateTables } from '../../../activities/benefits';
import type { PeriodicTerms } from '../../../activities/periodic/amounts';
import { PeriodicRate } from '../../../schemas/benefits/award';
import type { EngineParamsInput } from '../../../schemas/benefits/params';
import { EngineParams } from '../../../schemas/benefits/params';
import type { ColaRound } from '../../../schemas/benefits/rate-tables';

/** The shipped rate tables, loaded once per test file. */
export const tables = loadRateTables();
/** Every parameter at its section-10 default. */
export const defaults = EngineParams.parse({});
/** Parameters with overrides. */
export const paramsWith = (input: EngineParamsInput) => EngineParams.parse(input);
/** Parameters with extra revision rounds (`revision.extraRounds`): the shipped 2023 round is empty. */
export const withRounds = (...rounds: ColaRound[]) => paramsWith({ revision: { extraRounds: rounds } });

/** A daily rate in sen (monthly = × 30). */
export const daily = (sen: number) =>
  PeriodicRate.parse({ periodUnit: 'day', dailyRateSen: sen, monthlyAmountSen: sen * 30 });
/** A monthly rate in sen. */
export const monthly = (sen: number) => PeriodicRate.parse({ periodUnit: 'month', monthlyAmountSen: sen });

/** A revision round of `pct` % for benefits that began in 1970..2060. */
export const round = (
  id: string,
  effectiveDate: string,
  pct: string,
  benefitTypes: ColaRound['benefitTypes'] = [
    'permanent-disablement',
    'dependants',
    'invalidity-pension',
    'survivors-pension',
  ],
  years: [number, number] = [1970, 2060]
): ColaRound => ({ id, effectiveDate, benefitTypes, rows: [{ startYearFrom: years[0], startYearTo: years[1], pct }] });

/** PDB at RM88.50/day (AAMW RM2,950.00, total) from `start`, awarded as of `start`. */
export const pdbTerms = (start = '2026-01-10', overrides: Partial<PeriodicTerms> = {}): PeriodicTerms => ({
  benefitType: 'permanent-disablement',
  rate: daily(8850),
  rateAsOf: start,
  benefitStartDate: start,
  ruleIds: ['EI-PDB-002', 'EI-PDB-005'],
  rateTableVersions: ['EI-RATES-2014-01-01'],
  ...overrides,
});

/** An invalidity pension of `sen` a month from `start`, awarded as of `start`. */
export const pensionTerms = (
  sen: number,
  start = '2026-03-05',
  overrides: Partial<PeriodicTerms> = {}
): PeriodicTerms => ({
  benefitType: 'invalidity-pension',
  rate: monthly(sen),
  rateAsOf: start,
  benefitStartDate: start,
  ruleIds: ['INV-PEN-001', 'INV-PEN-003'],
  rateTableVersions: ['INV-2023-01-01'],
  ...overrides,
});
