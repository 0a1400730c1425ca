import type { AwardLine, BenefitRuleId, BenefitType, StopCondition } from '../../schemas/benefits/award';
import type { DependantFact } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { DependantShareRow } from '../../schemas/benefits/rate-tables';
import { line } from './common';
import { addDays, birthday, dayNumber, daysInclusive } from '../../schemas/common/calendar';
import type { Rational } from './rounding';
import { add, div, formatRational, mul, parseRational, rat, roundToSen } from './rounding';

/** A share group of EI-DEP-002/005/006. */
export type ShareGroup = 'spouses' | 'children' | 'parents' | 'siblings' | 'grandparents';

/** One dependant's eligibility window (inclusive; `to` null = open) and the conditions that end it. */
export interface ShareMember {
  dependant: DependantFact;
  group: ShareGroup;
  from: string;
  to: string | null;
  stops: StopCondition[];
}

const minDate = (a: string | null, b: string | null): string | null =>
  a === null ? b : b === null ? a : a < b ? a : b;

/**
 * EI-DEP-002/003/005, PAY-STOP-001, PAY-STUDY-001 (`pay.stopDate`): when each dependant's share runs. Payment starts
 * the day after death (EI-DEP-007). A widow(er) is paid for life; a remarriage from 1 May 2005 is ignored. A child
 * or sibling is paid through the day before the 21st birthday or the marriage; a child studying for a first degree
 * until it is completed, an incapacitated child while incapable. Parents and grandparents are paid for life.
 * Everyone is paid through the date of their own death.
 */
export function shareMembers(
  dependants: readonly DependantFact[],
  start: string,
  row: DependantShareRow,
  params: EngineParams
): ShareMember[] {
  const members: ShareMember[] = [];
  for (const d of dependants) {
    const id = d.dependantId;
    const stops: StopCondition[] = [{ kind: 'death', beneficiaryId: id }];
    let to: string | null = d.diedOn ?? null;
    if (d.relationship === 'spouse') {
      if (d.remarriedOn && d.remarriedOn < row.remarriageIgnoredFrom) to = minDate(to, addDays(d.remarriedOn, -1));
    } else if (d.relationship === 'child' || d.relationship === 'sibling') {
      const limit = d.relationship === 'child' ? row.childAgeLimit : row.siblingAgeLimit;
      const ageEnd = addDays(birthday(d.dateOfBirth, limit), -1);
      stops.push(
        { kind: 'age', age: limit, beneficiaryId: id, date: birthday(d.dateOfBirth, limit) },
        { kind: 'marriage', beneficiaryId: id }
      );
      let end: string | null = ageEnd;
      if (d.relationship === 'child' && d.incapacitated) {
        end = d.incapacityEndedOn ? addDays(d.incapacityEndedOn, -1) : null;
        stops.push({ kind: 'end-of-incapacity', beneficiaryId: id });
      } else if (d.relationship === 'child' && d.studyingFirstDegree) {
        end = d.firstDegreeCompletedOn ? addDays(d.firstDegreeCompletedOn, -1) : null;
        if (end !== null && end < ageEnd) end = ageEnd;
        stops.push(
          { kind: 'end-of-study', beneficiaryId: id },
          {
            kind: 'review',
            date: addDays(birthday(d.dateOfBirth, limit), -params.payment.declarationGraceDays),
            reason: 'study declaration due before the 21st birthday (PAY-STUDY-001)',
          }
        );
      }
      to = minDate(to, end);
      if (d.marriedOn) to = minDate(to, addDays(d.marriedOn, -1));
    }
    const group: ShareGroup =
      d.relationship === 'spouse'
        ? 'spouses'
        : d.relationship === 'child'
          ? 'children'
          : d.relationship === 'parent'
            ? 'parents'
            : d.relationship === 'sibling'
              ? 'siblings'
              : 'grandparents';
    if (to !== null && to < start) continue; // not eligible at all
    members.push({ dependant: d, group, from: start, to, stops });
  }
  // EI-DEP-005/006, dep.group2OnGroup1Exhaustion = false: groups are fixed at the date of death.
  const group1 = members.filter((m) => m.group === 'spouses' || m.group === 'children');
  if (group1.length > 0) return group1;
  const parents = members.filter((m) => m.group === 'parents');
  const others = members.filter((m) => m.group === 'siblings' || (m.group === 'grandparents' && parents.length === 0));
  return [...parents, ...others];
}

/** The fraction of the full rate a group shares (dependants-shares.json, `dep.grandparentShare`). */
export function groupFraction(group: ShareGroup, row: DependantShareRow, params: EngineParams): Rational {
  return parseRational(group === 'grandparents' ? params.dep.grandparentShare : row[group]);
}

/** One period of a share: the days when the same members share a group's fraction. */
interface Segment {
  from: string;
  to: string | null;
  members: ShareMember[];
}

function segments(members: ShareMember[]): Segment[] {
  const start = members[0]?.from;
  if (start === undefined) return [];
  const cuts = [...new Set(members.flatMap((m) => (m.to === null ? [] : [addDays(m.to, 1)])))]
    .filter((c) => c > start)
    .sort();
  const bounds = [start, ...cuts];
  return bounds
    .map((from, i) => {
      const next = bounds[i + 1];
      const to = next === undefined ? null : addDays(next, -1);
      return {
        from,
        to,
        members: members.filter((m) => m.from <= from && (m.to === null || (to !== null && m.to >= to))),
      };
    })
    .filter((s) => s.members.length > 0);
}

/**
 * EI-DEP-002 to EI-DEP-007, INV-SUR-003 (`sur.shares`), GEN-RND-001: splits a full rate between the dependants.
 * Each group's fraction is shared equally by its members eligible on each day (`dep.childSplit`, `dep.spouseSplit`);
 * when one ceases the others share the fraction from the next day. A group with nobody eligible leaves its
 * fraction unpaid (`dep.absentGroupShare` = lapse). Each share is rounded on its own, once, and the rounding
 * residue is not paid. `unit` day: `full` is the exact full daily rate; month: the full monthly amount.
 */
export function splitShares(args: {
  members: ShareMember[];
  full: Rational;
  unit: 'day' | 'month';
  row: DependantShareRow;
  params: EngineParams;
  benefitType: BenefitType;
  linePrefix: string;
  ruleIds: BenefitRuleId[];
  versions: string[];
  inputs: Record<string, string | number>;
}): AwardLine[] {
  const { params } = args;
  const lines: AwardLine[] = [];
  const groups = [...new Set(args.members.map((m) => m.group))];
  let fractions = new Map(groups.map((g) => [g, groupFraction(g, args.row, params)] as const));
  if (
    params.dep.absentGroupShare === 'redistribute' &&
    groups.length === 1 &&
    (groups[0] === 'spouses' || groups[0] === 'children')
  ) {
    fractions = new Map([[groups[0], add(parseRational(args.row.spouses), parseRational(args.row.children))]]);
  }
  for (const group of groups) {
    const fraction = fractions.get(group) ?? rat(0);
    for (const seg of segments(args.members.filter((m) => m.group === group))) {
      const n = seg.members.length;
      const exact = div(mul(args.full, fraction), rat(n));
      const rateSen = roundToSen(exact, params.rounding.mode);
      const monthly = args.unit === 'day' ? rateSen * params.payment.daysPerMonth : rateSen;
      for (const m of seg.members) {
        const closed = seg.to !== null;
        const days = closed && seg.to ? daysInclusive(seg.from, seg.to) : 0;
        lines.push(
          line({
            lineId: `${args.linePrefix}-${m.dependant.dependantId}-${lines.filter((l) => l.beneficiaryId === m.dependant.dependantId).length + 1}`,
            benefitType: args.benefitType,
            kind: 'periodic',
            status: 'payable',
            amountSen: closed && args.unit === 'day' ? rateSen * days : monthly,
            amountBasis: closed && args.unit === 'day' ? 'period-total' : 'per-period',
            rate:
              args.unit === 'day'
                ? { periodUnit: 'day', dailyRateSen: rateSen, monthlyAmountSen: monthly }
                : { periodUnit: 'month', monthlyAmountSen: monthly },
            period: seg.to ? { from: seg.from, to: seg.to } : { from: seg.from },
            startDate: seg.from,
            stopConditions: seg.to ? [...m.stops, { kind: 'end-date', date: seg.to }] : m.stops,
            beneficiaryId: m.dependant.dependantId,
            relationship: m.dependant.relationship,
            ruleIds: [
              ...args.ruleIds,
              'PAY-STOP-001',
              'PAY-ARR-001',
              ...(m.stops.some((s) => s.kind === 'end-of-study') ? (['PAY-STUDY-001'] as const) : []),
            ],
            rateTableVersions: args.versions,
            inputs: {
              ...args.inputs,
              group,
              groupFraction: formatRational(fraction),
              membersSharing: n,
              exactShare: formatRational(exact),
              [args.unit === 'day' ? 'dailyRateSen' : 'monthlyAmountSen']: rateSen,
              ...(closed && args.unit === 'day' ? { days } : {}),
            },
            explanation: `${args.benefitType === 'dependants' ? "Dependants' benefit" : "Survivors' pension"} for a ${m.dependant.relationship}: ${formatRational(fraction)} of the full rate shared by ${n} from ${seg.from}${seg.to ? ` to ${seg.to}` : ''}.`,
          })
        );
      }
    }
  }
  return lines;
}

/** Days of an inclusive period, used by tests and explanations. */
export const periodDays = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1;
