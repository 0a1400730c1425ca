import type { BenefitRuleId, BenefitType, PeriodicRate } from '../../schemas/benefits/award';

/** A later change of a periodic line's rate (e.g. dependants' shares recomputed when a child's share stops). */
export interface RateChange {
  /** First day the new rate is paid. */
  effectiveDate: string;
  /** The new rate, on the same basis as the awarded rate: revision rounds after `rateAsOf` still apply on top. */
  rate: PeriodicRate;
  ruleIds: BenefitRuleId[];
  reason: string;
  /** The date the new rate already reflects revisions up to; default the terms' `rateAsOf`. */
  rateAsOf?: string;
  /** Survivors' pension shares: the new fraction of the full pension (its minimum scales with it); default the terms'. */
  shareFraction?: string;
}

/**
 * What a periodic award pays, as fixed by the award (plus later rate changes). Revision rounds (PAY-COLA-001)
 * effective after `rateAsOf` and the pension minimum (PAY-MIN-001) are applied by date on top of it.
 *
 * To pay arrears exactly across an earlier revision or the 2023 minimum, state the rate before revisions
 * (`rateBeforeMinimum`, e.g. the award input `pensionFromWageSen`) and set `rateAsOf` to the day before the benefit
 * began: every round and minimum then applies from its own date.
 */
export interface PeriodicTerms {
  benefitType: BenefitType;
  /** The awarded rate (daily or monthly), before any revision effective after `rateAsOf`. */
  rate: PeriodicRate;
  /** ISO date the awarded rate already reflects (award asOf); rounds effective after it apply. */
  rateAsOf: string;
  /** ISO date the benefit began; COLA rows are selected by its year. */
  benefitStartDate: string;
  /** The award line's rule ids. */
  ruleIds: BenefitRuleId[];
  /** The award line's table versions. */
  rateTableVersions: string[];
  /** Later rate changes, each effective from a date. */
  rateChanges?: RateChange[];
  /**
   * Pensions only: the awarded rate before the minimum lifted it (revisions compound on this, then the minimum
   * applies, PAY-COLA-001). Default `rate`.
   */
  rateBeforeMinimum?: PeriodicRate;
  /**
   * Pensions only: the pension percentage whose minimum applies (award input `pensionPct`, `"51%"` or `"51"`);
   * default the table's flat reduced rate (50 %: RM550.00 from 2023, RM475.00 before).
   */
  minimumPensionPct?: string;
  /** Survivors' pension shares: the fraction of the full pension this line pays (`"3/5"`, `"1/5"`); default 1. */
  shareFraction?: string;
}
