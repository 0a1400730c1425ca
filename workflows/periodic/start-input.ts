import type { AwardLine } from '../../schemas/benefits/award';
import type { Payee } from '../../schemas/payments/payment-parts';
import {
  PeriodicAwardInput,
  type PeriodicConfigInput,
  type PeriodicAwardInputIn,
  type ShareGroupInput,
} from '../../schemas/periodic/start-input';
import { periodicWorkflowId } from './ids';

/** What the claim workflow knows when it awards a periodic line. */
export interface PeriodicStartFacts {
  claimId: string;
  awardId: string;
  /** The award's as-of date (the rate reflects revisions up to it). */
  asOf: string;
  line: AwardLine;
  /** The claim workflow's beneficiary id for the line (workflows/claim/payees.ts beneficiaryIdFor). */
  beneficiaryId: string;
  payee: Payee;
  /** The first month the periodic workflow pays (usually the month of the award); earlier months are arrears. */
  firstMonth: string;
  config?: PeriodicConfigInput;
  /** The dependants' pool of the award, when the line is one member's share. */
  shareGroup?: ShareGroupInput;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * Builds the start input (and the workflow id) of `periodicAwardWorkflow` for one periodic award line, for the
 * claim workflow to start it as a child (ParentClosePolicy ABANDON, id {@link periodicWorkflowId}). Deterministic and
 * workflow-safe. Throws a ZodError when the line is not a payable periodic line with a rate.
 */
export function periodicInputFor(facts: PeriodicStartFacts): { workflowId: string; input: PeriodicAwardInput } {
  const { line } = facts;
  if (line.kind !== 'periodic' || line.rate === undefined) {
    throw new RangeError(`line ${line.lineId} is not a periodic line with a rate`);
  }
  const start = line.startDate ?? line.period?.from ?? facts.asOf;
  const age = line.stopConditions.find((c) => c.kind === 'age');
  const pensionPct = str(line.inputs.pensionPct);
  const shareFraction = str(line.inputs.shareFraction);
  const fromWage = line.inputs.pensionFromWageSen;
  const raw: PeriodicAwardInputIn = {
    claimId: facts.claimId,
    awardId: facts.awardId,
    lineId: line.lineId,
    beneficiaryId: facts.beneficiaryId,
    benefitType: line.benefitType,
    relationship: line.relationship,
    terms: {
      rate: line.rate,
      rateAsOf: facts.asOf < start ? start : facts.asOf,
      benefitStartDate: start,
      ruleIds: line.ruleIds,
      rateTableVersions: line.rateTableVersions,
      ...(typeof fromWage === 'number' && line.rate.periodUnit === 'month'
        ? { rateBeforeMinimum: { periodUnit: 'month' as const, monthlyAmountSen: fromWage as never } }
        : {}),
      ...(pensionPct !== undefined ? { minimumPensionPct: pensionPct } : {}),
      ...(shareFraction !== undefined ? { shareFraction } : {}),
    },
    payee: facts.payee,
    firstMonth: facts.firstMonth < start.slice(0, 7) ? start.slice(0, 7) : facts.firstMonth,
    ...(age !== undefined && age.kind === 'age' && line.relationship === 'child'
      ? { child: { ageLimitDate: age.date } }
      : {}),
    ...(facts.shareGroup !== undefined ? { shareGroup: facts.shareGroup } : {}),
    ...(facts.config !== undefined ? { config: facts.config } : {}),
  };
  return { workflowId: periodicWorkflowId(facts.awardId, facts.beneficiaryId), input: PeriodicAwardInput.parse(raw) };
}
