import type { BenefitRuleId, WageBaseSummary } from '../../schemas/benefits/award';
import type { ContributionFact } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { BandRow, CeilingRow } from '../../schemas/benefits/rate-tables';
import { rowOn } from './common';
import { addMonths } from '../../schemas/common/calendar';
import type { Rational } from './rounding';
import { div, formatRational, rat, roundToSen } from './rounding';

/** The ceiling and band tables of one scheme (Act 4 or Act 800), with their versions. */
export interface WageTables {
  readonly ceilings: readonly CeilingRow[];
  readonly ceilingVersion: string;
  readonly bands: readonly BandRow[];
  readonly bandVersion: string;
}

/** The assumed monthly wage of one contribution month, with the rows that produced it. */
export interface AssumedWage {
  assumedSen: number;
  ceilingRowId: string;
  bandRowId: string;
  band: string;
}

/**
 * WB-BAND-001 / WB-CEIL-001: the assumed monthly wage of an actual wage in a contribution month. The ceiling is the
 * one in force in that month (GEN-DATE-001). Above the ceiling: the top band's assumed wage (RM5,950.00 from Oct
 * 2024). Above RM300.00: the RM100.00 band's upper bound less RM50.00. Up to RM300.00: `wb.lowBandTable`, else the
 * table's midpoints.
 */
export function assumedWage(
  wageSen: number,
  month: string,
  tables: WageTables,
  lowBandOverride: EngineParams['wb']['lowBandTable']
): AssumedWage {
  const date = `${month}-01`;
  const ceiling = rowOn(tables.ceilings, date, 'wage ceilings');
  const bands = rowOn(tables.bands, date, 'wage bands');
  const base = { ceilingRowId: ceiling.id, bandRowId: bands.id };
  if (wageSen > ceiling.ceilingSen) {
    return { ...base, assumedSen: ceiling.topAssumedSen, band: `above ${ceiling.ceilingSen}` };
  }
  const low = lowBandOverride ?? bands.lowBands;
  const lowBand = low.find((b) => wageSen <= b.upToSen);
  if (lowBand) return { ...base, assumedSen: lowBand.assumedSen, band: `to ${lowBand.upToSen}` };
  const upper = Math.ceil(wageSen / bands.bandWidthSen) * bands.bandWidthSen;
  return {
    ...base,
    assumedSen: upper - bands.assumedBelowUpperSen,
    band: `${upper - bands.bandWidthSen + 1}-${upper}`,
  };
}

/** The result of {@link averageAssumedMonthlyWage}: the exact AAMW and daily wage, and an audit summary. */
export interface WageBase {
  aamw: Rational;
  dailyWage: Rational;
  summary: WageBaseSummary;
  flags: string[];
}

/** What a wage base is computed from. */
export interface WageBaseInput {
  contributions: readonly ContributionFact[];
  scheme: 'act4' | 'act800';
  /** The month of injury (or of the notice, death or LOE); the window is the 6 months before it (WB-AAMW-001). */
  governingMonth: string;
  windowMonths?: number;
  tables: WageTables;
  params: EngineParams;
  comparatorAamwSen?: number | undefined;
  declaredContractualWageSen?: number | undefined;
  /** Restricts the months to one employer's contributions (EIS-RIA-001, the lost job). */
  employerId?: string | undefined;
}

/** Thrown when no wage base can be found: no contribution month, no comparator and no declared wage (never zero). */
export class NoWageBaseError extends Error {
  override readonly name = 'NoWageBaseError';
}

/**
 * WB-AAMW-001/002, WB-DAY-001, WB-FALL-001: the average assumed monthly wage over the continuous 6 months
 * immediately before the governing month. Only months with a contribution paid or payable count, in both sum and
 * divisor; two contributions for one month count once (the higher assumed wage is used). Daily wage = AAMW ÷ 30,
 * exact. With no month in the window: the officer's comparator, else (`wb.fallback`) the band of the declared
 * contractual wage in the governing month, flagged `WB_FALLBACK_DECLARED_WAGE`.
 */
export function averageAssumedMonthlyWage(input: WageBaseInput): WageBase {
  const { tables, params } = input;
  const n = input.windowMonths ?? 6;
  const window = { from: addMonths(input.governingMonth, -n), to: addMonths(input.governingMonth, -1) };
  const byMonth = new Map<string, AssumedWage>();
  for (const c of input.contributions) {
    if (c.scheme !== input.scheme || c.month < window.from || c.month > window.to) continue;
    if (input.employerId !== undefined && c.employerId !== input.employerId) continue;
    const a = assumedWage(c.wageSen, c.month, tables, params.wb.lowBandTable);
    const prev = byMonth.get(c.month);
    if (!prev || a.assumedSen > prev.assumedSen) byMonth.set(c.month, a); // WB-AAMW-002: one per month
  }
  const months = [...byMonth.keys()].sort();
  const ruleIds: BenefitRuleId[] = ['WB-AAMW-001', 'WB-AAMW-002', 'WB-BAND-001', 'WB-CEIL-001', 'WB-DAY-001'];
  const versions = [tables.ceilingVersion, tables.bandVersion];
  const summary = (aamw: Rational, source: WageBaseSummary['source'], extra: BenefitRuleId[]): WageBaseSummary => ({
    aamw: formatRational(aamw),
    aamwSen: roundToSen(aamw) as WageBaseSummary['aamwSen'],
    dailyWage: formatRational(div(aamw, rat(30))),
    monthsCounted: months.map((m) => `${m}:${byMonth.get(m)?.assumedSen ?? 0}`),
    window,
    source,
    ruleIds: [...ruleIds, ...extra],
    rateTableVersions: versions,
  });
  if (months.length > 0) {
    const total = months.reduce((s, m) => s + (byMonth.get(m)?.assumedSen ?? 0), 0);
    const aamw = rat(total, months.length);
    return { aamw, dailyWage: div(aamw, rat(30)), summary: summary(aamw, 'contributions', []), flags: [] };
  }
  if (input.comparatorAamwSen !== undefined && input.comparatorAamwSen > 0) {
    const aamw = rat(input.comparatorAamwSen);
    return {
      aamw,
      dailyWage: div(aamw, rat(30)),
      summary: summary(aamw, 'officer-comparator', ['WB-FALL-001']),
      flags: ['WB_FALLBACK_COMPARATOR'],
    };
  }
  if (
    params.wb.fallback === 'officer-comparator-then-declared-wage' &&
    input.declaredContractualWageSen !== undefined
  ) {
    const a = assumedWage(input.declaredContractualWageSen, input.governingMonth, tables, params.wb.lowBandTable);
    const aamw = rat(a.assumedSen);
    return {
      aamw,
      dailyWage: div(aamw, rat(30)),
      summary: summary(aamw, 'declared-wage', ['WB-FALL-001']),
      flags: ['WB_FALLBACK_DECLARED_WAGE'],
    };
  }
  throw new NoWageBaseError(
    `no contribution month in ${window.from}..${window.to}, no officer comparator and no declared wage (WB-FALL-001)`
  );
}
