import type { ClaimClass } from '../../schemas/benefits/award';
import type { ClaimFacts, InjuryFacts } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { formatRinggit } from '../../schemas/common/money';
import type { DecisionLog } from './common';
import { RateTableGapError, rowOn } from './common';
import { addMonthsToDate, hoursBetween, malaysianDate, monthOf } from '../../schemas/common/calendar';

/** Circumstances that arise out of and in the course of employment (EI-COV-001/002). */
const EI_CIRCUMSTANCES = new Set<InjuryFacts['circumstance']>([
  'work',
  'commuting',
  'job-journey',
  'meal-break-trip',
  'emergency-rescue',
]);

/** The result of {@link classifyInjury}: EI, NEI with its phase, or NONE (refused), and the governing dates. */
export interface Classification {
  claimClass: Extract<ClaimClass, 'EI' | 'NEI' | 'NONE'>;
  accidentDate: string;
  /** The month of injury for the wage base: the accident month, or for a disease the month of first certification. */
  injuryMonth: string;
  phase?: number;
}

/**
 * The governing date of an injury (GEN-DATE-001, WB-INJ-001): the Malaysian calendar date of the accident; for an
 * occupational disease, `wb.odInjuryDate` (default: the date of first medical certification).
 */
export function accidentDateOf(injury: InjuryFacts, params: EngineParams): string {
  if (
    injury.kind === 'occupational-disease' &&
    params.wb.odInjuryDate === 'first-medical-certification' &&
    injury.firstCertifiedOn
  ) {
    return injury.firstCertifiedOn;
  }
  return malaysianDate(injury.occurredAt);
}

/**
 * NEI-CLS-001: classifies an injury, in order, recording each step with its rule and a readable reason.
 * 1. Meets EI-COV-001/002 (work, commuting incl. a covered journey or meal trip, emergency rescue, Fifth Schedule
 *    disease; an officer's ruling settles borderline commuting) → EI at full rates; opt-out is irrelevant.
 * 2. Not an accident → `NEI_NOT_ACCIDENT`. 3. Before 1 Jun 2026 → `NEI_BEFORE_COMMENCEMENT` (NEI-LAW-001).
 * 4. Abroad → `NEI_OUTSIDE_MALAYSIA` (NEI-EXC-001); s.44B → `NEI_S44B_OFFENCE` / `NEI_S44B_PASS` (NEI-EXC-002);
 *    s.96B → `NEI_S96B` (NEI-EXC-003). 5. Not covered on the accident date → `NEI_OPTED_OUT` (NEI-PART-001/002).
 * 6. Otherwise NEI at the phase of the accident date (NEI-DEF-001, NEI-PH-001).
 */
export function classifyInjury(
  facts: ClaimFacts,
  injury: InjuryFacts,
  tables: Readonly<RateTables>,
  params: EngineParams,
  log: DecisionLog
): Classification {
  const accidentDate = accidentDateOf(injury, params);
  const injuryMonth = monthOf(accidentDate);
  const base = { accidentDate, injuryMonth };
  if (injury.kind === 'occupational-disease') {
    log.add(
      'WB_OD_INJURY_DATE',
      'info',
      ['WB-INJ-001'],
      `Occupational disease: the month of injury is the month of first medical certification (${accidentDate}).`
    );
  }
  const commutingLike =
    injury.circumstance === 'commuting' ||
    injury.circumstance === 'job-journey' ||
    injury.circumstance === 'meal-break-trip';
  let ei =
    injury.kind === 'occupational-disease' || (injury.kind === 'accident' && EI_CIRCUMSTANCES.has(injury.circumstance));
  if (injury.circumstance === 'commuting-deviation' || commutingLike) {
    if (facts.officer.commutingRuling) ei = facts.officer.commutingRuling === 'covered';
  }
  if (ei) {
    log.add(
      'EI_EMPLOYMENT_INJURY',
      'pass',
      ['EI-COV-001', 'EI-COV-002', 'NEI-CLS-001'],
      `Employment injury (${injury.kind === 'occupational-disease' ? 'occupational disease' : injury.circumstance}): paid at full EI rates; LINDUNG opt-out is irrelevant.`
    );
    if (commutingLike && !injury.policeReportFiled) {
      log.add(
        'COMMUTING_POLICE_REPORT_MISSING',
        'officer-review',
        ['EI-COV-002', 'EI-TDB-001', 'FRD-008'],
        'A commuting accident needs a police report (with the sketch map and attendance record) before it is paid.'
      );
    }
    return { ...base, claimClass: 'EI' };
  }
  if (injury.circumstance === 'commuting-deviation') {
    log.add(
      'EI_COMMUTING_DEVIATION',
      'info',
      ['EI-COV-002'],
      'An accident during an interruption of or a deviation from the commuting route is not an employment injury.'
    );
  }
  log.add(
    'NOT_EMPLOYMENT_INJURY',
    'info',
    ['NEI-CLS-001', 'NEI-DEF-001'],
    'The accident did not arise out of and in the course of employment; tested as a non-employment injury (LINDUNG 24 Jam).'
  );
  if (injury.kind !== 'accident') {
    log.add(
      'NEI_NOT_ACCIDENT',
      'fail',
      ['NEI-CLS-001', 'NEI-DEF-001'],
      'LINDUNG 24 Jam covers accidents only, not illness; the invalidity scheme may still apply.'
    );
    return { ...base, claimClass: 'NONE' };
  }
  const t = tables.lindungPhases;
  if (accidentDate < t.commencement) {
    const hours = injury.withinWorkingHours === false ? ' outside working hours' : '';
    log.add(
      'NEI_BEFORE_COMMENCEMENT',
      'fail',
      ['NEI-CLS-001', 'NEI-LAW-001'],
      `A non-employment accident${hours} on ${accidentDate} is before LINDUNG 24 Jam came into force on ${t.commencement}.`
    );
    return { ...base, claimClass: 'NONE' };
  }
  const exclusions: [boolean, string, string, 'NEI-EXC-001' | 'NEI-EXC-002' | 'NEI-EXC-003'][] = [
    [
      !injury.inMalaysia,
      'NEI_OUTSIDE_MALAYSIA',
      'No benefit is paid for a non-employment accident outside Malaysia (s.44A).',
      'NEI-EXC-001',
    ],
    [
      facts.officer.s44bFinding === 'offence',
      'NEI_S44B_OFFENCE',
      'An officer found the person involved in an act punishable under s.93 (s.44B).',
      'NEI-EXC-002',
    ],
    [
      facts.officer.s44bFinding === 'pass-misuse',
      'NEI_S44B_PASS',
      'An officer found a foreign worker misused a pass or permit or breached entry rules (s.44B).',
      'NEI-EXC-002',
    ],
    [
      facts.officer.s96bFinding !== null,
      'NEI_S96B',
      `An officer found a s.96B circumstance: ${facts.officer.s96bFinding ?? ''} (listed: ${params.nei.s96bExclusions.join(', ') || 'none'}).`,
      'NEI-EXC-003',
    ],
  ];
  for (const [hit, code, reason, rule] of exclusions) {
    if (hit) {
      log.add(code, 'fail', ['NEI-CLS-001', rule], reason);
      return { ...base, claimClass: 'NONE' };
    }
  }
  if (!neiCovered(facts, accidentDate, tables, params, log)) return { ...base, claimClass: 'NONE' };
  const phase = rowOn(t.phases, accidentDate, 'LINDUNG phases');
  log.add(
    'NEI_COVERED',
    'pass',
    ['NEI-CLS-001', 'NEI-DEF-001', 'NEI-PH-001', 'NEI-BEN-001'],
    `Non-employment injury on ${accidentDate}: LINDUNG 24 Jam phase ${phase.phase} (${phase.from} to ${phase.to ?? 'open'}), the same benefits as for an employment injury at the phase rates.`
  );
  return { ...base, claimClass: 'NEI', phase: phase.phase };
}

/**
 * NEI-PART-001/002, NEI-CON-001 (`nei.coverTest`, `nei.reactivation`): covered when the accident month's non-EI
 * contribution is paid or payable and the person is a foreign worker, or the accident is in June 2026 (mandatory
 * month), or no opt-out is in force on the accident date. A later opt-out never removes cover for an earlier
 * accident; a reactivation restores cover from the first month a contribution is payable.
 */
export function neiCovered(
  facts: ClaimFacts,
  accidentDate: string,
  tables: Readonly<RateTables>,
  params: EngineParams,
  log: DecisionLog
): boolean {
  const month = monthOf(accidentDate);
  const c = facts.contributions.find((x) => x.scheme === 'act4' && x.month === month);
  const nonEi = c ? (c.nonEi ?? c.status) : 'none';
  const optOutInForce = facts.insuredPerson.lindungOptOuts.some((o) => {
    if (o.optedOutOn > accidentDate) return false;
    if (o.reactivatedOn === null || params.nei.reactivation === 'not-allowed') return true;
    return `${monthOf(o.reactivatedOn)}` > month;
  });
  const foreign = facts.insuredPerson.workerType === 'foreign';
  const mandatoryMonth = month === tables.lindungPhases.mandatoryMonth;
  const rules = ['NEI-CLS-001', 'NEI-PART-001', 'NEI-PART-002', 'NEI-CON-001'] as const;
  if (nonEi === 'none') {
    log.add(
      'NEI_OPTED_OUT',
      'fail',
      [...rules],
      `No non-EI (LINDUNG 24 Jam) contribution is paid or payable for ${month}.`
    );
    return false;
  }
  if (!foreign && !mandatoryMonth && optOutInForce) {
    log.add(
      'NEI_OPTED_OUT',
      'fail',
      [...rules],
      `The person, a local worker, had opted out of LINDUNG 24 Jam on the accident date ${accidentDate}.`
    );
    return false;
  }
  log.add(
    'NEI_COVER_TEST',
    'pass',
    [...rules],
    foreign
      ? 'Foreign workers are covered compulsorily.'
      : mandatoryMonth
        ? 'June 2026 contributions were mandatory for everyone.'
        : 'No opt-out was in force on the accident date and the non-EI contribution is paid or payable.'
  );
  return true;
}

/**
 * EI-COV-003/004/005: the insured person's cover for an employment injury. A foreign worker is covered from 1 Jan
 * 2019; an unregistered person or defaulting employer goes to an officer (`cov.employerDefault`), never an
 * automatic refusal.
 */
export function coverageDecisions(
  facts: ClaimFacts,
  accidentDate: string,
  params: EngineParams,
  log: DecisionLog
): void {
  const ip = facts.insuredPerson;
  log.add(
    'EI_CATEGORY',
    'info',
    ['EI-COV-003'],
    ip.category === 'first'
      ? 'First category: employment injury and invalidity cover.'
      : 'Second category: employment injury cover only (no invalidity cover).'
  );
  if (ip.workerType === 'foreign' && accidentDate < '2019-01-01') {
    log.add(
      'FOREIGN_WORKER_BEFORE_2019',
      'fail',
      ['EI-COV-004'],
      "Foreign workers have been covered for employment injury only since 1 Jan 2019 (before, the Workmen's Compensation scheme)."
    );
  }
  if (!ip.employerRegistered || ip.registeredOn > accidentDate) {
    log.add(
      'EMPLOYER_DEFAULT',
      params.cov.employerDefault === 'reject' ? 'fail' : 'officer-review',
      ['EI-COV-005'],
      `The person was not registered (or registered only on ${ip.registeredOn}) when the accident happened on ${accidentDate}: an officer reviews the employer's default.`
    );
  }
}

/** CLM-DL-001 (`clm.lateNoticeAction`): employer notice within 48 hours of learning of the accident; late is flagged. */
export function noticeDecisions(facts: ClaimFacts, params: EngineParams, log: DecisionLog): void {
  const { employerLearnedAt, employerNotifiedAt } = facts.notices;
  if (!employerLearnedAt || !employerNotifiedAt) return;
  const hours = hoursBetween(employerLearnedAt, employerNotifiedAt);
  if (hours > params.clm.employerNoticeHours) {
    log.add(
      'LATE_EMPLOYER_NOTICE',
      'flag',
      ['CLM-DL-001'],
      `The employer gave notice ${Math.round(hours)} hours after learning of the accident (limit ${params.clm.employerNoticeHours}); the claim is accepted and flagged.`
    );
  } else {
    log.add(
      'EMPLOYER_NOTICE_IN_TIME',
      'pass',
      ['CLM-DL-001'],
      `The employer gave notice within ${params.clm.employerNoticeHours} hours.`
    );
  }
}

/** EI-PDB-001, CLM-DL-003 (`clm.latePdbAction`): the PDB claim is made within 12 months of the last TDB day. */
export function pdbDeadline(
  lastTdbDay: string | null,
  claimedOn: string | undefined,
  params: EngineParams,
  log: DecisionLog
): void {
  if (!lastTdbDay || !claimedOn) return;
  const limit = addMonthsToDate(lastTdbDay, params.clm.pdbClaimMonths);
  if (claimedOn > limit) {
    log.add(
      'LATE_PDB_CLAIM',
      'officer-review',
      ['EI-PDB-001', 'CLM-DL-003'],
      `PDB claimed on ${claimedOn}, more than ${params.clm.pdbClaimMonths} months after the last MC day ${lastTdbDay} (limit ${limit}): officer review.`
    );
  } else {
    log.add(
      'PDB_CLAIM_IN_TIME',
      'pass',
      ['EI-PDB-001', 'CLM-DL-003'],
      `PDB claimed within ${params.clm.pdbClaimMonths} months of the last MC day.`
    );
  }
}

/** The Act 789 plan in force on the injury date (SE-CON-001), resolved against self-employment.json. */
export interface ResolvedPlan {
  /** The plan number, or null when the facts give insured earnings that match no plan of the table. */
  plan: number | null;
  insuredEarningsSen: number;
  monthlyContributionSen: number | null;
  from: string;
  to: string | null;
  tableRowId: string;
}

/** The result of {@link classifySelfEmploymentInjury}: SE (plan rules), GIG (platform earnings) or NONE (refused). */
export interface SeClassification {
  claimClass: Extract<ClaimClass, 'SE' | 'GIG' | 'NONE'>;
  accidentDate: string;
  injuryMonth: string;
  /** The plan in force on the injury date (class SE). */
  plan?: ResolvedPlan;
  /** True when a gig worker is paid on the plan rules because the GIG rules are not in force (GIG-COM-001). */
  gigFallback?: boolean;
}

/**
 * SE-COV-001, SE-CON-001, GIG-COM-001: classifies the injury of a self-employed or gig insured person
 * (`insuredPerson.scheme` `act789` or `gig`), in order, recording each step with its rule and a readable reason:
 * 1. A self-employment injury: an accident in the activity or on travel for it (the EI-COV-001/002 circumstances,
 *    with an officer's commuting ruling), or an occupational disease (the injury date is then `wb.odInjuryDate`).
 *    Anything else (an accident outside the activity, an illness) is refused: LINDUNG 24 Jam is an Act 4 scheme.
 * 2. Citizens and permanent residents only (a `foreign` worker is refused); no age limit.
 * 3. The sector's cover began on or before the injury date: the later of `se.commencement` and the sector's
 *    `coveredFrom` (self-employment.json); the day before is refused.
 * 4. A gig worker with `gig.commencementDate` set and on or before the injury date → GIG (GIG-BEN-001 wage base);
 *    otherwise the plan rules apply (SE-CON-001), recorded as an info decision.
 * 5. Plan rules: a plan period must be in force on the injury date; its insured earnings are read from the table.
 */
export function classifySelfEmploymentInjury(
  facts: ClaimFacts,
  injury: InjuryFacts,
  tables: Readonly<RateTables>,
  params: EngineParams,
  log: DecisionLog
): SeClassification {
  const accidentDate = accidentDateOf(injury, params);
  const base = { accidentDate, injuryMonth: monthOf(accidentDate) };
  const none = { ...base, claimClass: 'NONE' as const };
  const se = facts.selfEmployment;
  if (!se) throw new Error('selfEmployment facts are required (checked by ClaimFacts)');
  const scheme = facts.insuredPerson.scheme;
  if (injury.kind === 'occupational-disease') {
    log.add(
      'WB_OD_INJURY_DATE',
      'info',
      ['WB-INJ-001', 'SE-COV-001'],
      `Occupational disease: the injury date is the date of first medical certification (${accidentDate}).`
    );
  }
  const travel =
    injury.circumstance === 'commuting' ||
    injury.circumstance === 'job-journey' ||
    injury.circumstance === 'meal-break-trip';
  let covered =
    injury.kind === 'occupational-disease' || (injury.kind === 'accident' && EI_CIRCUMSTANCES.has(injury.circumstance));
  if ((injury.circumstance === 'commuting-deviation' || travel) && facts.officer.commutingRuling)
    covered = facts.officer.commutingRuling === 'covered';
  const activity = se.activity ?? se.sector;
  if (!covered) {
    log.add(
      'SE_NOT_SELF_EMPLOYMENT_INJURY',
      'fail',
      ['SE-COV-001'],
      injury.kind === 'illness'
        ? 'Act 789 covers self-employment injury (accidents and occupational disease), not illness.'
        : `The accident (${injury.circumstance}) did not arise out of the self-employed activity (${activity}) or travel for it; LINDUNG 24 Jam non-employment cover is an Act 4 scheme for employees.`
    );
    return none;
  }
  log.add(
    'SE_SELF_EMPLOYMENT_INJURY',
    'pass',
    ['SE-COV-001', 'EI-COV-001', 'EI-COV-002'],
    `Self-employment injury (${injury.kind === 'occupational-disease' ? 'occupational disease' : travel ? `travel for the activity: ${injury.circumstance}` : injury.circumstance}) in ${activity}.`
  );
  if (travel && !injury.policeReportFiled) {
    log.add(
      'COMMUTING_POLICE_REPORT_MISSING',
      'officer-review',
      ['EI-COV-002', 'SE-COV-001', 'FRD-008'],
      'An accident on travel for the activity needs a police report (with the sketch map) before it is paid.'
    );
  }
  if (facts.insuredPerson.workerType === 'foreign') {
    log.add(
      'SE_NOT_CITIZEN_OR_PR',
      'fail',
      ['SE-COV-001'],
      'Act 789 covers self-employed Malaysian citizens and permanent residents only.'
    );
    return none;
  }
  const t = tables.selfEmployment;
  const sector = t.sectors.find((r) => r.sector === se.sector);
  if (!sector) throw new RateTableGapError('self-employment sectors', se.sector);
  const commencement = sector.coveredFrom > params.se.commencement ? sector.coveredFrom : params.se.commencement;
  if (accidentDate < commencement) {
    log.add(
      'SE_BEFORE_COMMENCEMENT',
      'fail',
      ['SE-COV-001'],
      `The injury on ${accidentDate} is before Act 789 cover began for ${sector.description} on ${commencement} (se.commencement ${params.se.commencement}; table ${t.version}).`
    );
    return none;
  }
  const compulsory =
    sector.compulsoryFrom !== null && accidentDate >= sector.compulsoryFrom
      ? `; registration compulsory since ${sector.compulsoryFrom}`
      : '';
  log.add(
    'SE_COVERED',
    'pass',
    ['SE-COV-001'],
    `Covered under Act 789 (no age limit): ${sector.description} since ${commencement}${compulsory}.`
  );

  let gigFallback = false;
  if (scheme === 'gig') {
    const start = params.gig.commencementDate;
    if (start !== null && start <= accidentDate) {
      log.add(
        'GIG_RULES_ACTIVE',
        'pass',
        ['GIG-COM-001', 'GIG-CON-001'],
        `The gig-worker rules are in force from ${start} (gig.commencementDate): cover is post-paid through platform deductions, and the wage base is the net platform earnings (gig.wageBase).`
      );
      return { ...base, claimClass: 'GIG' };
    }
    gigFallback = true;
    log.add(
      'GIG_RULES_INACTIVE',
      'info',
      ['GIG-COM-001', 'SE-CON-001'],
      start === null
        ? 'gig.commencementDate is unset, so the gig-worker rules are inactive: the claim is assessed on the Act 789 contribution-plan rules.'
        : `The gig-worker rules start on ${start} (gig.commencementDate), after the injury on ${accidentDate}: the claim is assessed on the Act 789 contribution-plan rules.`
    );
  }

  const period = se.plans.find((p) => p.from <= accidentDate && (p.to === undefined || accidentDate <= p.to));
  if (!period) {
    const history = se.plans.map((p) => `${p.from}..${p.to ?? 'open'}`).join(', ') || 'none';
    log.add(
      'SE_NO_PLAN_IN_FORCE',
      'fail',
      ['SE-CON-001', 'SE-COV-001'],
      `No Act 789 contribution plan was in force on the injury date ${accidentDate} (plan periods: ${history}).`
    );
    return none;
  }
  const row = rowOn(t.plans, accidentDate, 'self-employment plans');
  const tablePlan =
    period.plan !== undefined
      ? row.plans.find((p) => p.plan === period.plan)
      : row.plans.find((p) => p.insuredEarningsSen === period.insuredEarningsSen);
  if (period.plan !== undefined && !tablePlan)
    throw new RateTableGapError(`self-employment plan ${period.plan}`, accidentDate);
  const plan: ResolvedPlan = {
    plan: tablePlan?.plan ?? null,
    insuredEarningsSen: tablePlan?.insuredEarningsSen ?? period.insuredEarningsSen ?? 0,
    monthlyContributionSen: tablePlan?.monthlyContributionSen ?? null,
    from: period.from,
    to: period.to ?? null,
    tableRowId: row.id,
  };
  if (tablePlan) {
    log.add(
      'SE_PLAN_IN_FORCE',
      'pass',
      ['SE-CON-001'],
      `Plan ${tablePlan.plan} (insured earnings ${formatRinggit(tablePlan.insuredEarningsSen)}, contribution ${formatRinggit(tablePlan.monthlyContributionSen)}/month) in force from ${period.from} on the injury date.`
    );
  } else {
    log.add(
      'SE_EARNINGS_NOT_A_PLAN',
      'officer-review',
      ['SE-CON-001'],
      `Insured earnings of ${formatRinggit(plan.insuredEarningsSen)} match no plan of ${t.version} on ${accidentDate}: an officer confirms the plan.`
    );
  }
  return { ...base, claimClass: 'SE', plan, gigFallback };
}
