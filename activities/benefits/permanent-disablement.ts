import type { AwardLine, StopCondition } from '../../schemas/benefits/award';
import type { MedicalBoardFacts } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { CommutationTable } from '../../schemas/benefits/rate-tables';
import type { Computed, DecisionLog } from './common';
import { formatRinggit } from '../../schemas/common/money';
import { GEN_RULES, line, rowOn } from './common';
import { addDays, ageOn, firstOfNextMonth } from '../../schemas/common/calendar';
import type { RateBasis } from './rates';
import { maximumDailySen } from './rates';
import type { Rational } from './rounding';
import { cmp, formatRational, max, mul, parseRational, pct, rat, roundToSen, sub } from './rounding';

/** LOEC as an exact fraction: 40 → 2/5 (read from the number's decimal text, never as a float). */
export const loecFraction = (loecPct: number): Rational => pct(String(loecPct));

/**
 * EI-PDB-002/003 (NEI-RATE-001 for LINDUNG 24 Jam): the daily PDB rate. Total rate = 90 % × daily wage, at least
 * RM30.00/day; partial = total × LOEC. With `pdb.minimumBeforeLoec` (default) the floor applies to the 100 % rate
 * before the LOEC; otherwise to the partial rate. Exact until one half-up rounding (GEN-RND-001).
 */
export function pdbDailyRate(dailyWage: Rational, loecPct: number, rates: RateBasis, params: EngineParams): Computed {
  const loec = loecFraction(loecPct);
  const totalExact = mul(rates.pdbTotal, dailyWage);
  const floor = rates.minimumDailySen === null ? null : rat(rates.minimumDailySen);
  const exact = params.pdb.minimumBeforeLoec
    ? mul(floor ? max(totalExact, floor) : totalExact, loec)
    : floor
      ? max(mul(totalExact, loec), floor)
      : mul(totalExact, loec);
  const maxTotalSen = maximumDailySen(rates.pdbTotal, rates.topAssumedSen, params.rounding.mode);
  const amountSen = roundToSen(exact, params.rounding.mode);
  return {
    amountSen,
    ruleIds: ['EI-PDB-002', 'EI-PDB-003', ...rates.ruleIds, ...GEN_RULES],
    rateTableVersion: rates.versions[0] ?? '',
    inputs: {
      ...rates.inputs,
      dailyWage: formatRational(dailyWage),
      loecPct: String(loecPct),
      exactTotalDailyRate: formatRational(totalExact),
      minimumAppliedToTotal: floor !== null && cmp(totalExact, floor) < 0 ? 'yes' : 'no',
      minimumBeforeLoec: params.pdb.minimumBeforeLoec ? 'true' : 'false',
      exactDailyRate: formatRational(exact),
      maximumTotalDailySen: maxTotalSen,
      dailyRateSen: amountSen,
    },
  };
}

/** EI-PDB-004/006: the commutation factor for an age at award from `pdb.commutationTable`, or null (none loaded). */
export function commutationFactor(
  table: CommutationTable | null,
  date: string,
  age: number
): { factor: Rational; version: string; illustrative: boolean } | null {
  if (!table) return null;
  const row = rowOn(table.rows, date, 'commutation factors');
  const band = row.factors.find((f) => f.ageFrom <= age && age <= f.ageTo);
  return band ? { factor: parseRational(band.factor), version: table.version, illustrative: table.illustrative } : null;
}

/** What {@link permanentDisablement} needs. */
export interface PdbInput {
  beneficiaryId: string;
  dateOfBirth: string;
  dailyWage: Rational;
  rates: RateBasis;
  board: MedicalBoardFacts;
  /** The last TDB (MC) day, if any: the PDB starts the day after (`pdb.startDate`, EI-PDB-008). */
  lastTdbDay: string | null;
  commutationElectedOn?: string | undefined;
  officerLumpSumSen?: number | undefined;
  officerCommutationSen?: number | undefined;
  params: EngineParams;
  log: DecisionLog;
}

/**
 * EI-PDB-001 to EI-PDB-009 and PAY-PROV-001: the PDB lines from a Medical Board assessment.
 * - LOEC ≤ 20 %: one lump sum = daily rate × commutation factor (`pdb.commutationTable`); without a table the
 *   officer sets it (EI-PDB-004).
 * - LOEC > 20 %: monthly for life, daily rate × `periodical.daysPerMonth` (EI-PDB-005, PAY-MON-001), from the day
 *   after the last TDB day (EI-PDB-008); a provisional assessment adds its expiry (EI-PDB-007, PAY-PROV-001).
 * - A 1/5 commutation election (EI-PDB-006): from the first of the next month the pension is the daily rate less
 *   its commuted fifth; the fifth × factor is paid once. The fifth is the daily rate less the rounded 4/5, so the
 *   two parts always add up to the daily rate.
 * No earnings test applies (EI-PDB-009).
 */
export function permanentDisablement(input: PdbInput): AwardLine[] {
  const { board, params, rates, log } = input;
  const daily = pdbDailyRate(input.dailyWage, board.loecPct, rates, params);
  const start =
    params.pdb.startDate === 'day-after-last-tdb-day' && input.lastTdbDay
      ? addDays(input.lastTdbDay, 1)
      : board.decidedOn;
  const baseRules = ['EI-PDB-001', 'EI-PDB-007', 'EI-PDB-008', 'EI-PDB-009', ...daily.ruleIds] as const;
  const age = ageOn(input.dateOfBirth, board.decidedOn);
  const stops: StopCondition[] = [{ kind: 'death', beneficiaryId: input.beneficiaryId }];
  if (board.status === 'provisional' && board.validUntil) {
    stops.push(
      { kind: 'provisional-expiry', date: board.validUntil },
      {
        kind: 'review',
        date: addDays(board.validUntil, -params.pdb.provisionalExpiryTaskDays),
        reason: 'reassessment of a provisional assessment (PAY-PROV-001): payment continues and an operator is alerted',
      }
    );
  }
  const provisionalRules = board.status === 'provisional' ? (['PAY-PROV-001'] as const) : [];
  log.add('PDB_NO_EARNINGS_TEST', 'info', ['EI-PDB-009'], 'PDB is paid whether or not the person works again.');

  if (cmp(loecFraction(board.loecPct), rat(1, 5)) <= 0) {
    const factor = commutationFactor(params.pdb.commutationTable, board.decidedOn, age);
    const fromTable = factor ? roundToSen(mul(rat(daily.amountSen), factor.factor), params.rounding.mode) : null;
    const amountSen = input.officerLumpSumSen ?? fromTable ?? 0;
    const byOfficer = input.officerLumpSumSen !== undefined;
    if (!byOfficer && !factor) {
      log.add(
        'PDB_LUMP_SUM_SET_BY_OFFICER',
        'officer-review',
        ['EI-PDB-004'],
        'LOEC of 20 % or less is paid as a lump sum; no commutation table is loaded, so an officer sets the amount from the daily rate.'
      );
    }
    return [
      line({
        lineId: 'PDB-LUMP',
        benefitType: 'permanent-disablement',
        kind: 'lump-sum',
        status: byOfficer || factor ? 'payable' : 'officer-review',
        amountSen,
        amountBasis: 'lump-sum',
        rate: {
          periodUnit: 'day',
          dailyRateSen: daily.amountSen,
          monthlyAmountSen: daily.amountSen * params.payment.daysPerMonth,
        },
        startDate: start,
        stopConditions: [],
        beneficiaryId: input.beneficiaryId,
        relationship: 'self',
        ruleIds: [...baseRules, 'EI-PDB-004', ...provisionalRules],
        rateTableVersions: [...rates.versions, ...(factor ? [factor.version] : [])],
        inputs: {
          ...daily.inputs,
          ageAtAward: age,
          commutationFactor: factor ? formatRational(factor.factor) : 'none',
          commutationTableIllustrative: factor?.illustrative ? 'true' : 'false',
          lumpSumSource: byOfficer ? 'officer' : factor ? 'commutation-table' : 'pending-officer',
        },
        explanation: `PDB lump sum for LOEC ${board.loecPct} % (≤ 20 %): daily rate × commutation factor${byOfficer ? ', set by an officer' : factor ? '' : '; the amount is left to an officer'}.`,
      }),
    ];
  }

  const monthly = daily.amountSen * params.payment.daysPerMonth;
  const pension = (id: string, dailySen: number, from: string, to: string | undefined, note: string) =>
    line({
      lineId: id,
      benefitType: 'permanent-disablement',
      kind: 'periodic',
      status: 'payable',
      amountSen: dailySen * params.payment.daysPerMonth,
      amountBasis: 'per-period',
      rate: { periodUnit: 'day', dailyRateSen: dailySen, monthlyAmountSen: dailySen * params.payment.daysPerMonth },
      period: to ? { from, to } : { from },
      startDate: from,
      stopConditions: to ? [...stops, { kind: 'end-date', date: to }] : stops,
      beneficiaryId: input.beneficiaryId,
      relationship: 'self',
      ruleIds: [...baseRules, 'EI-PDB-005', 'PAY-MON-001', 'PAY-ARR-001', 'PAY-STOP-001', ...provisionalRules],
      rateTableVersions: rates.versions,
      inputs: {
        ...daily.inputs,
        periodDailyRateSen: dailySen,
        daysPerMonth: params.payment.daysPerMonth,
        monthlyAmountSen: monthly,
      },
      explanation: `Periodical PDB for LOEC ${board.loecPct} %: ${note}, paid monthly for life from ${from}.`,
    });

  if (!input.commutationElectedOn)
    return [pension('PDB-1', daily.amountSen, start, undefined, 'daily rate × 30 a month')];

  // EI-PDB-006, pdb.commutationElection: one election per award, effective from the first of the next month.
  const effective = firstOfNextMonth(input.commutationElectedOn > start ? input.commutationElectedOn : start);
  const remaining = roundToSen(mul(rat(daily.amountSen), rat(4, 5)), params.rounding.mode);
  const fifth = roundToSen(sub(rat(daily.amountSen), rat(remaining)), params.rounding.mode);
  const factor = commutationFactor(params.pdb.commutationTable, input.commutationElectedOn, age);
  const fromTable = factor ? roundToSen(mul(rat(fifth), factor.factor), params.rounding.mode) : null;
  const lump = input.officerCommutationSen ?? fromTable ?? 0;
  const lumpKnown = input.officerCommutationSen !== undefined || factor !== null;
  if (!lumpKnown) {
    log.add(
      'PDB_COMMUTATION_SET_BY_OFFICER',
      'officer-review',
      ['EI-PDB-006'],
      'A 1/5 commutation was elected; no commutation table is loaded, so an officer sets the lump sum.'
    );
  }
  return [
    pension(
      'PDB-1',
      daily.amountSen,
      start,
      addDays(effective, -1),
      'full daily rate until the commutation takes effect'
    ),
    pension('PDB-2', remaining, effective, undefined, '4/5 of the daily rate after a 1/5 commutation (EI-PDB-006)'),
    line({
      lineId: 'PDB-COMMUTATION',
      benefitType: 'pdb-commutation',
      kind: 'lump-sum',
      status: lumpKnown ? 'payable' : 'officer-review',
      amountSen: lump,
      amountBasis: 'lump-sum',
      rate: { periodUnit: 'day', dailyRateSen: fifth, monthlyAmountSen: fifth * params.payment.daysPerMonth },
      startDate: effective,
      stopConditions: [],
      beneficiaryId: input.beneficiaryId,
      relationship: 'self',
      ruleIds: [...baseRules, 'EI-PDB-005', 'EI-PDB-006'],
      rateTableVersions: [...rates.versions, ...(factor ? [factor.version] : [])],
      inputs: {
        ...daily.inputs,
        commutedFifthDailySen: fifth,
        remainingDailySen: remaining,
        electedOn: input.commutationElectedOn,
        effectiveFrom: effective,
        ageAtElection: age,
        commutationFactor: factor ? formatRational(factor.factor) : 'none',
        lumpSumSource:
          input.officerCommutationSen !== undefined ? 'officer' : factor ? 'commutation-table' : 'pending-officer',
      },
      explanation: `1/5 of the daily PDB rate commuted into a lump sum (form PKS(F)15): ${formatRinggit(fifth)} × factor.`,
    }),
  ];
}
