import type { AwardLine } from '../../schemas/benefits/award';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { line, rowOn } from './common';
import { addMonthsToDate } from '../../schemas/common/calendar';
import type { Rational } from './rounding';
import { formatRational, mul, rat, roundToSen } from './rounding';

/**
 * EI-CAA-001 to EI-CAA-003, FRD-002: the constant-attendance allowance, RM500.00 a month flat (caa.json, by the
 * start date), for a totally disabled PDB recipient or an invalidity pensioner whose board recommends constant
 * attendance. Paid "so long as" it is needed: a review every `caa.reviewIntervalMonths` (default 24) unless the
 * board set a date; it stops when the underlying benefit ends, at death, or when attendance is no longer needed.
 * For LINDUNG 24 Jam the flat amount is paid in full unless `nei.flatAmountsPhased` (NEI-RATE-002).
 */
export function constantAttendance(args: {
  tables: Readonly<RateTables>;
  params: EngineParams;
  beneficiaryId: string;
  startDate: string;
  underlyingLineId: string;
  boardReviewDate?: string | undefined;
  flatFactor: Rational;
  extraRuleIds?: AwardLine['ruleIds'];
}): AwardLine {
  const row = rowOn(args.tables.caa.rows, args.startDate, 'CAA');
  const amountSen = roundToSen(mul(rat(row.monthlySen), args.flatFactor), args.params.rounding.mode);
  const review = args.boardReviewDate ?? addMonthsToDate(args.startDate, args.params.caa.reviewIntervalMonths);
  return line({
    lineId: 'CAA-1',
    benefitType: 'constant-attendance',
    kind: 'periodic',
    status: 'payable',
    amountSen,
    amountBasis: 'per-period',
    rate: { periodUnit: 'month', monthlyAmountSen: amountSen },
    period: { from: args.startDate },
    startDate: args.startDate,
    stopConditions: [
      { kind: 'review', date: review, reason: 'CAA review (EI-CAA-003, FRD-002)' },
      { kind: 'attendance-not-needed' },
      { kind: 'end-of-underlying-benefit', lineId: args.underlyingLineId },
      { kind: 'death', beneficiaryId: args.beneficiaryId },
    ],
    beneficiaryId: args.beneficiaryId,
    relationship: 'self',
    ruleIds: ['EI-CAA-001', 'EI-CAA-002', 'EI-CAA-003', 'FRD-002', 'PAY-STOP-001', ...(args.extraRuleIds ?? [])],
    rateTableVersions: [args.tables.caa.version],
    inputs: {
      caaRow: row.id,
      flatMonthlySen: row.monthlySen,
      flatFactor: formatRational(args.flatFactor),
      reviewIntervalMonths: args.params.caa.reviewIntervalMonths,
      reviewDate: review,
    },
    explanation: `Constant-attendance allowance: flat monthly amount while the Medical Board finds attendance needed; review on ${review}.`,
  });
}
