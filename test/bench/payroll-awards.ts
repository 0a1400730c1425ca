import { addMonths, lastDayOf, malaysianDate } from '../../schemas/common/calendar';
import type { PeriodicAwardInputIn } from '../../schemas/periodic/start-input';
import { periodicWorkflowId } from '../../workflows/periodic/ids';

/** One award of the bench payroll: its workflow id, start input and the payment id its one instalment gets. */
export interface PayrollAward {
  workflowId: string;
  paymentId: string;
  input: PeriodicAwardInputIn;
}

/**
 * The payment month of the bench payroll: the month before the current Malaysian month, whose payment date
 * (PAY-CAL-001, the 25th or the working day before) has always passed, so every award's instalment is due at once
 * whatever hour of its preparation window (PERIODIC_PREPARATION_WINDOW_HOURS) its workflow id falls on.
 */
export function payrollMonth(now: Date = new Date()): string {
  return addMonths(malaysianDate(now.toISOString()).slice(0, 7), -1);
}

/**
 * `count` dependants' benefit lines of children who turned 21 on the first day of the month after `month`: each
 * award's workflow prepares and pays that month's instalment (paid through the day before the birthday, EI-DEP-005,
 * PAY-STOP-001: the whole month) and then ends by itself, with no operator update and no arrears. Production
 * settings (`config: {}`: calendar-month cycle, the default preparation window, result timeout and retries).
 * Distinct daily rates and bank accounts; ids carry `runId` so runs never meet.
 */
export function payrollAwards(runId: string, month: string, count: number): PayrollAward[] {
  const start = `${month}-01`;
  return Array.from({ length: count }, (_, i) => {
    const claimId = `C-2026-${String(700_000_000 + i)}`;
    const awardId = `AW-PAYROLL-${runId}-${i}.DEP-1`;
    const beneficiaryId = `${claimId}-D1`;
    const input: PeriodicAwardInputIn = {
      claimId,
      awardId,
      lineId: 'DEP-1',
      beneficiaryId,
      benefitType: 'dependants',
      relationship: 'child',
      terms: {
        rate: { periodUnit: 'day', dailyRateSen: 1_500 + (i % 1_000), monthlyAmountSen: (1_500 + (i % 1_000)) * 30 },
        rateAsOf: start,
        benefitStartDate: start,
        ruleIds: ['EI-DEP-002'],
        rateTableVersions: ['EI-RATES-2014-01-01'],
      },
      payee: {
        name: 'Payroll Bench',
        bankAccount: {
          bankCode: 'MBBEMYKL',
          accountNumber: String(500_000_000_000 + i),
          accountHolderName: 'Payroll Bench',
        },
        paidToGuardian: false,
      },
      firstMonth: month,
      child: { ageLimitDate: `${addMonths(month, 1)}-01` },
      config: {},
    };
    return {
      workflowId: periodicWorkflowId(awardId, beneficiaryId),
      paymentId: `${awardId}:${beneficiaryId}:${month}`,
      input,
    };
  });
}

/** The last day each bench award is paid through (its month's last day). */
export const paidThrough = (month: string): string => lastDayOf(month);
