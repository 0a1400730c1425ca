import type { AwardLine } from '../../schemas/benefits/award';
import type { DependantFact } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { GEN_RULES, rowOn } from './common';
import { addDays } from '../../schemas/common/calendar';
import type { RateBasis } from './rates';
import { maximumDailySen } from './rates';
import type { Rational } from './rounding';
import { cmp, formatRational, max, mul, rat } from './rounding';
import { shareMembers, splitShares } from './shares';

/**
 * EI-DEP-001/007: the full daily rate of dependants' benefit: 90 % × daily wage (the phase's total-PDB rate for
 * LINDUNG 24 Jam, `nei.dependantsRate`), at least RM30.00/day applied to the full rate (`dep.minimumBeforeSplit`),
 * kept exact until each share is rounded.
 */
export function dependantsFullRate(
  dailyWage: Rational,
  rates: RateBasis,
  params: EngineParams
): { exact: Rational; inputs: Record<string, string | number> } {
  const base = mul(rates.dependants, dailyWage);
  const floor = rates.minimumDailySen === null || !params.dep.minimumBeforeSplit ? null : rat(rates.minimumDailySen);
  const exact = floor ? max(base, floor) : base;
  return {
    exact,
    inputs: {
      ...rates.inputs,
      dailyWage: formatRational(dailyWage),
      exactFullDailyRate: formatRational(base),
      minimumApplied: floor !== null && cmp(base, floor) < 0 ? 'yes' : 'no',
      fullDailyRate: formatRational(exact),
      maximumFullDailySen: maximumDailySen(rates.dependants, rates.topAssumedSen, params.rounding.mode),
    },
  };
}

/**
 * EI-DEP-001 to EI-DEP-007: dependants' benefit after a death from an employment injury (or a non-employment injury
 * at the phase rate, NEI-BEN-001): group 1 (widow(er)s 3/5, children 2/5) or, when there is neither, group 2
 * (parents 4/10, siblings 3/10, grandparents in place of parents), from the day after death, one line per
 * dependant and period. Each share is rounded once (GEN-RND-001).
 */
export function dependantsBenefit(args: {
  tables: Readonly<RateTables>;
  params: EngineParams;
  dependants: readonly DependantFact[];
  diedOn: string;
  dailyWage: Rational;
  rates: RateBasis;
}): AwardLine[] {
  const row = rowOn(args.tables.dependantsShares.rows, args.diedOn, 'dependants shares');
  const start = addDays(args.diedOn, 1);
  const full = dependantsFullRate(args.dailyWage, args.rates, args.params);
  return splitShares({
    members: shareMembers(args.dependants, start, row, args.params),
    full: full.exact,
    unit: 'day',
    row,
    params: args.params,
    benefitType: 'dependants',
    linePrefix: 'DEP',
    ruleIds: [
      'EI-DEP-001',
      'EI-DEP-002',
      'EI-DEP-003',
      'EI-DEP-004',
      'EI-DEP-005',
      'EI-DEP-006',
      'EI-DEP-007',
      'PAY-MON-001',
      ...args.rates.ruleIds,
      ...GEN_RULES,
    ],
    versions: [...args.rates.versions, args.tables.dependantsShares.version],
    inputs: { ...full.inputs, sharesRow: row.id, dateOfDeath: args.diedOn },
  });
}
