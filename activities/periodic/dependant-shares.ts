import type { BenefitRuleId, BeneficiaryRelationship, PeriodicRate } from '../../schemas/benefits/award';
import { PeriodicRate as PeriodicRateSchema } from '../../schemas/benefits/award';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { rowOn } from '../benefits/common';
import type { Rational } from '../benefits/rounding';
import { add, div, formatRational, mul, parseRational, rat, roundToSen } from '../benefits/rounding';
import type { ShareGroup } from '../benefits/shares';
import { groupFraction } from '../benefits/shares';

/** One member of a dependants' (or survivors') group, as the periodic workflow knows it. */
export interface ShareGroupMember {
  beneficiaryId: string;
  relationship: BeneficiaryRelationship;
  status: 'active' | 'stopped';
}

/** A remaining member's new rate. */
export interface RecomputedShare {
  beneficiaryId: string;
  rate: PeriodicRate;
  ruleIds: BenefitRuleId[];
  /** The member's exact fraction of the full rate (group fraction ÷ members sharing), e.g. `"1/5"`. */
  shareFraction: string;
  /** The exact values behind the rate, for the award record. */
  inputs: Record<string, string | number>;
}

const GROUP_OF: Partial<Record<BeneficiaryRelationship, ShareGroup>> = {
  spouse: 'spouses',
  child: 'children',
  parent: 'parents',
  sibling: 'siblings',
  grandparent: 'grandparents',
};

/**
 * EI-DEP-004 (INV-SUR-003 `sur.shares` for survivors' pensions): when a dependant's share stops (a child at 21 or
 * marriage, the end of study, a death), the remaining dependants' shares are recomputed from the full rate, from the
 * day after the stop. Each group's fraction (dependants-shares.json row in force on `dateOfDeath`;
 * `dep.grandparentShare`) is shared equally by its active members (`dep.childSplit`, `dep.spouseSplit`); a group
 * with no active member lapses (`dep.absentGroupShare` = lapse) or, with `redistribute`, when only one of widow(er)s
 * and children remains active it takes both fractions. Groups are fixed at the date of death
 * (`dep.group2OnGroup1Exhaustion` = false, EI-DEP-006): when any member is a spouse or child, group-2 members get
 * nothing. Each share is rounded once, half-up (GEN-RND-001): `unit` day gives a daily rate (monthly = × D,
 * PAY-MON-001), month a monthly amount. `fullRate` is the exact full rate in sen (award input `fullDailyRate`,
 * e.g. `"8850"` or `"265500/31"`, or the full monthly pension `fullMonthlySen`).
 */
export function recomputeDependantShares(args: {
  fullRate: string | Rational;
  unit: 'day' | 'month';
  members: readonly ShareGroupMember[];
  dateOfDeath: string;
  tables: Readonly<RateTables>;
  params: EngineParams;
  benefitType: 'dependants' | 'survivors-pension';
}): RecomputedShare[] {
  const { params } = args;
  const full = typeof args.fullRate === 'string' ? parseRational(args.fullRate) : args.fullRate;
  const row = rowOn(args.tables.dependantsShares.rows, args.dateOfDeath, 'dependants shares');
  const grouped = args.members.flatMap((m) => {
    const group = GROUP_OF[m.relationship];
    return group ? [{ ...m, group }] : [];
  });
  const group1 = grouped.some((m) => m.group === 'spouses' || m.group === 'children');
  const eligible = grouped.filter(
    (m) => (group1 ? m.group === 'spouses' || m.group === 'children' : true) && m.status === 'active'
  );
  const parentsActive = eligible.some((m) => m.group === 'parents');
  const paid = eligible.filter((m) => !(m.group === 'grandparents' && parentsActive)); // grandparents replace parents
  const groups = [...new Set(paid.map((m) => m.group))];
  const fractionOf = (g: ShareGroup): Rational =>
    params.dep.absentGroupShare === 'redistribute' && group1 && groups.length === 1
      ? add(parseRational(row.spouses), parseRational(row.children))
      : groupFraction(g, row, params);
  const ruleIds: BenefitRuleId[] =
    args.benefitType === 'dependants'
      ? ['EI-DEP-002', 'EI-DEP-004', 'EI-DEP-005', 'EI-DEP-006', 'PAY-STOP-001', 'PAY-MON-001', 'GEN-RND-001']
      : ['INV-SUR-003', 'EI-DEP-004', 'PAY-STOP-001', 'GEN-RND-001'];
  return paid.map((m) => {
    const n = paid.filter((x) => x.group === m.group).length;
    const fraction = fractionOf(m.group);
    const exact = div(mul(full, fraction), rat(n));
    const sen = roundToSen(exact, params.rounding.mode);
    const rate = PeriodicRateSchema.parse(
      args.unit === 'day'
        ? { periodUnit: 'day', dailyRateSen: sen, monthlyAmountSen: sen * params.payment.daysPerMonth }
        : { periodUnit: 'month', monthlyAmountSen: sen }
    );
    return {
      beneficiaryId: m.beneficiaryId,
      rate,
      ruleIds,
      shareFraction: formatRational(div(fraction, rat(n))),
      inputs: {
        group: m.group,
        groupFraction: formatRational(fraction),
        membersSharing: n,
        fullRate: formatRational(full),
        exactShare: formatRational(exact),
        sharesRow: row.id,
        sharesTableVersion: args.tables.dependantsShares.version,
      },
    };
  });
}
