import type { AwardLine } from '../../schemas/benefits/award';
import type { McPeriod } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { Computed } from './common';
import { GEN_RULES, line } from './common';
import { addDays, dayNumber, daysInclusive, fromDayNumber } from '../../schemas/common/calendar';
import type { RateBasis } from './rates';
import { maximumDailySen } from './rates';
import type { Rational } from './rounding';
import { cmp, formatRational, max, mul, rat, roundToSen } from './rounding';

/** The certified MC days of an injury, merged and counted (EI-TDB-001/004, EI-TDB-005, CLM-DL-002). */
export interface McDays {
  /** Days in the threshold period (the first continuous certified run, or all periods, by `tdb.thresholdScope`). */
  thresholdDays: number;
  thresholdMet: boolean;
  /** Every certified day from the accident date, once each. */
  certifiedDays: number;
  workedDays: number;
  firstDay: string | null;
  lastDay: string | null;
}

/**
 * EI-TDB-001, EI-TDB-004, EI-TDB-005, CLM-DL-002: counts MC days. Overlapping certificates count each day once; days
 * before the accident date are ignored; days after `stopDate` (death) are not paid. The threshold is at least 4
 * days including the accident day, tested on the first continuous certified period (default `tdb.thresholdScope`).
 */
export function countMcDays(
  periods: readonly McPeriod[],
  accidentDate: string,
  params: EngineParams,
  stopDate?: string
): McDays {
  const start = dayNumber(accidentDate);
  const end = stopDate ? dayNumber(stopDate) : Number.POSITIVE_INFINITY;
  const days = new Set<number>();
  let workedDays = 0;
  for (const p of periods) {
    for (let d = Math.max(dayNumber(p.from), start); d <= Math.min(dayNumber(p.to), end); d++) days.add(d);
    workedDays += p.daysWorkedForWages;
  }
  const sorted = [...days].sort((a, b) => a - b);
  let run = 0;
  if (sorted[0] === start) {
    while (days.has(start + run)) run++;
  }
  const thresholdDays = params.tdb.thresholdScope === 'all-periods' ? sorted.length : run;
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  return {
    thresholdDays,
    thresholdMet: thresholdDays >= 4,
    certifiedDays: sorted.length,
    workedDays: Math.min(workedDays, sorted.length),
    firstDay: first === undefined ? null : fromDayNumber(first),
    lastDay: last === undefined ? null : fromDayNumber(last),
  };
}

/**
 * EI-TDB-002/003 (NEI-RATE-001 for LINDUNG 24 Jam): the daily TDB rate = rate × daily wage, at least the daily
 * minimum (RM30.00 from 1 Jan 2014), at most rate × top assumed wage ÷ 30; exact until one half-up rounding
 * (GEN-RND-001).
 */
export function tdbDailyRate(dailyWage: Rational, rates: RateBasis, params: EngineParams): Computed {
  const exact = mul(rates.tdb, dailyWage);
  const floored = rates.minimumDailySen === null ? exact : max(exact, rat(rates.minimumDailySen));
  const maxSen = maximumDailySen(rates.tdb, rates.topAssumedSen, params.rounding.mode);
  const rounded = roundToSen(floored, params.rounding.mode);
  const amountSen = Math.min(rounded, Math.max(maxSen, rates.minimumDailySen ?? 0));
  return {
    amountSen,
    ruleIds: ['EI-TDB-002', 'EI-TDB-003', ...rates.ruleIds, ...GEN_RULES],
    rateTableVersion: rates.versions[0] ?? '',
    inputs: {
      ...rates.inputs,
      dailyWage: formatRational(dailyWage),
      exactDailyRate: formatRational(exact),
      minimumApplied: rates.minimumDailySen !== null && cmp(exact, rat(rates.minimumDailySen)) < 0 ? 'yes' : 'no',
      maximumDailySen: maxSen,
      dailyRateSen: amountSen,
    },
  };
}

/**
 * EI-TDB-001 to EI-TDB-005: the TDB line for an injury: every certified MC day from the accident day, less days
 * worked for wages and `tdb.waitingDays`, × the daily rate; nothing when the threshold is not met (medical benefit
 * only). Stops at the end of the MC, a return to paid work, death, or the start of PDB.
 */
export function temporaryDisablement(args: {
  beneficiaryId: string;
  dailyWage: Rational;
  rates: RateBasis;
  mc: McDays;
  params: EngineParams;
}): AwardLine | null {
  const { mc, params, rates } = args;
  if (!mc.thresholdMet || mc.firstDay === null || mc.lastDay === null) return null;
  const daily = tdbDailyRate(args.dailyWage, rates, params);
  const paidDays = Math.max(0, mc.certifiedDays - mc.workedDays - params.tdb.waitingDays);
  const amountSen = daily.amountSen * paidDays;
  return line({
    lineId: 'TDB-1',
    benefitType: 'temporary-disablement',
    kind: 'periodic',
    status: 'payable',
    amountSen,
    amountBasis: 'period-total',
    rate: {
      periodUnit: 'day',
      dailyRateSen: daily.amountSen,
      monthlyAmountSen: daily.amountSen * params.payment.daysPerMonth,
    },
    period: { from: mc.firstDay, to: mc.lastDay },
    startDate: mc.firstDay,
    stopConditions: [
      { kind: 'end-date', date: mc.lastDay },
      { kind: 'return-to-work' },
      { kind: 'death', beneficiaryId: args.beneficiaryId },
    ],
    beneficiaryId: args.beneficiaryId,
    relationship: 'self',
    ruleIds: ['EI-TDB-001', 'EI-TDB-004', 'EI-TDB-005', 'CLM-DL-002', ...daily.ruleIds],
    rateTableVersions: rates.versions,
    inputs: {
      ...daily.inputs,
      thresholdDays: mc.thresholdDays,
      certifiedDays: mc.certifiedDays,
      daysWorkedForWages: mc.workedDays,
      waitingDays: params.tdb.waitingDays,
      paidDays,
      calendarDays: daysInclusive(mc.firstDay, mc.lastDay),
    },
    explanation: `TDB: ${paidDays} paid MC day(s) × daily rate (${rates.inputs.tdbPct} × AAMW ÷ 30, minimum and maximum applied, rounded once).`,
  });
}

/** The day after the last TDB (MC) day: the default PDB start (`pdb.startDate`, EI-PDB-008). */
export const dayAfter = (iso: string): string => addDays(iso, 1);
