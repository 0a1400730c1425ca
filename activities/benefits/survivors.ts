import type { AwardLine } from '../../schemas/benefits/award';
import type { DependantFact } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import type { Computed } from './common';
import { rowOn } from './common';
import { addDays } from '../../schemas/common/calendar';
import { rat } from './rounding';
import { shareMembers, splitShares } from './shares';

/**
 * INV-SUR-001 to INV-SUR-003: the survivors' pension after a death before 60 with the qualifying period met, or of
 * an invalidity pensioner at any age. The full monthly rate is the pension of INV-PEN-001/002 on the wage before
 * the month of death (`inv.wageWindow`), or the deceased's own invalidity pension; it is shared as dependants'
 * benefit is (`sur.shares`), each share rounded once at the monthly amount.
 */
export function survivorsPension(args: {
  tables: Readonly<RateTables>;
  params: EngineParams;
  dependants: readonly DependantFact[];
  diedOn: string;
  monthly: Computed;
}): AwardLine[] {
  const row = rowOn(args.tables.dependantsShares.rows, args.diedOn, 'dependants shares');
  const start = addDays(args.diedOn, 1);
  return splitShares({
    members: shareMembers(args.dependants, start, row, args.params),
    full: rat(args.monthly.amountSen),
    unit: 'month',
    row,
    params: args.params,
    benefitType: 'survivors-pension',
    linePrefix: 'SUR',
    ruleIds: ['INV-SUR-001', 'INV-SUR-002', 'INV-SUR-003', ...args.monthly.ruleIds],
    versions: [args.tables.invalidity.version, args.tables.dependantsShares.version, args.tables.colaRevisions.version],
    inputs: {
      ...args.monthly.inputs,
      fullMonthlySen: args.monthly.amountSen,
      sharesRow: row.id,
      dateOfDeath: args.diedOn,
    },
  });
}

/**
 * INV-SUR-004 (`overlap.sameDeath`, after Act 789 s.19 / SE-OVL-001): one death that gives both dependants' benefit
 * and a survivors' pension pays each recipient the higher (compared on a full month); the other lines of that
 * recipient are kept but marked `suppressed`.
 */
export function resolveSameDeathOverlap(dependants: AwardLine[], survivors: AwardLine[]): AwardLine[] {
  const monthlyOf = (lines: AwardLine[], id: string) =>
    Math.max(0, ...lines.filter((l) => l.beneficiaryId === id).map((l) => l.rate?.monthlyAmountSen ?? 0));
  const ids = new Set([...dependants, ...survivors].map((l) => l.beneficiaryId));
  const out: AwardLine[] = [];
  for (const id of ids) {
    const dep = monthlyOf(dependants, id);
    const sur = monthlyOf(survivors, id);
    const keepDep = dep >= sur;
    for (const l of dependants.filter((x) => x.beneficiaryId === id)) out.push(keepDep ? l : suppress(l));
    for (const l of survivors.filter((x) => x.beneficiaryId === id)) out.push(keepDep ? suppress(l) : l);
  }
  return out;
}

const suppress = (l: AwardLine): AwardLine => ({
  ...l,
  status: 'suppressed',
  ruleIds: [...new Set([...l.ruleIds, 'INV-SUR-004' as const, 'SE-OVL-001' as const])],
  explanation: `${l.explanation} Suppressed: the same death gives a higher benefit to this recipient (INV-SUR-004).`,
});
