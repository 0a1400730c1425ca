import { z } from 'zod';
import { IsoDate } from '../common/dates';
import { Sen } from '../common/money';

/**
 * A benefit-rule id from the domain reference, `<SCHEME>-<TOPIC>-<NNN>` (e.g. `EI-TDB-002`, `WB-AAMW-001`), or a
 * review-signal id `FRD-<NNN>` (section 8).
 */
export const BenefitRuleId = z
  .string()
  .regex(/^[A-Z]{2,4}(-[A-Z0-9]{2,5})?-\d{3}$/, 'expected a rule id such as EI-TDB-002');
export type BenefitRuleId = z.infer<typeof BenefitRuleId>;

/**
 * Every benefit the engine can award (section 4 of the benefit rules). Act 4 (EI, LINDUNG 24 Jam and invalidity)
 * and Act 800 (EIS, `eis-*`) share the list; the rule ids on each line say which scheme produced it.
 */
export const BenefitType = z.enum([
  'medical',
  'temporary-disablement',
  'permanent-disablement',
  'pdb-commutation',
  'constant-attendance',
  'dependants',
  'funeral',
  'rehabilitation',
  'education',
  'invalidity-pension',
  'invalidity-grant',
  'survivors-pension',
  'eis-job-search',
  'eis-reduced-income',
  'eis-early-reemployment',
  'eis-training',
]);
export type BenefitType = z.infer<typeof BenefitType>;

/**
 * How a line pays: once (`lump-sum`), per day or month while its stop conditions hold (`periodic`), or not in cash
 * at all (`entitlement-decision`: treatment in kind, a rehabilitation referral, an education loan, an amount left to
 * an officer).
 */
export const AwardLineKind = z.enum(['lump-sum', 'periodic', 'entitlement-decision']);
export type AwardLineKind = z.infer<typeof AwardLineKind>;

/** The unit a periodic rate is stated in: TDB, PDB and dependants' benefit are daily; pensions, CAA and EIS monthly. */
export const PeriodUnit = z.enum(['day', 'month']);
export type PeriodUnit = z.infer<typeof PeriodUnit>;

/**
 * The rate of a periodic line. `dailyRateSen` is rounded once (GEN-RND-001); `monthlyAmountSen` is the amount of a
 * full month (daily rate × `periodical.daysPerMonth`, PAY-MON-001, or a monthly-rated amount rounded once).
 */
export const PeriodicRate = z
  .object({
    periodUnit: PeriodUnit,
    dailyRateSen: Sen.optional(),
    monthlyAmountSen: Sen,
  })
  .strict();
export type PeriodicRate = z.infer<typeof PeriodicRate>;

/**
 * A machine-readable condition that stops or changes a periodic line (PAY-STOP-001). The payment workflow watches
 * for these; the engine only states them.
 */
export const StopCondition = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('age'), age: z.number().int().positive(), beneficiaryId: z.string(), date: IsoDate })
    .strict(),
  z.object({ kind: z.literal('marriage'), beneficiaryId: z.string() }).strict(),
  z.object({ kind: z.literal('death'), beneficiaryId: z.string() }).strict(),
  z.object({ kind: z.literal('review'), date: IsoDate, reason: z.string() }).strict(),
  z.object({ kind: z.literal('provisional-expiry'), date: IsoDate }).strict(),
  z.object({ kind: z.literal('return-to-work') }).strict(),
  z.object({ kind: z.literal('end-of-study'), beneficiaryId: z.string() }).strict(),
  z.object({ kind: z.literal('end-of-incapacity'), beneficiaryId: z.string() }).strict(),
  z.object({ kind: z.literal('recovery') }).strict(),
  z.object({ kind: z.literal('end-of-underlying-benefit'), lineId: z.string() }).strict(),
  z.object({ kind: z.literal('attendance-not-needed') }).strict(),
  z.object({ kind: z.literal('reemployment') }).strict(),
  z.object({ kind: z.literal('no-active-job-search') }).strict(),
  z.object({ kind: z.literal('end-date'), date: IsoDate }).strict(),
]);
export type StopCondition = z.infer<typeof StopCondition>;

/** Who a line is for: the insured person (`relationship: 'self'`), a dependant, an heir or a funeral payer. */
export const BeneficiaryRelationship = z.enum([
  'self',
  'spouse',
  'child',
  'parent',
  'grandparent',
  'sibling',
  'heir',
  'funeral-payer',
  'provider',
]);
export type BeneficiaryRelationship = z.infer<typeof BeneficiaryRelationship>;

/**
 * A named exact value used by a formula, enough to reproduce the amount by hand: integers (sen, days, months) or
 * strings (exact rationals such as `"2950/30"`, percentages such as `"80%"`, dates, table row ids).
 */
export const FormulaInput = z.union([z.number().int(), z.string()]);
export type FormulaInput = z.infer<typeof FormulaInput>;

/** Whether a line can be paid as it stands, needs an officer first, or was computed but not paid (an overlap). */
export const AwardLineStatus = z.enum(['payable', 'officer-review', 'suppressed', 'not-payable']);
export type AwardLineStatus = z.infer<typeof AwardLineStatus>;

/**
 * What `amountSen` measures: a lump sum; the total of a periodic line over its closed `period`; or one full period
 * of an open-ended periodic line (then equal to `rate.monthlyAmountSen`).
 */
export const AmountBasis = z.enum(['lump-sum', 'period-total', 'per-period', 'none']);
export type AmountBasis = z.infer<typeof AmountBasis>;

/**
 * One benefit for one beneficiary, as awarded by the benefits engine: the amount, how it was computed (rule ids,
 * dated rate-table versions, exact formula inputs) and, for periodic lines, the rate, the period and the conditions
 * that stop it. Money is integer sen (GEN-MNY-001). The `BenefitAwardedV1` event carries these lines.
 */
export const AwardLine = z
  .object({
    lineId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'expected letters, digits, . _ - and no colon'),
    benefitType: BenefitType,
    kind: AwardLineKind,
    status: AwardLineStatus,
    amountSen: Sen,
    amountBasis: AmountBasis,
    rate: PeriodicRate.optional(),
    period: z.object({ from: IsoDate, to: IsoDate.optional() }).strict().optional(),
    startDate: IsoDate.optional(),
    stopConditions: z.array(StopCondition),
    beneficiaryId: z.string().min(1),
    relationship: BeneficiaryRelationship,
    ruleIds: z.array(BenefitRuleId).min(1),
    rateTableVersions: z.array(z.string().min(1)),
    inputs: z.record(z.string(), FormulaInput),
    explanation: z.string().min(1),
  })
  .strict();
export type AwardLine = z.infer<typeof AwardLine>;

/** The outcome of one eligibility or classification test, with the rule it applies and a reason a person can read. */
export const DecisionOutcome = z.enum(['pass', 'fail', 'flag', 'officer-review', 'info']);
export type DecisionOutcome = z.infer<typeof DecisionOutcome>;

/**
 * One decision taken on the way to an award (classification, exclusion, qualifying condition, deadline). `code`
 * is a stable machine code (`NEI_OUTSIDE_MALAYSIA`, `LATE_EMPLOYER_NOTICE`, …); `reason` is for people.
 */
export const EligibilityDecision = z
  .object({
    ruleIds: z.array(BenefitRuleId).min(1),
    code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    outcome: DecisionOutcome,
    reason: z.string().min(1),
  })
  .strict();
export type EligibilityDecision = z.infer<typeof EligibilityDecision>;

/** The overall outcome: benefits computed, refused (with reasons), or waiting for an officer. */
export const EligibilityOutcome = z.enum(['eligible', 'not-eligible', 'officer-review']);
export type EligibilityOutcome = z.infer<typeof EligibilityOutcome>;

/**
 * How the claim was classified (NEI-CLS-001) and under which scheme it is paid: `SE` a self-employment injury on
 * the Act 789 plan rules (SE-BEN-001), `GIG` a gig worker's injury on platform earnings (GIG-BEN-001).
 */
export const ClaimClass = z.enum(['EI', 'NEI', 'INV', 'SURVIVORS', 'EIS', 'SE', 'GIG', 'NONE']);
export type ClaimClass = z.infer<typeof ClaimClass>;

/**
 * The wage base an award used (WB-*): the average assumed monthly wage as an exact rational and in sen, the
 * months counted, and the daily wage (AAMW ÷ 30, exact). For Act 789 it is the plan's insured earnings
 * (`se-plan`, SE-BEN-001); for a gig worker the capped average of net platform earnings (`gig-platform-earnings`,
 * GIG-BEN-001).
 */
export const WageBaseSummary = z
  .object({
    aamw: z.string(),
    aamwSen: Sen,
    dailyWage: z.string(),
    monthsCounted: z.array(z.string()),
    window: z.object({ from: z.string(), to: z.string() }).strict(),
    source: z.enum(['contributions', 'officer-comparator', 'declared-wage', 'se-plan', 'gig-platform-earnings']),
    ruleIds: z.array(BenefitRuleId).min(1),
    rateTableVersions: z.array(z.string()),
  })
  .strict();
export type WageBaseSummary = z.infer<typeof WageBaseSummary>;

/**
 * The result of the benefits engine for one claim as of one date: the classification, every eligibility decision
 * with its reason, the wage base, one line per benefit and beneficiary, flags for officers, and the parameter values
 * and rate-table versions used (section 10: every award records the values it used). Deterministic: the same facts,
 * tables, parameters and `asOf` always give the same award.
 */
export const Award = z
  .object({
    claimId: z.string().min(1),
    asOf: IsoDate,
    claimClass: ClaimClass,
    neiPhase: z.number().int().min(1).max(3).optional(),
    eligibility: z
      .object({
        outcome: EligibilityOutcome,
        reasons: z.array(z.string()),
      })
      .strict(),
    decisions: z.array(EligibilityDecision),
    flags: z.array(z.string().regex(/^[A-Z][A-Z0-9_]*$/)),
    wageBase: WageBaseSummary.optional(),
    lines: z.array(AwardLine),
    rateTableVersions: z.record(z.string(), z.string()),
    params: z.record(z.string(), z.unknown()),
  })
  .strict();
export type Award = z.infer<typeof Award>;
