import { z } from 'zod';
import { IsoDate, YearMonth } from '../common/dates';
import { BeneficiaryRelationship, BenefitRuleId, BenefitType, PeriodicRate } from '../benefits/award';
import { ClaimId } from '../claim/ids';
import { AwardId, BeneficiaryId } from '../payments/ids';
import { Payee } from '../payments/payment-parts';

/**
 * A later change of the line's rate from a date (PAY-COLA-001 rounds are NOT these: they come from the dated tables);
 * e.g. dependants' shares recomputed when a child's share stops (EI-DEP-004).
 */
export const PeriodicRateChange = z
  .object({
    effectiveDate: IsoDate,
    rate: PeriodicRate,
    ruleIds: z.array(BenefitRuleId).min(1),
    reason: z.string().trim().min(1).max(300),
    rateAsOf: IsoDate.optional(),
  })
  .strict();
export type PeriodicRateChange = z.infer<typeof PeriodicRateChange>;

/** What the line pays (the activity turns it into A's `PeriodicTerms`). */
export const PeriodicTermsInput = z
  .object({
    rate: PeriodicRate,
    rateAsOf: IsoDate,
    benefitStartDate: IsoDate,
    ruleIds: z.array(BenefitRuleId).min(1),
    rateTableVersions: z.array(z.string().min(1)),
    rateBeforeMinimum: PeriodicRate.optional(),
    minimumPensionPct: z.string().min(1).optional(),
    shareFraction: z.string().min(1).optional(),
    rateChanges: z.array(PeriodicRateChange).default([]),
  })
  .strict();
export type PeriodicTermsInput = z.infer<typeof PeriodicTermsInput>;

/**
 * How the workflow's clock runs. `calendar-month` (production): the instalment for month M is due on its payment
 * date (PAY-CAL-001, the 25th or the working day before). `{ seconds: N }` (tests, demo): the instalment for the
 * i-th month after `firstMonth` is due N×i seconds after the workflow started; amounts are still calendar months.
 */
export const PeriodicCycle = z.union([
  z.literal('calendar-month'),
  z.object({ seconds: z.number().int().positive() }).strict(),
]);
export type PeriodicCycle = z.infer<typeof PeriodicCycle>;

/** A duration in Temporal's text form (`"7 days"`, `"30 seconds"`) or milliseconds. */
const Duration = z.union([z.string().min(1), z.number().int().positive()]);

/** The workflow's settings (PERIODIC_* in infra/config.ts); every field has a production default. */
export const PeriodicConfig = z
  .object({
    cycle: PeriodicCycle.default('calendar-month'),
    /** How long to wait for the bank's answer before raising an operator event (the wait then continues). */
    resultTimeout: Duration.default('10 days'),
    /** Waits before each re-send of a failed payment; after the last, the award is put on hold. */
    failedRetrySchedule: z.array(Duration).default(['1 day', '3 days', '7 days']),
    /** Days before a Regulation 117 declaration falls due that the reminder event goes out (PAY-DECL-001). */
    declarationReminderDays: z.number().int().nonnegative().default(30),
    /** Days after the due date before the award is suspended for a missing declaration (`decl.graceDays`). */
    declarationGraceDays: z.number().int().nonnegative().default(60),
    /** Whether the award needs yearly declarations at all. */
    declarationsRequired: z.boolean().default(true),
    /**
     * PAY-SUSP-001 (`pay.suspensionMonths`): an operator's suspension during an investigation lasts at most this many
     * payment cycles; a further suspend on fresh evidence extends it from the current cycle. At the limit the award
     * resumes by itself and the months held back are paid as arrears.
     */
    suspensionMonths: z.number().int().positive().default(6),
    /**
     * `calendar-month` cycles: how many hours before its payment date an instalment may be prepared. Each award
     * prepares at its own hour in the window (a stable hash of its workflow id), so a national payroll does not wake
     * every award at once; the instruction carries the payment date as `valueDate`. 0: prepare on the date.
     */
    preparationWindowHours: z
      .number()
      .int()
      .nonnegative()
      .max(24 * 20)
      .default(120),
    /** Cycles per run before continue-as-new (also on the SDK's suggestion). */
    cyclesPerRun: z.number().int().positive().default(12),
  })
  .strict();
export type PeriodicConfig = z.infer<typeof PeriodicConfig>;
export type PeriodicConfigInput = z.input<typeof PeriodicConfig>;

/** A child's share limits (EI-DEP-005, PAY-STUDY-001): the day the share stops unless studying or incapacitated. */
export const ChildLimits = z
  .object({
    /** The 21st birthday (the share is paid through the day before). */
    ageLimitDate: IsoDate,
    incapacitated: z.boolean().default(false),
  })
  .strict();

/** A dependants' or survivors' pool: every member's line and the exact full rate they share (EI-DEP-004). */
export const ShareGroupInput = z
  .object({
    fullRate: z.string().min(1),
    unit: z.enum(['day', 'month']),
    dateOfDeath: IsoDate,
    benefitType: z.enum(['dependants', 'survivors-pension']),
    members: z
      .array(
        z
          .object({
            beneficiaryId: BeneficiaryId,
            relationship: BeneficiaryRelationship,
            /** The member's periodic award id (`<awardId>.<lineId>`); unset on awards started before it existed. */
            awardId: AwardId.optional(),
          })
          .strict()
      )
      .min(1),
  })
  .strict();
export type ShareGroupInput = z.infer<typeof ShareGroupInput>;

/** The start input of `periodicAwardWorkflow`: one periodic award line for one beneficiary. */
export const PeriodicAwardInput = z
  .object({
    claimId: ClaimId,
    awardId: AwardId,
    lineId: z.string().min(1).max(80),
    beneficiaryId: BeneficiaryId,
    benefitType: BenefitType,
    relationship: BeneficiaryRelationship,
    terms: PeriodicTermsInput,
    payee: Payee,
    /** The first month this workflow pays; earlier entitled months are arrears in its first instruction. */
    firstMonth: YearMonth,
    /** The Regulation 117 declaration due date (yearly from it); default the anniversary of the benefit's start. */
    firstDeclarationDue: IsoDate.optional(),
    child: ChildLimits.optional(),
    /** The dependants' group this line shares a pool with (EI-DEP-004), for recomputation when a share stops. */
    shareGroup: ShareGroupInput.optional(),
    config: PeriodicConfig.prefault({}),
  })
  .strict();
export type PeriodicAwardInput = z.infer<typeof PeriodicAwardInput>;
export type PeriodicAwardInputIn = z.input<typeof PeriodicAwardInput>;
