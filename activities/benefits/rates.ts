import type { BenefitRuleId } from '../../schemas/benefits/award';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { rowOn } from './common';
import type { Rational } from './rounding';
import { div, mul, pct, rat, roundToSen } from './rounding';

/**
 * The percentages and minimum that apply to one injury, fixed by the accident date (GEN-DATE-001): EI rates
 * (EI-TDB-002, EI-PDB-002, EI-DEP-001) or the LINDUNG 24 Jam phase rates (NEI-RATE-001/002). With
 * `nei.phaseStepUp` false, the phase of the accident date fixes the rate for the whole award.
 */
export interface RateBasis {
  tdb: Rational;
  pdbTotal: Rational;
  dependants: Rational;
  /** The daily minimum in sen, or null when it does not apply (`nei.minimumApplies` false). */
  minimumDailySen: number | null;
  /** The top assumed wage of the ceiling in force on the accident date, for the derived maxima (EI-TDB-003). */
  topAssumedSen: number;
  /** The factor flat amounts are scaled by when `nei.flatAmountsPhased` (phase PDB rate ÷ EI PDB rate), else 1. */
  flatFactor: Rational;
  ruleIds: BenefitRuleId[];
  versions: string[];
  phase?: number;
  inputs: Record<string, string | number>;
}

/** EI rates on the accident date (EI-TDB-002/003, EI-PDB-002, EI-DEP-001). */
export function eiRates(tables: Readonly<RateTables>, accidentDate: string): RateBasis {
  const row = rowOn(tables.benefitRates.rows, accidentDate, 'benefit rates');
  const ceiling = rowOn(tables.wageCeilings.rows, accidentDate, 'wage ceilings');
  return {
    tdb: pct(row.tdbPct),
    pdbTotal: pct(row.pdbTotalPct),
    dependants: pct(row.dependantsPct),
    minimumDailySen: row.dailyMinimumSen,
    topAssumedSen: ceiling.topAssumedSen,
    flatFactor: rat(1),
    ruleIds: [],
    versions: [tables.benefitRates.version, tables.wageCeilings.version],
    inputs: {
      rateRow: row.id,
      tdbPct: `${row.tdbPct}%`,
      pdbTotalPct: `${row.pdbTotalPct}%`,
      minimumDailySen: row.dailyMinimumSen,
    },
  };
}

/** LINDUNG 24 Jam phase rates on the accident date (NEI-PH-001, NEI-RATE-001, NEI-RATE-002, NEI-BEN-001). */
export function neiRates(tables: Readonly<RateTables>, params: EngineParams, accidentDate: string): RateBasis {
  const ei = eiRates(tables, accidentDate);
  const phase = rowOn(tables.lindungPhases.phases, accidentDate, 'LINDUNG phases');
  const pdbTotal = pct(phase.pdbTotalPct);
  return {
    tdb: pct(phase.tdbPct),
    pdbTotal,
    // nei.dependantsRate: the phase's total-PDB rate.
    dependants: pdbTotal,
    minimumDailySen: params.nei.minimumApplies ? ei.minimumDailySen : null,
    topAssumedSen: ei.topAssumedSen,
    flatFactor: params.nei.flatAmountsPhased ? div(pdbTotal, ei.pdbTotal) : rat(1),
    ruleIds: ['NEI-PH-001', 'NEI-RATE-001', 'NEI-RATE-002', 'NEI-BEN-001'],
    versions: [...ei.versions, tables.lindungPhases.version],
    phase: phase.phase,
    inputs: {
      ...ei.inputs,
      neiPhase: phase.phase,
      tdbPct: `${phase.tdbPct}%`,
      pdbTotalPct: `${phase.pdbTotalPct}%`,
      minimumApplies: params.nei.minimumApplies ? 'true' : 'false',
    },
  };
}

/** A derived maximum daily rate: rate × the top assumed wage ÷ 30, rounded once (EI-TDB-003, EI-PDB-002). */
export const maximumDailySen = (rate: Rational, topAssumedSen: number, mode: EngineParams['rounding']['mode']) =>
  roundToSen(mul(rate, rat(topAssumedSen, 30)), mode);
