import type { AwardLine, BenefitRuleId } from '../../schemas/benefits/award';
import type { ContributionFact } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { BenefitType } from '../../schemas/benefits/award';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import type { Computed } from './common';
import { GEN_RULES, line, rowOn } from './common';
import { addMonths, monthsBetween } from '../../schemas/common/calendar';
import type { Rational } from './rounding';
import { add, cmp, formatRational, min, mul, parseRational, pct, rat, roundToSen } from './rounding';

/** The qualifying period met (INV-QP-001/002, INV-GRT-001), with the counts that decided it. */
export interface QualifyingPeriod {
  kind: 'full' | 'reduced' | 'grant' | 'none';
  contributions: number;
  inWindow: number;
  monthsSinceEntry: number;
  reason: string;
}

/**
 * INV-QP-001, INV-QP-002, INV-GRT-001: the qualifying period before `governingMonth` (the month the Invalidity
 * Notice is received, or the month of death). Distinct Act 4 contribution months are counted (WB-AAMW-002). Full:
 * ≥ 24 contributions in the 40 consecutive months before, or contributions in ≥ 2/3 of the complete months since
 * contributions first became payable (the first contribution month to the month before) and ≥ 24. Reduced: ≥ 1/3
 * (`inv.reducedQpFraction`) and ≥ 24. Otherwise, with ≥ 12 contributions, an invalidity grant.
 */
export function qualifyingPeriod(
  contributions: readonly ContributionFact[],
  governingMonth: string,
  tables: Readonly<RateTables>,
  params: EngineParams
): QualifyingPeriod {
  const q = tables.invalidity.qualifying;
  const months = [
    ...new Set(contributions.filter((c) => c.scheme === 'act4' && c.month < governingMonth).map((c) => c.month)),
  ].sort();
  const windowFrom = addMonths(governingMonth, -q.windowMonths);
  const inWindow = months.filter((m) => m >= windowFrom).length;
  const first = months[0];
  const monthsSinceEntry = first ? monthsBetween(first, governingMonth) : 0;
  const total = months.length;
  const share = (fraction: string) =>
    total >= q.minContributions &&
    monthsSinceEntry > 0 &&
    cmp(rat(total, monthsSinceEntry), parseRational(fraction)) >= 0;
  const counts = `${total} contribution month(s) in all, ${inWindow} in the ${q.windowMonths} months before ${governingMonth}, ${monthsSinceEntry} complete month(s) since entry`;
  if (inWindow >= q.minContributions)
    return {
      kind: 'full',
      contributions: total,
      inWindow,
      monthsSinceEntry,
      reason: `full qualifying period: ${counts}`,
    };
  if (share(q.fullFraction))
    return {
      kind: 'full',
      contributions: total,
      inWindow,
      monthsSinceEntry,
      reason: `full qualifying period (2/3 rule): ${counts}`,
    };
  if (share(params.inv.reducedQpFraction))
    return {
      kind: 'reduced',
      contributions: total,
      inWindow,
      monthsSinceEntry,
      reason: `reduced qualifying period: ${counts}`,
    };
  if (total >= q.grantMinContributions)
    return {
      kind: 'grant',
      contributions: total,
      inWindow,
      monthsSinceEntry,
      reason: `qualifying period not met, grant only: ${counts}`,
    };
  return {
    kind: 'none',
    contributions: total,
    inWindow,
    monthsSinceEntry,
    reason: `qualifying period not met: ${counts}`,
  };
}

/**
 * PAY-COLA-001: applies the dated cost-of-living rounds in force on `asOf` to a monthly or daily amount, by the year
 * the benefit began. Rounds compound, each rounded half-up once. The 2023 round is loaded empty (`revision.tables`).
 */
export function applyCola(
  amountSen: number,
  benefitType: BenefitType,
  startYear: number,
  asOf: string,
  tables: Readonly<RateTables>,
  params: EngineParams
): { amountSen: number; applied: string[] } {
  const rounds = [...tables.colaRevisions.rounds, ...params.revision.extraRounds]
    .filter((r) => r.effectiveDate <= asOf && r.benefitTypes.includes(benefitType))
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  let amount = amountSen;
  const applied: string[] = [];
  for (const r of rounds) {
    const row = r.rows.find((x) => x.startYearFrom <= startYear && startYear <= x.startYearTo);
    if (!row) continue;
    amount = roundToSen(mul(rat(amount), add(rat(1), pct(row.pct))), params.rounding.mode);
    applied.push(`${r.id}:+${row.pct}%`);
  }
  return { amountSen: amount, applied };
}

/**
 * INV-PEN-001/002, INV-SUR-002, PAY-COLA-001, PAY-MIN-001: the monthly pension. Full qualifying period: 50 % of the
 * AAMW + 1 % per complete 12 contributions beyond the first 24, up to 65 %; reduced: a flat 50 %. The pension is
 * revised by the cost-of-living rounds, then the minimum applies: the same percentage of the minimum wage in force
 * in the payment month (`asOf`, or the start if later): RM1,100.00 from 1 Jan 2023, RM950.00 before. Rounded once
 * at the monthly amount (GEN-RND-001).
 */
export function pensionMonthly(args: {
  aamw: Rational;
  qp: QualifyingPeriod;
  startDate: string;
  asOf: string;
  benefitType: 'invalidity-pension' | 'survivors-pension';
  tables: Readonly<RateTables>;
  params: EngineParams;
}): Computed {
  const { tables, params } = args;
  const r = rowOn(tables.invalidity.rates, args.startDate, 'invalidity rates');
  const steps =
    args.qp.kind === 'full'
      ? Math.max(0, Math.floor((args.qp.contributions - r.baseContributions) / r.stepContributions))
      : 0;
  const percent =
    args.qp.kind === 'full'
      ? min(add(pct(r.basePct), mul(rat(steps), pct(r.stepPct))), pct(r.maxPct))
      : pct(r.reducedPct);
  const paymentDate = args.asOf > args.startDate ? args.asOf : args.startDate;
  const minRow = rowOn(tables.invalidity.minimumWage, paymentDate, 'invalidity minimum wage');
  const fromWage = roundToSen(mul(percent, args.aamw), params.rounding.mode);
  const revised = applyCola(fromWage, args.benefitType, Number(args.startDate.slice(0, 4)), args.asOf, tables, params);
  const minimum = roundToSen(mul(percent, rat(minRow.minimumWageSen)), params.rounding.mode);
  const amountSen = Math.max(revised.amountSen, minimum);
  return {
    amountSen,
    ruleIds: ['INV-PEN-001', 'INV-PEN-002', 'PAY-COLA-001', 'PAY-MIN-001', ...GEN_RULES],
    rateTableVersion: tables.invalidity.version,
    inputs: {
      aamw: formatRational(args.aamw),
      qualifyingPeriod: args.qp.kind,
      contributions: args.qp.contributions,
      stepsBeyondBase: steps,
      pensionPct: `${formatRational(mul(percent, rat(100)))}%`,
      pensionFromWageSen: fromWage,
      colaApplied: revised.applied.join(',') || 'none',
      minimumWageRow: minRow.id,
      minimumWageSen: minRow.minimumWageSen,
      minimumPensionSen: minimum,
      minimumApplied: minimum > revised.amountSen ? 'yes' : 'no',
      monthlyAmountSen: amountSen,
    },
  };
}

/** INV-PEN-001 to INV-PEN-004: the invalidity pension line, from the notice date (or a later resignation). */
export function invalidityPensionLine(args: {
  monthly: Computed;
  beneficiaryId: string;
  startDate: string;
  tables: Readonly<RateTables>;
  extraRuleIds: BenefitRuleId[];
}): AwardLine {
  return line({
    lineId: 'INV-1',
    benefitType: 'invalidity-pension',
    kind: 'periodic',
    status: 'payable',
    amountSen: args.monthly.amountSen,
    amountBasis: 'per-period',
    rate: { periodUnit: 'month', monthlyAmountSen: args.monthly.amountSen },
    period: { from: args.startDate },
    startDate: args.startDate,
    stopConditions: [{ kind: 'recovery' }, { kind: 'death', beneficiaryId: args.beneficiaryId }],
    beneficiaryId: args.beneficiaryId,
    relationship: 'self',
    ruleIds: [
      'INV-DEF-001',
      'INV-AGE-001',
      'INV-QP-001',
      'INV-PEN-003',
      'PAY-STOP-001',
      'PAY-ARR-001',
      ...args.monthly.ruleIds,
      ...args.extraRuleIds,
    ],
    rateTableVersions: [args.tables.invalidity.version, args.tables.colaRevisions.version],
    inputs: args.monthly.inputs,
    explanation: `Invalidity pension: ${args.monthly.inputs.pensionPct} of the average assumed monthly wage (minimum applied), monthly from ${args.startDate}; becomes a survivors' pension at death.`,
  });
}

/** INV-GRT-001 (`inv.grantFormula`): the invalidity grant, a one-off amount entered by an officer. */
export function invalidityGrantLine(
  qp: QualifyingPeriod,
  beneficiaryId: string,
  startDate: string,
  officerSen: number | undefined
): AwardLine {
  return line({
    lineId: 'INV-GRANT',
    benefitType: 'invalidity-grant',
    kind: 'lump-sum',
    status: officerSen === undefined ? 'officer-review' : 'payable',
    amountSen: officerSen ?? 0,
    amountBasis: 'lump-sum',
    startDate,
    stopConditions: [],
    beneficiaryId,
    relationship: 'self',
    ruleIds: ['INV-GRT-001', 'INV-QP-001', 'INV-QP-002'],
    rateTableVersions: [],
    inputs: {
      contributions: qp.contributions,
      grantFormula: 'entered-by-officer',
      amountSource: officerSen === undefined ? 'pending-officer' : 'officer',
    },
    explanation:
      'Invalidity grant: the qualifying period is not met but at least 12 contributions were paid; the amount is set by an officer.',
  });
}
