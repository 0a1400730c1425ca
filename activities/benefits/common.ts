import type { BenefitRuleId, EligibilityDecision } from '../../schemas/benefits/award';
import { AwardLine } from '../../schemas/benefits/award';
import type { ClaimFacts } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';

/**
 * An amount computed by the engine, with what it needs to be audited (STYLE H9/H10): the rules that produced it,
 * the dated rate-table version, and the exact inputs of the formula.
 */
export interface Computed {
  amountSen: number;
  ruleIds: BenefitRuleId[];
  rateTableVersion: string;
  inputs: Record<string, string | number>;
}

/** A dated table row: `from`/`to` inclusive, `null` open. */
export interface DatedRow {
  readonly from: string | null;
  readonly to: string | null;
}

/** Thrown when no row of a rate table covers the governing date: the engine refers the claim to an officer. */
export class RateTableGapError extends Error {
  override readonly name = 'RateTableGapError';
  constructor(
    readonly table: string,
    readonly date: string
  ) {
    super(`no row of ${table} covers ${date}`);
  }
}

/** Selects the row in force on the governing date (GEN-DATE-001), never on the processing date. */
export function rowOn<T extends DatedRow>(rows: readonly T[], date: string, table: string): T {
  const row = rows.find((r) => (r.from === null || r.from <= date) && (r.to === null || date <= r.to));
  if (!row) throw new RateTableGapError(table, date);
  return row;
}

/** Everything an engine step reads: validated facts, frozen tables, parameters and the as-of date. */
export interface EngineContext {
  readonly facts: ClaimFacts;
  readonly tables: Readonly<RateTables>;
  readonly params: EngineParams;
  readonly asOf: string;
}

/** Collects decisions and flags while the engine runs; the engine turns them into the award's eligibility. */
export class DecisionLog {
  readonly decisions: EligibilityDecision[] = [];
  readonly flags: string[] = [];

  /** Records one decision; a `flag` or `officer-review` outcome also adds its code to the flags. */
  add(code: string, outcome: EligibilityDecision['outcome'], ruleIds: BenefitRuleId[], reason: string): void {
    this.decisions.push({ code, outcome, ruleIds, reason });
    if ((outcome === 'flag' || outcome === 'officer-review') && !this.flags.includes(code)) this.flags.push(code);
  }

  /** True when any decision refuses the claim. */
  get failed(): boolean {
    return this.decisions.some((d) => d.outcome === 'fail');
  }
}

/** The conventions cited on every amount (GEN-MNY-001, GEN-RND-001, GEN-DATE-001). */
export const GEN_RULES: BenefitRuleId[] = ['GEN-MNY-001', 'GEN-RND-001', 'GEN-DATE-001'];

/** De-duplicates rule ids, keeping their first order. */
export const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** The input of {@link line}: an award line with plain numbers where the contract has branded sen. */
export type LineInput = Omit<AwardLine, 'amountSen' | 'rate' | 'ruleIds' | 'rateTableVersions'> & {
  amountSen: number;
  rate?: { periodUnit: 'day' | 'month'; dailyRateSen?: number; monthlyAmountSen: number };
  ruleIds: BenefitRuleId[];
  rateTableVersions: string[];
};

/**
 * Builds an award line and validates it against the {@link AwardLine} contract (integer, non-negative sen; known
 * rule ids), de-duplicating rule ids and table versions. A line that breaks the contract is a bug, so it throws.
 */
export function line(l: LineInput): AwardLine {
  return AwardLine.parse({ ...l, ruleIds: uniq(l.ruleIds), rateTableVersions: uniq(l.rateTableVersions) });
}
