import type { AwardLine } from '../../schemas/benefits/award';
import type { ClaimFacts, EisFacts } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import type { DecisionLog } from './common';
import { line, rowOn } from './common';
import { addDays, addMonths, addMonthsToDate, ageOn, monthOf } from '../../schemas/common/calendar';
import type { Rational } from './rounding';
import { formatRational, mul, pct, rat, roundToSen, sum } from './rounding';
import type { WageTables } from './wage-base';
import { averageAssumedMonthlyWage } from './wage-base';

/** The Act 800 ceiling and band tables (EIS-COV-001), separate from Act 4's. */
export const eisWageTables = (tables: Readonly<RateTables>): WageTables => ({
  ceilings: tables.eis.ceilings,
  ceilingVersion: tables.eis.version,
  bands: tables.eis.bands,
  bandVersion: tables.eis.version,
});

/**
 * EIS-COV-001, EIS-ELG-001/002, EIS-LOE-001, CLM-DL-004: whether an EIS claim qualifies. Every test is logged with
 * its reason; the caller pays nothing when one fails. Returns the Act 800 contributions in the 24 months before LOE.
 */
export function eisEligibility(
  facts: ClaimFacts,
  eis: EisFacts,
  tables: Readonly<RateTables>,
  params: EngineParams,
  log: DecisionLog
): number {
  const t = tables.eis;
  const rate = rowOn(t.rates, eis.lossOfEmploymentOn, 'EIS rates');
  const loeMonth = monthOf(eis.lossOfEmploymentOn);
  const act800 = [...new Set(facts.contributions.filter((c) => c.scheme === 'act800').map((c) => c.month))];
  const age = ageOn(facts.insuredPerson.dateOfBirth, eis.lossOfEmploymentOn);
  const cov = [] as string[];
  if (eis.lossOfEmploymentOn < t.commencement) cov.push(`loss of employment before EIS began on ${t.commencement}`);
  if (eis.employment !== 'private-contract-of-service') cov.push(`${eis.employment} employment is not covered`);
  if (age < rate.minAge || age >= rate.maxAge) cov.push(`aged ${age}, outside ${rate.minAge}–${rate.maxAge}`);
  if (age >= rate.noPriorContributionAge && !act800.some((m) => m < loeMonth)) {
    cov.push(`aged ${rate.noPriorContributionAge} or over with no earlier EIS contribution`);
  }
  log.add(
    cov.length ? 'EIS_NOT_COVERED' : 'EIS_COVERED',
    cov.length ? 'fail' : 'pass',
    ['EIS-COV-001'],
    cov.length
      ? `Not covered by EIS: ${cov.join('; ')}.`
      : `Covered by EIS (Act 800): private-sector employee aged ${age}.`
  );

  const qualifying = t.qualifyingReasons.includes(eis.reason);
  log.add(
    qualifying ? 'EIS_QUALIFYING_LOE' : 'EIS_NON_QUALIFYING_LOE',
    qualifying ? 'pass' : 'fail',
    ['EIS-LOE-001'],
    qualifying
      ? `Loss of employment by ${eis.reason} qualifies.`
      : `Loss of employment by ${eis.reason} does not qualify (misconduct, voluntary resignation, retirement, contract expiry and mutual termination without terms do not).`
  );

  const deadline = addDays(eis.lossOfEmploymentOn, rate.claimWindowDays);
  const late = eis.claimFiledOn > deadline;
  log.add(
    late ? 'EIS_LATE' : 'EIS_IN_TIME',
    late ? 'fail' : 'pass',
    ['EIS-ELG-001', 'CLM-DL-004'],
    late
      ? `Claim filed on ${eis.claimFiledOn}, after the ${rate.claimWindowDays}-day limit (${deadline}); an officer may override.`
      : `Claim filed within ${rate.claimWindowDays} days of the loss of employment.`
  );

  const windowFrom = addMonths(loeMonth, -params.eis.cqcWindowMonths);
  const inWindow = act800.filter((m) => m >= windowFrom && m < loeMonth).length;
  const cqc = inWindow >= params.eis.cqcContributions;
  log.add(
    cqc ? 'EIS_CONTRIBUTIONS_MET' : 'EIS_CONTRIBUTIONS_NOT_MET',
    cqc ? 'pass' : 'fail',
    ['EIS-ELG-002'],
    `${inWindow} EIS contribution month(s) in the ${params.eis.cqcWindowMonths} months before the loss of employment; ${params.eis.cqcContributions} needed.`
  );
  const durWindowFrom = addMonths(loeMonth, -params.eis.durationWindowMonths);
  return act800.filter((m) => m >= durWindowFrom && m < loeMonth).length;
}

/**
 * EIS-JSA-001 to EIS-JSA-003, EIS-RIA-001, EIS-ERA-001, EIS-TRN-001: the EIS allowances for a qualifying claim.
 * JSA: months 1–6 at 80, 50, 40, 40, 30, 30 % of the AAMW on the Act 800 table over the 6 months before the LOE
 * month (`eis.wageBase`), for 3–6 months by contributions (12 → 3 … 24+ → 6). Each monthly amount is rounded once.
 * A worker who lost one of several jobs gets the Reduced Income Allowance instead, at the same rates on the lost
 * job's assumed wage, as a lump sum. Re-employment stops the JSA and pays 25 % of the unpaid remainder (ERA).
 * Training: the fee up to RM4,000.00 to the provider, and RM10.00–RM20.00 per training day.
 */
export function eisAllowances(args: {
  facts: ClaimFacts;
  eis: EisFacts;
  contributionsInWindow: number;
  tables: Readonly<RateTables>;
  params: EngineParams;
  log: DecisionLog;
}): AwardLine[] {
  const { eis, params, tables, log } = args;
  const rate = rowOn(tables.eis.rates, eis.lossOfEmploymentOn, 'EIS rates');
  const duration =
    [...rate.durations].reverse().find((d) => args.contributionsInWindow >= d.minContributions)?.months ?? 0;
  const wb = averageAssumedMonthlyWage({
    contributions: args.facts.contributions,
    scheme: 'act800',
    governingMonth: monthOf(eis.lossOfEmploymentOn),
    tables: eisWageTables(tables),
    params,
    employerId: eis.multipleJobs ? eis.lostJobEmployerId : undefined,
  });
  const monthly = rate.jsaPcts.slice(0, duration).map((p) => roundToSen(mul(pct(p), wb.aamw), params.rounding.mode));
  const versions = [tables.eis.version];
  const base = {
    beneficiaryId: args.facts.insuredPerson.insuredPersonId,
    relationship: 'self' as const,
    rateTableVersions: versions,
  };
  const inputs = (extra: Record<string, string | number>) => ({
    aamw: formatRational(wb.aamw),
    monthsCounted: wb.summary.monthsCounted.join(','),
    contributionsInWindow: args.contributionsInWindow,
    durationMonths: duration,
    ratesRow: rate.id,
    ...extra,
  });
  const lines: AwardLine[] = [];
  if (!eis.activeJobSearch || !eis.myFutureJobsRegistered) {
    log.add(
      'EIS_JOB_SEARCH_NOT_SHOWN',
      'flag',
      ['EIS-JSA-003'],
      'After the first payment the claimant must show an active job search and be registered with MyFutureJobs.'
    );
  }
  if (eis.multipleJobs) {
    const total = monthly.reduce((s, m) => s + m, 0);
    lines.push(
      line({
        ...base,
        lineId: 'EIS-RIA',
        benefitType: 'eis-reduced-income',
        kind: 'lump-sum',
        status: 'payable',
        amountSen: total,
        amountBasis: 'lump-sum',
        startDate: eis.lossOfEmploymentOn,
        stopConditions: [],
        ruleIds: ['EIS-RIA-001', 'EIS-JSA-001', 'EIS-JSA-002', 'GEN-RND-001', 'GEN-DATE-001'],
        inputs: inputs({ monthlyAmountsSen: monthly.join('+'), lostJobEmployerId: eis.lostJobEmployerId ?? 'unknown' }),
        explanation: `Reduced Income Allowance: the JSA rates for ${duration} months on the lost job's assumed wage, paid as one lump sum.`,
      })
    );
  } else {
    const firstDay = addDays(eis.lossOfEmploymentOn, 1);
    const monthStart = (k: number) => addMonthsToDate(firstDay, k);
    const paidMonths = eis.reemployedOn
      ? monthly.filter((_, k) => monthStart(k) < (eis.reemployedOn ?? '')).length
      : monthly.length;
    monthly.slice(0, paidMonths).forEach((amount, k) => {
      lines.push(
        line({
          ...base,
          lineId: `EIS-JSA-${k + 1}`,
          benefitType: 'eis-job-search',
          kind: 'periodic',
          status: 'payable',
          amountSen: amount,
          amountBasis: 'period-total',
          rate: { periodUnit: 'month', monthlyAmountSen: amount },
          period: { from: monthStart(k), to: addDays(monthStart(k + 1), -1) },
          startDate: monthStart(k),
          stopConditions: [
            { kind: 'reemployment' },
            { kind: 'no-active-job-search' },
            { kind: 'end-date', date: addDays(monthStart(duration), -1) },
          ],
          ruleIds: [
            'EIS-JSA-001',
            'EIS-JSA-002',
            'EIS-JSA-003',
            'PAY-STOP-001',
            'GEN-RND-001',
            'GEN-MNY-001',
            'GEN-DATE-001',
          ],
          inputs: inputs({ month: k + 1, jsaPct: `${rate.jsaPcts[k] ?? '0'}%`, monthlyAmountSen: amount }),
          explanation: `Job Search Allowance, month ${k + 1} of ${duration}: ${rate.jsaPcts[k] ?? '0'} % of the average assumed monthly wage.`,
        })
      );
    });
    if (eis.reemployedOn && paidMonths < monthly.length) {
      const unpaid = monthly.slice(paidMonths);
      const era = roundToSen(mul(pct(rate.eraPct), sum(unpaid.map((m) => rat(m)))), params.rounding.mode);
      lines.push(
        line({
          ...base,
          lineId: 'EIS-ERA',
          benefitType: 'eis-early-reemployment',
          kind: 'lump-sum',
          status: 'payable',
          amountSen: era,
          amountBasis: 'lump-sum',
          startDate: eis.reemployedOn,
          stopConditions: [],
          ruleIds: ['EIS-ERA-001', 'EIS-JSA-001', 'GEN-RND-001'],
          inputs: inputs({ paidMonths, unpaidMonthsSen: unpaid.join('+'), eraPct: `${rate.eraPct}%` }),
          explanation: `Early Re-employment Allowance: ${rate.eraPct} % of the ${unpaid.length} unpaid JSA month(s).`,
        })
      );
    }
  }
  if (eis.training) {
    const tr = eis.training;
    const months = Math.min(tr.months, rate.trainingMaxMonths);
    const daily = Math.min(Math.max(tr.dailyAllowanceSen, rate.trainingAllowanceMinSen), rate.trainingAllowanceMaxSen);
    if (daily !== tr.dailyAllowanceSen || months !== tr.months || tr.feeSen > rate.trainingFeeCapSen) {
      log.add(
        'EIS_TRAINING_LIMITED',
        'flag',
        ['EIS-TRN-001'],
        'The training request exceeds the EIS limits (fee ≤ RM4,000.00, ≤ 6 months, RM10.00–RM20.00 per day); the limits were applied.'
      );
    }
    lines.push(
      line({
        ...base,
        lineId: 'EIS-TRN-FEE',
        benefitType: 'eis-training',
        kind: 'lump-sum',
        status: 'payable',
        amountSen: Math.min(tr.feeSen, rate.trainingFeeCapSen),
        amountBasis: 'lump-sum',
        startDate: eis.lossOfEmploymentOn,
        stopConditions: [],
        relationship: 'provider',
        ruleIds: ['EIS-TRN-001'],
        inputs: { feeSen: tr.feeSen, feeCapSen: rate.trainingFeeCapSen, months },
        explanation: 'Training fee paid to the provider, up to RM4,000.00 over at most 6 months.',
      })
    );
    lines.push(
      line({
        ...base,
        lineId: 'EIS-TRN-ALLOWANCE',
        benefitType: 'eis-training',
        kind: 'periodic',
        status: 'payable',
        amountSen: daily * tr.trainingDays,
        amountBasis: 'period-total',
        rate: { periodUnit: 'day', dailyRateSen: daily, monthlyAmountSen: daily * 30 },
        startDate: eis.lossOfEmploymentOn,
        stopConditions: [],
        ruleIds: ['EIS-TRN-001'],
        inputs: { dailyAllowanceSen: daily, trainingDays: tr.trainingDays, months },
        explanation: 'Training allowance per training day at the approved rate (RM10.00–RM20.00), paid monthly.',
      })
    );
  }
  return lines;
}

/** The exact AAMW used by the EIS allowances, for explanations and tests. */
export type EisWage = Rational;
