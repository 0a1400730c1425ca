import type { AwardLine } from '../../schemas/benefits/award';
import type { DeathFacts, DependantFact } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import type { DecisionLog } from './common';
import { GEN_RULES, line, rowOn } from './common';
import type { Rational } from './rounding';
import { mul, rat, roundToSen } from './rounding';

/**
 * EI-FUN-003, `fun.heirOrder`: the heirs who receive the funeral benefit, in order: spouse, eldest son, eldest
 * daughter, parents (equally). Returns the first non-empty class; dependants who died before the insured person
 * are skipped.
 */
export function funeralHeirs(
  dependants: readonly DependantFact[],
  diedOn: string,
  params: EngineParams
): DependantFact[] {
  const alive = dependants.filter((d) => !d.diedOn || d.diedOn > diedOn);
  const eldest = (sex: 'male' | 'female') =>
    alive
      .filter((d) => d.relationship === 'child' && d.sex === sex)
      .sort((a, b) => a.dateOfBirth.localeCompare(b.dateOfBirth))
      .slice(0, 1);
  for (const cls of params.fun.heirOrder) {
    const found =
      cls === 'spouse'
        ? alive.filter((d) => d.relationship === 'spouse').slice(0, 1)
        : cls === 'eldest-son'
          ? eldest('male')
          : cls === 'eldest-daughter'
            ? eldest('female')
            : alive.filter((d) => d.relationship === 'parent');
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * EI-FUN-001 to EI-FUN-003, CLM-DL-005: the funeral benefit, a flat amount by the date of death (RM1,500.00 before 1
 * Jun 2016, RM2,000.00 from then; funeral.json). An heir receives the flat amount (shared equally between parents);
 * a payer who is not an heir receives the lower of the receipts and the flat amount. The trigger (EI-FUN-001) is
 * checked by the engine. Not scaled for LINDUNG 24 Jam unless `nei.flatAmountsPhased` (NEI-RATE-002).
 */
export function funeralBenefit(args: {
  tables: Readonly<RateTables>;
  params: EngineParams;
  death: DeathFacts;
  dependants: readonly DependantFact[];
  trigger: string;
  flatFactor: Rational;
  log: DecisionLog;
}): AwardLine[] {
  const { death, params, log } = args;
  const row = rowOn(args.tables.funeral.rows, death.diedOn, 'funeral');
  const flat = roundToSen(mul(rat(row.amountSen), args.flatFactor), params.rounding.mode);
  const base = {
    benefitType: 'funeral' as const,
    kind: 'lump-sum' as const,
    amountBasis: 'lump-sum' as const,
    startDate: death.diedOn,
    stopConditions: [],
    rateTableVersions: [args.tables.funeral.version],
  };
  const rules = ['EI-FUN-001', 'EI-FUN-002', 'EI-FUN-003', 'CLM-DL-005', ...GEN_RULES] as const;
  const inputs = { funeralRow: row.id, dateOfDeath: death.diedOn, flatAmountSen: flat, trigger: args.trigger };
  const claim = death.funeral;
  if (!claim) {
    log.add(
      'FUNERAL_NO_CLAIMANT',
      'info',
      ['EI-FUN-003'],
      'No funeral claimant is named yet; the benefit waits for an heir or the payer.'
    );
    return [];
  }
  if (claim.claimant === 'heir') {
    const heirs = funeralHeirs(args.dependants, death.diedOn, params);
    if (heirs.length === 0) {
      log.add(
        'FUNERAL_NO_HEIR',
        'officer-review',
        ['EI-FUN-003'],
        'An heir claims the funeral benefit but no dependant fits the heir order (fun.heirOrder).'
      );
      return [];
    }
    if (claim.heirDependantId && !heirs.some((h) => h.dependantId === claim.heirDependantId)) {
      log.add(
        'FUNERAL_HEIR_ORDER',
        'flag',
        ['EI-FUN-003'],
        `The claiming heir ${claim.heirDependantId} is not first in the heir order; paid to ${heirs.map((h) => h.dependantId).join(', ')}.`
      );
    }
    const each = Math.floor(flat / heirs.length); // parents share equally; an odd sen is not paid (GEN-RND-001)
    return heirs.map((h, i) =>
      line({
        ...base,
        lineId: `FUN-${i + 1}`,
        status: 'payable',
        amountSen: each,
        beneficiaryId: h.dependantId,
        relationship: 'heir',
        ruleIds: [...rules],
        inputs: { ...inputs, heirs: heirs.length, heirOrder: params.fun.heirOrder.join(',') },
        explanation: `Funeral benefit to the heir (${h.relationship}), flat amount for a death on ${death.diedOn}${heirs.length > 1 ? ', shared equally' : ''}.`,
      })
    );
  }
  if (claim.receiptsSen === undefined) {
    log.add(
      'FUNERAL_RECEIPTS_MISSING',
      'officer-review',
      ['EI-FUN-003'],
      'A payer who is not an heir is paid against funeral receipts, and none were given.'
    );
  }
  const receipts = claim.receiptsSen ?? 0;
  return [
    line({
      ...base,
      lineId: 'FUN-1',
      status: claim.receiptsSen === undefined ? 'officer-review' : 'payable',
      amountSen: Math.min(receipts, flat),
      beneficiaryId: claim.payerId ?? 'funeral-payer',
      relationship: 'funeral-payer',
      ruleIds: [...rules],
      inputs: { ...inputs, receiptsSen: receipts },
      explanation:
        'Funeral benefit to the payer who is not an heir: the lower of the receipted cost and the flat amount.',
    }),
  ];
}
