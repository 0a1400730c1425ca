import type { AwardLine, BenefitRuleId, WageBaseSummary } from '../../schemas/benefits/award';
import type { ClaimFacts } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { formatRinggit } from '../../schemas/common/money';
import type { DecisionLog } from './common';
import { line, rowOn } from './common';
import { addMonths } from '../../schemas/common/calendar';
import type { SeClassification } from './eligibility';
import type { RateBasis } from './rates';
import { eiRates } from './rates';
import type { Rational } from './rounding';
import { cmp, div, formatRational, min, rat, roundToSen, sum } from './rounding';
import type { WageBase } from './wage-base';
import { NoWageBaseError } from './wage-base';

/**
 * The scheme rules every amount of a self-employed or gig claim cites: SE-COV-001/SE-BEN-001 always; the plan rule
 * SE-CON-001 on plan rules (with GIG-COM-001 when a gig worker falls back to them); the GIG rules on platform
 * earnings.
 */
export function schemeRuleIds(cls: SeClassification): BenefitRuleId[] {
  if (cls.claimClass === 'GIG') return ['SE-COV-001', 'SE-BEN-001', 'GIG-COM-001', 'GIG-CON-001', 'GIG-BEN-001'];
  return ['SE-COV-001', 'SE-CON-001', 'SE-BEN-001', ...(cls.gigFallback ? ['GIG-COM-001' as const] : [])];
}

/**
 * SE-BEN-001: the rates of a self-employment injury: the EI rates on the injury date (EI-TDB-002/003, EI-PDB-002,
 * EI-DEP-001; "at EI rates", `se.wageBase`), tagged with the scheme rules and the self-employment table version, so
 * the existing TDB, PDB, CAA and dependants' functions compute the amounts unchanged.
 */
export function selfEmploymentRates(tables: Readonly<RateTables>, cls: SeClassification): RateBasis {
  const ei = eiRates(tables, cls.accidentDate);
  return {
    ...ei,
    ruleIds: schemeRuleIds(cls),
    versions: [...ei.versions, tables.selfEmployment.version],
    inputs: {
      ...ei.inputs,
      scheme: cls.claimClass === 'GIG' ? 'gig' : 'act789',
      ...(cls.plan
        ? {
            sePlan: cls.plan.plan ?? 'none (insured earnings)',
            insuredEarningsSen: cls.plan.insuredEarningsSen,
            sePlanRow: cls.plan.tableRowId,
          }
        : {}),
    },
  };
}

/** Adds the scheme rules and the self-employment table version to lines built by the shared benefit functions. */
export function withSchemeRules(
  lines: readonly AwardLine[],
  ruleIds: readonly BenefitRuleId[],
  tableVersion: string
): AwardLine[] {
  return lines.map((l) =>
    line({ ...l, ruleIds: [...l.ruleIds, ...ruleIds], rateTableVersions: [...l.rateTableVersions, tableVersion] })
  );
}

/** Builds a wage base from an exact monthly amount. */
function wageBaseOf(aamw: Rational, summary: Omit<WageBaseSummary, 'aamw' | 'aamwSen' | 'dailyWage'>, flags: string[]) {
  const dailyWage = div(aamw, rat(30));
  return {
    aamw,
    dailyWage,
    summary: {
      aamw: formatRational(aamw),
      aamwSen: roundToSen(aamw) as WageBaseSummary['aamwSen'],
      dailyWage: formatRational(dailyWage),
      ...summary,
    },
    flags,
  };
}

/**
 * SE-BEN-001 (`se.wageBase`) and GIG-BEN-001 (`gig.wageBase`): the wage base of a self-employed or gig claim, logged
 * like the Act 4 one (WB-DAY-001: ÷ 30, exact).
 * - SE: the insured earnings of the plan in force on the injury date, used as the AAMW.
 * - GIG: the average net platform earnings of the `gig.windowMonths` (6) months before the month of injury,
 *   counting only months with a platform deduction (GIG-CON-001), capped at the table's cap (RM3,950.00) or
 *   `gig.wageBaseCapSen`; `gig.wageBase` says whether the average or each month is capped. With no counted month:
 *   the officer's comparator (flagged, WB-FALL-001), else no wage base (an officer decides).
 */
export function selfEmploymentWageBase(
  facts: ClaimFacts,
  cls: SeClassification,
  tables: Readonly<RateTables>,
  params: EngineParams,
  log: DecisionLog
): WageBase {
  const version = tables.selfEmployment.version;
  if (cls.claimClass === 'SE' && cls.plan) {
    const plan = cls.plan;
    const wb = wageBaseOf(
      rat(plan.insuredEarningsSen),
      {
        monthsCounted: [`${cls.injuryMonth}:${plan.insuredEarningsSen}`],
        window: { from: plan.from, to: plan.to ?? cls.accidentDate },
        source: 'se-plan',
        ruleIds: ['SE-BEN-001', 'SE-CON-001', 'WB-DAY-001'],
        rateTableVersions: [version],
      },
      []
    );
    log.add(
      'WAGE_BASE',
      'info',
      wb.summary.ruleIds,
      `Self-employment wage base (se.wageBase ${params.se.wageBase}): ${plan.plan !== null ? `plan ${plan.plan} ` : ''}insured earnings ${formatRinggit(plan.insuredEarningsSen)} used as the average assumed monthly wage, ÷ 30 a day.`
    );
    return wb;
  }

  const se = facts.selfEmployment;
  const gig = rowOn(tables.selfEmployment.gig, cls.accidentDate, 'gig rules');
  const capSen = params.gig.wageBaseCapSen ?? gig.wageBaseCapSen;
  const window = { from: addMonths(cls.injuryMonth, -params.gig.windowMonths), to: addMonths(cls.injuryMonth, -1) };
  const inWindow = (se?.platformEarnings ?? [])
    .filter((m) => m.month >= window.from && m.month <= window.to)
    .sort((a, b) => a.month.localeCompare(b.month));
  const counted = inWindow.filter((m) => m.deductionSen > 0);
  const skipped = inWindow.filter((m) => m.deductionSen === 0);
  const ruleIds: BenefitRuleId[] = ['GIG-BEN-001', 'GIG-CON-001', 'WB-DAY-001'];
  if (skipped.length > 0) {
    log.add(
      'GIG_MONTH_WITHOUT_DEDUCTION',
      'info',
      ['GIG-BEN-001', 'GIG-CON-001'],
      `No platform deduction in ${skipped.map((m) => m.month).join(', ')}: not counted in the sum or the divisor.`
    );
  }
  const summaryBase = { window, rateTableVersions: [version] };
  let wb: WageBase;
  if (counted.length > 0) {
    const each = counted.map((m) =>
      params.gig.wageBase === 'average-of-capped-months' ? Math.min(m.netEarningsSen, capSen) : m.netEarningsSen
    );
    const average = div(sum(each.map((x) => rat(x))), rat(counted.length));
    const aamw = min(average, rat(capSen));
    if (cmp(average, rat(capSen)) > 0 || each.some((x, i) => x !== counted[i]?.netEarningsSen)) {
      log.add(
        'GIG_WAGE_BASE_CAPPED',
        'info',
        ['GIG-BEN-001'],
        `Net platform earnings above ${formatRinggit(capSen)} count at the cap (gig.wageBase ${params.gig.wageBase}; ${gig.id}).`
      );
    }
    wb = wageBaseOf(
      aamw,
      {
        ...summaryBase,
        monthsCounted: counted.map((m) => `${m.month}:${m.netEarningsSen}`),
        source: 'gig-platform-earnings',
        ruleIds,
      },
      []
    );
  } else if (facts.officer.comparatorAamwSen !== undefined && facts.officer.comparatorAamwSen > 0) {
    wb = wageBaseOf(
      rat(Math.min(facts.officer.comparatorAamwSen, capSen)),
      { ...summaryBase, monthsCounted: [], source: 'officer-comparator', ruleIds: [...ruleIds, 'WB-FALL-001'] },
      ['WB_FALLBACK_COMPARATOR']
    );
    log.add(
      'WB_FALLBACK_COMPARATOR',
      'flag',
      ['WB-FALL-001', 'GIG-BEN-001'],
      "No month with a platform deduction in the window: the officer's comparator wage is used (capped)."
    );
  } else {
    throw new NoWageBaseError(
      `no month with a platform deduction in ${window.from}..${window.to} and no officer comparator (GIG-BEN-001)`
    );
  }
  log.add(
    'WAGE_BASE',
    'info',
    wb.summary.ruleIds,
    `Gig wage base (gig.wageBase ${params.gig.wageBase}): ${formatRational(wb.aamw)} sen a month over ${counted.length} month(s) with a platform deduction (${gig.deductionPct} % of net earnings) in ${window.from}..${window.to}, capped at ${formatRinggit(capSen)}.`
  );
  return wb;
}
