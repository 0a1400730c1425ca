import type { AwardLine } from '../../schemas/benefits/award';
import type { EducationApplication } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { DecisionLog } from './common';
import { line } from './common';
import { ageOn } from '../../schemas/common/calendar';

/**
 * EI-EDU-001 to EI-EDU-003: the education loan for a dependent child. The trigger (EI-EDU-001: a death from an
 * employment injury, periodical PDB, an invalidity pension, a death after the qualifying period) is passed in by
 * the engine. Conditions (EI-EDU-002): under 21 at application unless continuing from a PERKESO-funded course;
 * unmarried; full-time diploma, first degree or SKM 1–3 in Malaysia with at least a year left; rejected by other
 * lenders; total tuition ≤ RM100,000.00; a private institution approved and at least 2 years old. Terms
 * (`edu.loanTerms`): approved tuition per academic year paid to the institution, 0 % interest, repayment set by
 * an officer.
 */
export function educationLoans(args: {
  applications: readonly EducationApplication[];
  trigger: string | null;
  params: EngineParams;
  log: DecisionLog;
}): AwardLine[] {
  return args.applications.map((a, i) => {
    const reasons: string[] = [];
    if (!args.trigger) reasons.push('the insured person is not in a group whose children may borrow (EI-EDU-001)');
    if (ageOn(a.dateOfBirth, a.appliedOn) >= 21 && !a.continuingFromPerkesoFunded)
      reasons.push('21 or over at application');
    if (a.married) reasons.push('married');
    if (a.level === 'other') reasons.push('not a diploma, first degree or SKM level 1–3');
    if (!a.fullTime) reasons.push('not full-time');
    if (!a.inMalaysia) reasons.push('not in Malaysia');
    if (a.monthsRemaining < 12) reasons.push('less than 1 year of study left');
    if (!a.rejectedByOtherLenders) reasons.push('not yet rejected by other lenders');
    if (a.tuitionTotalSen > args.params.edu.loanCapSen) reasons.push('total tuition above RM100,000.00');
    if (a.institution.kind === 'private' && (!a.institution.approved || a.institution.ageYears < 2)) {
      reasons.push('private institution not approved or under 2 years old');
    }
    const ok = reasons.length === 0;
    args.log.add(
      ok ? 'EDU_LOAN_ELIGIBLE' : 'EDU_LOAN_REFUSED',
      ok ? 'pass' : 'info',
      ['EI-EDU-001', 'EI-EDU-002'],
      ok
        ? `Education loan for ${a.dependantId}: conditions met.`
        : `Education loan for ${a.dependantId} refused: ${reasons.join('; ')}.`
    );
    return line({
      lineId: `EDU-${i + 1}`,
      benefitType: 'education',
      kind: 'entitlement-decision',
      status: ok ? 'payable' : 'not-payable',
      amountSen: ok ? a.tuitionPerYearSen : 0,
      amountBasis: ok ? 'per-period' : 'none',
      startDate: a.appliedOn,
      stopConditions: [],
      beneficiaryId: a.dependantId,
      relationship: 'provider',
      ruleIds: ['EI-EDU-001', 'EI-EDU-002', 'EI-EDU-003'],
      rateTableVersions: [],
      inputs: {
        trigger: args.trigger ?? 'none',
        tuitionTotalSen: a.tuitionTotalSen,
        tuitionPerYearSen: a.tuitionPerYearSen,
        loanCapSen: args.params.edu.loanCapSen,
        interestPct: args.params.edu.interestPct,
        repayment: args.params.edu.repayment,
      },
      explanation: ok
        ? 'Education loan (not a grant): approved tuition per academic year, paid to the institution; 0 % interest; repayment set by an officer.'
        : `Education loan refused: ${reasons.join('; ')}.`,
    });
  });
}
