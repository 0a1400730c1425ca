import { z } from 'zod';
import { IsoDate, YearMonth } from '../common/dates';
import { Sen } from '../common/money';
import { BenefitRuleId, BenefitType } from './award';

/**
 * An exact number as text, never a float (GEN-MNY-001): an integer or decimal (`"80"`, `"0.75"`) or a fraction
 * (`"3/5"`). Percentages are written as the number of percent (`"80"` means 80 %).
 */
export const ExactNumber = z
  .string()
  .regex(/^\d+(\.\d+)?$|^\d+\/[1-9]\d*$/, 'expected an exact number like "80", "0.75" or "3/5"');
export type ExactNumber = z.infer<typeof ExactNumber>;

/**
 * The dated part of every rate-table row (GEN-DATE-001): `from`/`to` are inclusive; `null` means open. A row
 * applies to a governing date when `from ≤ date ≤ to`. Rows of one table must not overlap.
 */
const dated = {
  id: z.string().min(1),
  from: IsoDate.nullable(),
  to: IsoDate.nullable(),
};

/** Checks that the dated rows of a table are sorted and do not overlap, naming the row that breaks the order. */
function nonOverlapping<T extends { from: string | null; to: string | null }>(rows: T[], ctx: z.RefinementCtx): void {
  rows.forEach((row, i) => {
    if (row.from && row.to && row.to < row.from)
      ctx.addIssue({ code: 'custom', path: [i, 'to'], message: 'before from' });
    const prev = rows[i - 1];
    if (prev && (prev.to === null || row.from === null || row.from <= prev.to)) {
      ctx.addIssue({ code: 'custom', path: [i, 'from'], message: 'overlaps the previous row' });
    }
  });
}

/** A list of dated rows, validated for order and overlap. */
const datedRows = <T extends z.ZodType<{ from: string | null; to: string | null }>>(row: T) =>
  z.array(row).min(1).superRefine(nonOverlapping);

/** The header every table carries: its version id (recorded on each award line), the rules and the source. */
const header = {
  version: z.string().min(1),
  ruleIds: z.array(BenefitRuleId).min(1),
  source: z.string().min(1),
};

/** WB-CEIL-001: the insured-wage ceiling and the top band's assumed wage, dated by contribution month. */
export const CeilingRow = z.object({ ...dated, ceilingSen: Sen, topAssumedSen: Sen }).strict();
export type CeilingRow = z.infer<typeof CeilingRow>;
/** The wage-ceiling table (WB-CEIL-001). */
export const WageCeilingTable = z.object({ ...header, rows: datedRows(CeilingRow) }).strict();
export type WageCeilingTable = z.infer<typeof WageCeilingTable>;

/** One small band up to RM300.00 with its assumed wage (WB-BAND-001, `wb.lowBandTable`). */
export const LowBand = z.object({ upToSen: Sen, assumedSen: Sen }).strict();
export type LowBand = z.infer<typeof LowBand>;

/**
 * WB-BAND-001: the band schedule. Small bands as listed; above them, bands `bandWidthSen` wide up to the month's
 * ceiling, whose assumed wage is the upper bound less `assumedBelowUpperSen`; wages above the ceiling take the top
 * band's assumed wage.
 */
export const BandRow = z
  .object({
    ...dated,
    lowBands: z.array(LowBand).min(1),
    lowBandsPublished: z.boolean(),
    bandWidthSen: Sen,
    assumedBelowUpperSen: Sen,
  })
  .strict();
export type BandRow = z.infer<typeof BandRow>;
/** The wage-band table (WB-BAND-001). */
export const WageBandTable = z.object({ ...header, rows: datedRows(BandRow) }).strict();
export type WageBandTable = z.infer<typeof WageBandTable>;

/** EI rates by accident date: TDB 80 %, PDB 90 %, dependants 90 %, the RM30.00 daily minimum (EI-TDB-002/003). */
export const BenefitRateRow = z
  .object({
    ...dated,
    tdbPct: ExactNumber,
    pdbTotalPct: ExactNumber,
    dependantsPct: ExactNumber,
    dailyMinimumSen: Sen,
    daysPerMonthDivisor: z.number().int().positive(),
  })
  .strict();
export type BenefitRateRow = z.infer<typeof BenefitRateRow>;
/** The EI benefit-rate table. */
export const BenefitRateTable = z.object({ ...header, rows: datedRows(BenefitRateRow) }).strict();
export type BenefitRateTable = z.infer<typeof BenefitRateTable>;

/** One LINDUNG 24 Jam phase (NEI-PH-001, NEI-RATE-001), selected by the accident date. */
export const LindungPhaseRow = z
  .object({
    phase: z.number().int().min(1).max(3),
    from: IsoDate,
    to: IsoDate.nullable(),
    tdbPct: ExactNumber,
    pdbTotalPct: ExactNumber,
    contributionPct: ExactNumber,
  })
  .strict();
export type LindungPhaseRow = z.infer<typeof LindungPhaseRow>;
/** LINDUNG 24 Jam commencement, participation dates and phases. */
export const LindungPhaseTable = z
  .object({
    ...header,
    commencement: IsoDate,
    mandatoryMonth: YearMonth,
    localOptOutFrom: IsoDate,
    autoActivationDate: IsoDate,
    phases: z.array(LindungPhaseRow).min(1).superRefine(nonOverlapping),
  })
  .strict();
export type LindungPhaseTable = z.infer<typeof LindungPhaseTable>;

/** EI-CAA-002: the flat constant-attendance allowance per month. */
export const CaaRow = z.object({ ...dated, monthlySen: Sen }).strict();
/** The CAA table. */
export const CaaTable = z.object({ ...header, rows: datedRows(CaaRow) }).strict();
export type CaaTable = z.infer<typeof CaaTable>;

/** EI-FUN-002: the funeral benefit by date of death. */
export const FuneralRow = z.object({ ...dated, amountSen: Sen }).strict();
/** The funeral-benefit table. */
export const FuneralTable = z.object({ ...header, rows: datedRows(FuneralRow) }).strict();
export type FuneralTable = z.infer<typeof FuneralTable>;

/** INV-PEN-001: pension percentage steps. */
export const InvalidityRateRow = z
  .object({
    ...dated,
    basePct: ExactNumber,
    baseContributions: z.number().int().nonnegative(),
    stepPct: ExactNumber,
    stepContributions: z.number().int().positive(),
    maxPct: ExactNumber,
    reducedPct: ExactNumber,
  })
  .strict();
export type InvalidityRateRow = z.infer<typeof InvalidityRateRow>;
/** INV-PEN-002: the minimum wage a pension is computed on, by payment month. */
export const InvalidityMinimumRow = z.object({ ...dated, minimumWageSen: Sen }).strict();
/** INV-AGE-001: age limits, by the date of invalidity or death. */
export const InvalidityAgeRow = z
  .object({ ...dated, entryBeforeAge: z.number().int(), eventBeforeAge: z.number().int() })
  .strict();
/** The invalidity-scheme table (INV-*). */
export const InvalidityTable = z
  .object({
    ...header,
    rates: datedRows(InvalidityRateRow),
    minimumWage: datedRows(InvalidityMinimumRow),
    ageLimits: datedRows(InvalidityAgeRow),
    qualifying: z
      .object({
        windowMonths: z.number().int().positive(),
        minContributions: z.number().int().positive(),
        fullFraction: ExactNumber,
        grantMinContributions: z.number().int().positive(),
      })
      .strict(),
  })
  .strict();
export type InvalidityTable = z.infer<typeof InvalidityTable>;

/** PAY-COLA-001: one row of a cost-of-living round, by the year the benefit began. */
export const ColaRow = z
  .object({ startYearFrom: z.number().int(), startYearTo: z.number().int(), pct: ExactNumber })
  .strict();
/** PAY-COLA-001: one dated cost-of-living round. */
export const ColaRound = z
  .object({ id: z.string().min(1), effectiveDate: IsoDate, benefitTypes: z.array(BenefitType), rows: z.array(ColaRow) })
  .strict();
export type ColaRound = z.infer<typeof ColaRound>;
/** The cost-of-living revision rounds (PAY-COLA-001, `revision.tables`). */
export const ColaTable = z.object({ ...header, rounds: z.array(ColaRound) }).strict();
export type ColaTable = z.infer<typeof ColaTable>;

/** EI-DEP-002/005/006: the group fractions and age limits. */
export const DependantShareRow = z
  .object({
    ...dated,
    spouses: ExactNumber,
    children: ExactNumber,
    parents: ExactNumber,
    siblings: ExactNumber,
    grandparents: ExactNumber,
    childAgeLimit: z.number().int().positive(),
    siblingAgeLimit: z.number().int().positive(),
    remarriageIgnoredFrom: IsoDate,
  })
  .strict();
export type DependantShareRow = z.infer<typeof DependantShareRow>;
/** The dependants' shares table. */
export const DependantShareTable = z.object({ ...header, rows: datedRows(DependantShareRow) }).strict();
export type DependantShareTable = z.infer<typeof DependantShareTable>;

/** EIS (Act 800) rates, durations and limits, by the date of loss of employment. */
export const EisRateRow = z
  .object({
    ...dated,
    jsaPcts: z.array(ExactNumber).min(1),
    durations: z.array(z.object({ minContributions: z.number().int(), months: z.number().int() }).strict()).min(1),
    claimWindowDays: z.number().int().positive(),
    eraPct: ExactNumber,
    trainingFeeCapSen: Sen,
    trainingMaxMonths: z.number().int().positive(),
    trainingAllowanceMinSen: Sen,
    trainingAllowanceMaxSen: Sen,
    minAge: z.number().int(),
    maxAge: z.number().int(),
    noPriorContributionAge: z.number().int(),
  })
  .strict();
export type EisRateRow = z.infer<typeof EisRateRow>;
/** The EIS table: a second scheme with its own ceilings, bands and rates (Act 800). */
export const EisTable = z
  .object({
    ...header,
    commencement: IsoDate,
    ceilings: datedRows(CeilingRow),
    bands: datedRows(BandRow),
    rates: datedRows(EisRateRow),
    qualifyingReasons: z.array(z.string()),
    nonQualifyingReasons: z.array(z.string()),
  })
  .strict();
export type EisTable = z.infer<typeof EisTable>;

/**
 * EI-PDB-004/006: a commutation-factor table by age at award (`pdb.commutationTable`). None is published; a table
 * marked `illustrative` may be loaded by tests.
 */
export const CommutationTable = z
  .object({
    ...header,
    illustrative: z.boolean(),
    rows: datedRows(
      z
        .object({
          ...dated,
          factors: z.array(
            z.object({ ageFrom: z.number().int(), ageTo: z.number().int(), factor: ExactNumber }).strict()
          ),
        })
        .strict()
    ),
  })
  .strict();
export type CommutationTable = z.infer<typeof CommutationTable>;

/** SE-COV-001: the Act 789 sectors, each with the date its cover began (facts `selfEmployment.sector`). */
export const SeSector = z.enum(['passenger-transport', 'p-hailing', 'extended-sector']);
export type SeSector = z.infer<typeof SeSector>;

/**
 * SE-COV-001: one sector's cover. `coveredFrom` is the first day a self-employment injury in the sector is covered
 * (never before `se.commencement`); `compulsoryFrom` the day registration became compulsory (p-hailing, 1 Oct 2021),
 * stated on the award but not a condition of cover.
 */
export const SeSectorRow = z
  .object({
    sector: SeSector,
    description: z.string().min(1),
    coveredFrom: IsoDate,
    compulsoryFrom: IsoDate.nullable(),
  })
  .strict();
export type SeSectorRow = z.infer<typeof SeSectorRow>;

/** SE-CON-001: one contribution plan: insured earnings and the printed monthly and yearly contributions. */
export const SePlan = z
  .object({
    plan: z.number().int().min(1).max(4),
    insuredEarningsSen: Sen,
    monthlyContributionSen: Sen,
    yearlyContributionSen: Sen,
  })
  .strict()
  .refine((p) => p.yearlyContributionSen === p.monthlyContributionSen * 12, {
    message: 'the yearly contribution must be 12 × the monthly contribution',
    path: ['yearlyContributionSen'],
  });
export type SePlan = z.infer<typeof SePlan>;

/**
 * SE-CON-001: the plans in force on a date. Contributions are read from the printed table, never computed from
 * `contributionPct` (the table's rounding is irregular, as WB-CON-001 notes for Act 4); plans are numbered 1.. in
 * order of rising insured earnings.
 */
export const SePlanRow = z
  .object({ ...dated, contributionPct: ExactNumber, plans: z.array(SePlan).min(1) })
  .strict()
  .superRefine((row, ctx) => {
    row.plans.forEach((p, i) => {
      if (p.plan !== i + 1)
        ctx.addIssue({ code: 'custom', path: ['plans', i, 'plan'], message: `expected plan ${i + 1}` });
      const prev = row.plans[i - 1];
      if (prev && p.insuredEarningsSen <= prev.insuredEarningsSen)
        ctx.addIssue({ code: 'custom', path: ['plans', i, 'insuredEarningsSen'], message: 'must rise with the plan' });
    });
  });
export type SePlanRow = z.infer<typeof SePlanRow>;

/**
 * GIG-CON-001 / GIG-BEN-001: the gig-worker rules once `gig.commencementDate` is set: the platform deduction rate
 * (1.25 % of earnings after commission and tips) and the cap on the wage base (RM3,950.00, plan 4's insured
 * earnings).
 */
export const GigRow = z.object({ ...dated, deductionPct: ExactNumber, wageBaseCapSen: Sen }).strict();
export type GigRow = z.infer<typeof GigRow>;

/** The self-employment (Act 789) and gig-worker table: sectors, dated plans and the gig rules. */
export const SelfEmploymentTable = z
  .object({
    ...header,
    sectors: z
      .array(SeSectorRow)
      .min(1)
      .superRefine((rows, ctx) => {
        const seen = new Set<string>();
        rows.forEach((r, i) => {
          if (seen.has(r.sector)) ctx.addIssue({ code: 'custom', path: [i, 'sector'], message: 'duplicate sector' });
          seen.add(r.sector);
          if (r.compulsoryFrom !== null && r.compulsoryFrom < r.coveredFrom)
            ctx.addIssue({ code: 'custom', path: [i, 'compulsoryFrom'], message: 'before coveredFrom' });
        });
      }),
    plans: datedRows(SePlanRow),
    gig: datedRows(GigRow),
  })
  .strict();
export type SelfEmploymentTable = z.infer<typeof SelfEmploymentTable>;

/** Every rate table the engine reads, validated at load and frozen. */
export const RateTables = z
  .object({
    wageCeilings: WageCeilingTable,
    wageBands: WageBandTable,
    benefitRates: BenefitRateTable,
    lindungPhases: LindungPhaseTable,
    caa: CaaTable,
    funeral: FuneralTable,
    invalidity: InvalidityTable,
    colaRevisions: ColaTable,
    dependantsShares: DependantShareTable,
    eis: EisTable,
    selfEmployment: SelfEmploymentTable,
  })
  .strict();
export type RateTables = z.infer<typeof RateTables>;
