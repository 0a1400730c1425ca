import type { BenefitRuleId, BenefitType } from '../../schemas/benefits/award';
import { PeriodicRate } from '../../schemas/benefits/award';
import type { EngineParams } from '../../schemas/benefits/params';
import type { ColaRound, RateTables } from '../../schemas/benefits/rate-tables';
import { rowOn, uniq } from '../benefits/common';
import { add, mul, parseRational, pct, rat, roundToSen } from '../benefits/rounding';
import type { PeriodicTerms, RateChange } from './terms';

/**
 * The benefit types the pension minimum (PAY-MIN-001, INV-PEN-002, INV-SUR-002) applies to: the invalidity and
 * survivors' pensions, monthly-rated. PDB and dependants' benefit have their own daily floor (RM30.00, applied at
 * award, EI-PDB-002/EI-DEP-001), CAA is flat, and the EIS allowances are not pensions.
 */
export const MINIMUM_PENSION_TYPES: readonly BenefitType[] = ['invalidity-pension', 'survivors-pension'];

/** The rate in force on one date, with every step that produced it. */
export interface EffectiveRate {
  rate: PeriodicRate;
  ruleIds: BenefitRuleId[];
  /** The table that last changed the rate (the minimum, else the revision rounds, else the award's first table). */
  rateTableVersion?: string;
  /** Every table version behind the rate. */
  rateTableVersions: string[];
  /** Readable steps, e.g. `COLA-2023:+5%`, `INV-MIN-1100:minimum 55000`. */
  applied: string[];
}

/** The rate change in force on `date` (the latest effective on or before it), if any. */
function changeOn(terms: PeriodicTerms, date: string): RateChange | undefined {
  return [...(terms.rateChanges ?? [])]
    .filter((c) => c.effectiveDate <= date)
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate))
    .pop();
}

/** PAY-COLA-001: the rounds for `benefitType` effective after `after` and on or before `upTo`, oldest first. */
export function roundsBetween(
  benefitType: BenefitType,
  after: string,
  upTo: string,
  tables: Readonly<RateTables>,
  params: EngineParams
): ColaRound[] {
  return [...tables.colaRevisions.rounds, ...params.revision.extraRounds]
    .filter((r) => r.effectiveDate > after && r.effectiveDate <= upTo && r.benefitTypes.includes(benefitType))
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || a.id.localeCompare(b.id));
}

const percentOf = (text: string) => (text.trim().endsWith('%') ? parseRational(text) : pct(text));

/**
 * The effective rate of a periodic line on `date` (GEN-DATE-001: the payment or revision date governs):
 * 1. the awarded rate, or the latest {@link RateChange} effective on or before `date` (EI-DEP-004 and others);
 * 2. PAY-COLA-001: every cost-of-living round effective after the rate's `rateAsOf` and on or before `date`, from
 *    cola-revisions.json and `revision.extraRounds`, by the year the benefit began; rate × (1 + pct), rounded
 *    half-up once per round at the daily rate (daily-rated lines) or the monthly amount (monthly-rated); rounds
 *    compound (the arithmetic of `applyCola`);
 * 3. PAY-MIN-001 / INV-PEN-002 / INV-SUR-002, pensions only ({@link MINIMUM_PENSION_TYPES}): at least the pension
 *    percentage × the minimum wage in force on `date` (invalidity.json: RM1,100.00 from 2023-01-01, RM950.00 before;
 *    so RM550.00 / RM475.00 at 50 %), × the share fraction of a survivors' share, rounded once.
 * A daily rate's monthly amount is the rounded daily rate × `payment.daysPerMonth` (PAY-MON-001).
 */
export function effectiveRate(
  terms: PeriodicTerms,
  date: string,
  tables: Readonly<RateTables>,
  params: EngineParams
): EffectiveRate {
  const mode = params.rounding.mode;
  const change = changeOn(terms, date);
  const base = change?.rate ?? terms.rateBeforeMinimum ?? terms.rate;
  const basis = change?.rateAsOf ?? terms.rateAsOf;
  const ruleIds: BenefitRuleId[] = [...terms.ruleIds, ...(change?.ruleIds ?? [])];
  const versions = [...terms.rateTableVersions];
  const applied: string[] = change ? [`rate change from ${change.effectiveDate}: ${change.reason}`] : [];
  let lastVersion: string | undefined = terms.rateTableVersions[0];
  const daily = base.periodUnit === 'day';
  if (daily && base.dailyRateSen === undefined) throw new RangeError('a daily-rated line needs dailyRateSen');
  let unitSen: number = daily ? (base.dailyRateSen ?? 0) : base.monthlyAmountSen;

  const startYear = Number(terms.benefitStartDate.slice(0, 4));
  for (const round of roundsBetween(terms.benefitType, basis, date, tables, params)) {
    const row = round.rows.find((r) => r.startYearFrom <= startYear && startYear <= r.startYearTo);
    if (!row) continue;
    unitSen = roundToSen(mul(rat(unitSen), add(rat(1), pct(row.pct))), mode);
    applied.push(`${round.id}:+${row.pct}%`);
    ruleIds.push('PAY-COLA-001');
    versions.push(tables.colaRevisions.version);
    lastVersion = tables.colaRevisions.version;
  }

  if (!daily && MINIMUM_PENSION_TYPES.includes(terms.benefitType)) {
    const minRow = rowOn(tables.invalidity.minimumWage, date, 'invalidity minimum wage');
    const pensionPct = terms.minimumPensionPct
      ? percentOf(terms.minimumPensionPct)
      : pct(rowOn(tables.invalidity.rates, terms.benefitStartDate, 'invalidity rates').reducedPct);
    const share = parseRational(change?.shareFraction ?? terms.shareFraction ?? '1');
    const minimum = roundToSen(mul(mul(pensionPct, rat(minRow.minimumWageSen)), share), mode);
    ruleIds.push(
      'INV-PEN-002',
      'PAY-MIN-001',
      ...(terms.benefitType === 'survivors-pension' ? ['INV-SUR-002' as const] : [])
    );
    versions.push(tables.invalidity.version);
    if (minimum > unitSen) {
      unitSen = minimum;
      applied.push(`${minRow.id}:minimum ${minimum}`);
      lastVersion = tables.invalidity.version;
    }
  }

  const rate = PeriodicRate.parse(
    daily
      ? { periodUnit: 'day', dailyRateSen: unitSen, monthlyAmountSen: unitSen * params.payment.daysPerMonth }
      : { periodUnit: 'month', monthlyAmountSen: unitSen }
  );
  return {
    rate,
    ruleIds: uniq(ruleIds),
    ...(lastVersion !== undefined ? { rateTableVersion: lastVersion } : {}),
    rateTableVersions: uniq(versions),
    applied,
  };
}

/**
 * The dates strictly after `from` and on or before `to` on which the effective rate of `terms` may change: rate
 * changes, revision rounds after the rate's basis, and (pensions) the start of a new minimum-wage row. A period is
 * split into one segment per such date.
 */
export function rateChangeDates(
  terms: PeriodicTerms,
  from: string,
  to: string,
  tables: Readonly<RateTables>,
  params: EngineParams
): string[] {
  const bases = [terms.rateAsOf, ...(terms.rateChanges ?? []).map((c) => c.rateAsOf ?? terms.rateAsOf)];
  const earliestBasis = bases.sort()[0] ?? terms.rateAsOf;
  const dates = [
    ...(terms.rateChanges ?? []).map((c) => c.effectiveDate),
    ...roundsBetween(terms.benefitType, earliestBasis, to, tables, params).map((r) => r.effectiveDate),
    ...(MINIMUM_PENSION_TYPES.includes(terms.benefitType)
      ? tables.invalidity.minimumWage.flatMap((r) => (r.from === null ? [] : [r.from]))
      : []),
  ];
  return uniq(dates.filter((d) => d > from && d <= to)).sort();
}
