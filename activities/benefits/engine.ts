import type { Award, AwardLine, ClaimClass } from '../../schemas/benefits/award';
import type { ClaimFacts, InjuryFacts } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import type { EngineContext } from './common';
import { DecisionLog, RateTableGapError, rowOn } from './common';
import { constantAttendance } from './constant-attendance';
import { ageOn, monthOf } from '../../schemas/common/calendar';
import { dependantsBenefit } from './dependants';
import { educationLoans } from './education';
import { eisAllowances, eisEligibility } from './eis-job-search';
import {
  classifyInjury,
  classifySelfEmploymentInjury,
  coverageDecisions,
  noticeDecisions,
  pdbDeadline,
} from './eligibility';
import { funeralBenefit } from './funeral';
import { invalidityGrantLine, invalidityPensionLine, pensionMonthly, qualifyingPeriod } from './invalidity';
import type { QualifyingPeriod } from './invalidity';
import { medicalEntitlement, medicalReimbursements } from './medical';
import { permanentDisablement } from './permanent-disablement';
import type { RateBasis } from './rates';
import { eiRates, neiRates } from './rates';
import { rehabilitation } from './rehabilitation';
import { rat } from './rounding';
import { selfEmploymentRates, selfEmploymentWageBase, withSchemeRules } from './self-employment';
import { resolveSameDeathOverlap, survivorsPension } from './survivors';
import { countMcDays, temporaryDisablement } from './temporary-disablement';
import type { WageBase, WageTables } from './wage-base';
import { averageAssumedMonthlyWage, NoWageBaseError } from './wage-base';

/** The Act 4 ceiling and band tables (WB-CEIL-001, WB-BAND-001). */
const act4WageTables = (tables: Readonly<RateTables>): WageTables => ({
  ceilings: tables.wageCeilings.rows,
  ceilingVersion: tables.wageCeilings.version,
  bands: tables.wageBands.rows,
  bandVersion: tables.wageBands.version,
});

/** What each path of the engine returns before the award is assembled. */
interface PathResult {
  claimClass: ClaimClass;
  phase?: number;
  wageBase?: WageBase;
  lines: AwardLine[];
}

/**
 * The benefits engine: computes the award for one claim as of one date. Pure and deterministic: no I/O, no clock,
 * no randomness; `asOf` is an argument, and rate-table rows are selected by each rule's governing date
 * (GEN-DATE-001), never by `asOf` except where the rules say the payment month governs (pension minimum and
 * cost-of-living revisions). Dispatches on the claim type:
 * - employment or non-employment injury: classification (NEI-CLS-001), medical, TDB, PDB, CAA, rehabilitation,
 *   education;
 * - death: dependants' benefit (EI/NEI), survivors' pension (INV-SUR), funeral, education, with the same-death
 *   overlap rule (INV-SUR-004);
 * - invalidity: pension or grant, CAA, rehabilitation (incl. dialysis), education;
 * - EIS loss of employment (Act 800, a separate scheme): JSA or RIA, ERA, training;
 * - a self-employed (Act 789) or gig insured person (`insuredPerson.scheme`): the injury and death paths on the
 *   SE/GIG cover rules and wage base, with the same benefit functions at EI rates (SE-BEN-001, GIG-BEN-001).
 * Every decision carries its rule ids and a readable reason; every amount its rule ids, table versions and inputs.
 * A missing rate-table row or wage base refers the claim to an officer instead of guessing.
 */
export function computeAward(
  facts: ClaimFacts,
  tables: Readonly<RateTables>,
  params: EngineParams,
  asOf: string
): Award {
  const ctx: EngineContext = { facts, tables, params, asOf };
  const log = new DecisionLog();
  let result: PathResult = { claimClass: 'NONE', lines: [] };
  try {
    result = dispatch(ctx, log);
  } catch (err) {
    if (err instanceof RateTableGapError) {
      log.add(
        'RATE_TABLE_GAP',
        'officer-review',
        ['GEN-DATE-001'],
        `${err.message}: the engine does not guess a rate; an officer decides.`
      );
    } else if (err instanceof NoWageBaseError) {
      log.add(
        'WB_NO_WAGE_BASE',
        'officer-review',
        ['WB-FALL-001'],
        `${err.message}: an officer enters a comparator wage.`
      );
    } else {
      throw err;
    }
  }
  const outcome = log.failed
    ? 'not-eligible'
    : log.decisions.some((d) => d.outcome === 'officer-review')
      ? 'officer-review'
      : 'eligible';
  const reasons = log.decisions
    .filter(
      (d) => d.outcome === (outcome === 'eligible' ? 'pass' : outcome === 'not-eligible' ? 'fail' : 'officer-review')
    )
    .map((d) => `${d.ruleIds[0] ?? ''}: ${d.reason}`);
  return {
    claimId: facts.claimId,
    asOf,
    claimClass: result.claimClass,
    ...(result.phase !== undefined ? { neiPhase: result.phase } : {}),
    eligibility: { outcome, reasons },
    decisions: log.decisions,
    flags: log.flags,
    ...(result.wageBase ? { wageBase: result.wageBase.summary } : {}),
    lines: log.failed ? [] : result.lines,
    rateTableVersions: Object.fromEntries(
      Object.entries(tables).map(([k, v]) => [k, (v as { version: string }).version])
    ),
    params: params as unknown as Record<string, unknown>,
  };
}

function dispatch(ctx: EngineContext, log: DecisionLog): PathResult {
  switch (ctx.facts.claimType) {
    case 'employment-injury':
    case 'non-employment-injury':
      return injuryPath(ctx, log);
    case 'death':
      return deathPath(ctx, log);
    case 'invalidity':
      return invalidityPath(ctx, log);
    case 'eis-loss-of-employment':
      return eisPath(ctx, log);
  }
}

/** The wage base of an injury or death, with fallbacks (WB-*), logging any fallback flag. */
function wageBaseFor(ctx: EngineContext, governingMonth: string, log: DecisionLog): WageBase {
  const wb = averageAssumedMonthlyWage({
    contributions: ctx.facts.contributions,
    scheme: 'act4',
    governingMonth,
    tables: act4WageTables(ctx.tables),
    params: ctx.params,
    comparatorAamwSen: ctx.facts.officer.comparatorAamwSen,
    declaredContractualWageSen: ctx.facts.officer.declaredContractualWageSen,
  });
  for (const f of wb.flags) {
    log.add(
      f,
      'flag',
      ['WB-FALL-001'],
      f === 'WB_FALLBACK_COMPARATOR'
        ? "No contribution month in the window: the officer's comparator wage is used."
        : 'No contribution month in the window and no comparator: the band of the declared contractual wage (Form 34) is used.'
    );
  }
  log.add(
    'WAGE_BASE',
    'info',
    wb.summary.ruleIds,
    `Average assumed monthly wage ${wb.summary.aamw} sen over ${wb.summary.monthsCounted.length} contribution month(s) in ${wb.summary.window.from}..${wb.summary.window.to}.`
  );
  return wb;
}

function injuryPath(ctx: EngineContext, log: DecisionLog): PathResult {
  const { facts, tables, params } = ctx;
  const injury = facts.injury;
  if (!injury) throw new Error('injury facts are required (checked by ClaimFacts)');
  if (facts.insuredPerson.scheme !== 'act4') return selfEmployedInjuryPath(ctx, injury, log);
  const cls = classifyInjury(facts, injury, tables, params, log);
  if (cls.claimClass === 'EI') coverageDecisions(facts, cls.accidentDate, params, log);
  noticeDecisions(facts, params, log);
  if (cls.claimClass === 'NONE' || log.failed) return { claimClass: cls.claimClass, lines: [] };
  const rates =
    cls.claimClass === 'EI' ? eiRates(tables, cls.accidentDate) : neiRates(tables, params, cls.accidentDate);
  const wb = wageBaseFor(ctx, cls.injuryMonth, log);
  const lines = injuryBenefits(ctx, cls.accidentDate, rates, wb, log);
  return { claimClass: cls.claimClass, ...(cls.phase !== undefined ? { phase: cls.phase } : {}), wageBase: wb, lines };
}

/**
 * SE-COV-001, SE-CON-001, SE-BEN-001, GIG-COM-001, GIG-BEN-001: a self-employment injury (Act 789) or a gig
 * worker's injury. Classified by {@link classifySelfEmploymentInjury}; the wage base is the plan's insured earnings
 * (`se.wageBase`) or the capped platform earnings (`gig.wageBase`); the benefits are the Act 4 ones at EI rates,
 * computed by the same functions, and every line cites the scheme rules and the self-employment table version.
 */
function selfEmployedInjuryPath(ctx: EngineContext, injury: InjuryFacts, log: DecisionLog): PathResult {
  const { facts, tables, params } = ctx;
  if (facts.claimType === 'non-employment-injury') {
    log.add(
      'SE_NO_NON_EMPLOYMENT_COVER',
      'fail',
      ['SE-COV-001', 'NEI-DEF-001'],
      'LINDUNG 24 Jam (non-employment injury) is an Act 4 scheme for employees; Act 789 covers self-employment injury only.'
    );
    return { claimClass: 'NONE', lines: [] };
  }
  const cls = classifySelfEmploymentInjury(facts, injury, tables, params, log);
  if (cls.claimClass === 'NONE' || log.failed) return { claimClass: cls.claimClass, lines: [] };
  const rates = selfEmploymentRates(tables, cls);
  const wb = selfEmploymentWageBase(facts, cls, tables, params, log);
  const lines = withSchemeRules(
    injuryBenefits(ctx, cls.accidentDate, rates, wb, log),
    rates.ruleIds,
    tables.selfEmployment.version
  );
  return { claimClass: cls.claimClass, wageBase: wb, lines };
}

/**
 * The benefits of an accepted injury, whatever the scheme: medical (EI-MED), TDB, PDB (with any commutation), CAA,
 * rehabilitation and education. `rates` carries the scheme's rule ids (NEI or SE/GIG), cited on each amount.
 */
function injuryBenefits(
  ctx: EngineContext,
  accidentDate: string,
  rates: RateBasis,
  wb: WageBase,
  log: DecisionLog
): AwardLine[] {
  const { facts, tables, params } = ctx;
  const self = facts.insuredPerson.insuredPersonId;
  const lines: AwardLine[] = [
    medicalEntitlement(self, accidentDate, rates.ruleIds),
    ...medicalReimbursements(facts.medicalBills, self, params, log),
  ];

  const mc = countMcDays(facts.medicalCertificates, accidentDate, params);
  log.add(
    mc.thresholdMet ? 'TDB_THRESHOLD_MET' : 'TDB_THRESHOLD_NOT_MET',
    mc.thresholdMet ? 'pass' : 'info',
    ['EI-TDB-001', 'CLM-DL-002', 'EI-TDB-005'],
    mc.thresholdMet
      ? `${mc.thresholdDays} MC day(s) from the accident day: at least 4, so TDB is paid for every certified day.`
      : `${mc.thresholdDays} MC day(s) from the accident day: fewer than 4, so no TDB (medical benefit only).`
  );
  if (mc.workedDays > 0)
    log.add(
      'TDB_DAYS_WORKED',
      'flag',
      ['EI-TDB-004', 'FRD-007'],
      `${mc.workedDays} MC day(s) were worked for wages and are not paid.`
    );
  const tdb = temporaryDisablement({ beneficiaryId: self, dailyWage: wb.dailyWage, rates, mc, params });
  if (tdb) lines.push(tdb);

  const board = facts.medicalBoard;
  if (board && board.loecPct === 0) {
    // EI-PDB-001 pays PDB only for a loss of earning capacity; at 0 % the EI-PDB-004 lump sum is 0, so there is
    // no PDB line (a 0-sen line "set by an officer" would hold a TDB-only claim for an approval nobody needs).
    log.add(
      'PDB_NO_LOSS_OF_EARNING_CAPACITY',
      'info',
      ['EI-PDB-001', 'EI-PDB-004'],
      'The Medical Board assessed no loss of earning capacity (LOEC 0 %): no permanent disablement benefit is due.'
    );
  } else if (board) {
    pdbDeadline(mc.lastDay, facts.notices.pdbClaimOn, params, log);
    const pdb = permanentDisablement({
      beneficiaryId: self,
      dateOfBirth: facts.insuredPerson.dateOfBirth,
      dailyWage: wb.dailyWage,
      rates,
      board,
      lastTdbDay: mc.thresholdMet ? mc.lastDay : null,
      commutationElectedOn: facts.elections.pdbCommutation?.electedOn,
      officerLumpSumSen: facts.officer.pdbLumpSumSen,
      officerCommutationSen: facts.officer.commutationLumpSumSen,
      params,
      log,
    });
    lines.push(...pdb);
    if (board.caaRecommended) {
      const underlying = pdb.find((l) => l.kind === 'periodic');
      if (board.loecPct === 100 && underlying?.startDate) {
        lines.push(
          constantAttendance({
            tables,
            params,
            beneficiaryId: self,
            startDate: underlying.startDate,
            underlyingLineId: underlying.lineId,
            boardReviewDate: board.caaReviewDate,
            flatFactor: rates.flatFactor,
            extraRuleIds: rates.ruleIds,
          })
        );
      } else {
        log.add(
          'CAA_NOT_TOTAL',
          'info',
          ['EI-CAA-001'],
          'Constant attendance is paid only with total permanent disablement (LOEC 100 %).'
        );
      }
    }
  }
  const pdbPeriodic = lines.some((l) => l.benefitType === 'permanent-disablement' && l.kind === 'periodic');
  lines.push(
    ...rehabilitation({
      referrals: facts.rehabilitation,
      beneficiaryId: self,
      invalidityScheme: false,
      pdbRecipient: pdbPeriodic,
      params,
      log,
    })
  );
  lines.push(
    ...educationLoans({
      applications: facts.educationApplications,
      trigger: pdbPeriodic ? 'periodical PDB recipient' : null,
      params,
      log,
    })
  );
  return lines;
}

/** INV-AGE-001 and EI-COV-003: whether a person is inside the invalidity scheme's age limits and category. */
function invalidityCover(
  ctx: EngineContext,
  eventDate: string,
  log: DecisionLog,
  evidence?: { began?: string | undefined; worked: boolean }
): boolean {
  const { facts, tables } = ctx;
  const ip = facts.insuredPerson;
  if (ip.category === 'second') {
    log.add(
      'INV_SECOND_CATEGORY',
      'fail',
      ['EI-COV-003', 'INV-AGE-001'],
      'Second-category contributors (aged 60 or over, or first insured at 55 or over) have no invalidity cover.'
    );
    return false;
  }
  const ages = rowOn(tables.invalidity.ageLimits, eventDate, 'invalidity age limits');
  const firstMonth =
    facts.contributions
      .filter((c) => c.scheme === 'act4')
      .map((c) => c.month)
      .sort()[0] ?? monthOf(ip.registeredOn);
  const entryAge = ageOn(ip.dateOfBirth, `${firstMonth}-01`);
  if (entryAge >= ages.entryBeforeAge) {
    log.add(
      'INV_ENTRY_AGE',
      'fail',
      ['INV-AGE-001'],
      `Contributions started at age ${entryAge}; they must start before ${ages.entryBeforeAge}.`
    );
    return false;
  }
  const age = ageOn(ip.dateOfBirth, eventDate);
  if (age >= ages.eventBeforeAge) {
    const began = evidence?.began;
    if (began && ageOn(ip.dateOfBirth, began) < ages.eventBeforeAge && !evidence.worked) {
      log.add(
        'INV_AGE_EVIDENCE',
        'pass',
        ['INV-AGE-001'],
        `Notice received at ${age}, but the condition began before ${ages.eventBeforeAge} and the person has not worked gainfully since.`
      );
      return true;
    }
    log.add(
      'INV_AGE_LIMIT',
      'fail',
      ['INV-AGE-001'],
      `Aged ${age} on ${eventDate}: invalidity or death must occur before ${ages.eventBeforeAge}.`
    );
    return false;
  }
  log.add(
    'INV_AGE_OK',
    'pass',
    ['INV-AGE-001'],
    `Contributions started at ${entryAge} (before ${ages.entryBeforeAge}); aged ${age} on ${eventDate} (before ${ages.eventBeforeAge}).`
  );
  return true;
}

function deathPath(ctx: EngineContext, log: DecisionLog): PathResult {
  const { facts, tables, params, asOf } = ctx;
  const death = facts.death;
  if (!death) throw new Error('death facts are required (checked by ClaimFacts)');
  log.add(
    'SURVIVOR_NO_TIME_BAR',
    'info',
    ['CLM-DL-005', 'PAY-ARR-001'],
    "Dependants' and funeral claims have no time bar (clm.survivorTimeBar); arrears run from the day after death."
  );
  let claimClass: ClaimClass = 'NONE';
  let phase: number | undefined;
  let wageBase: WageBase | undefined;
  let dependantLines: AwardLine[] = [];
  let flatFactor = rat(1);
  let funeralTrigger: string | null = null;

  // 1. Death from an injury: dependants' benefit at EI or phase rates (EI-DEP, NEI-BEN-001), or for a
  //    self-employed or gig insured person at EI rates on the SE/GIG wage base (SE-BEN-001).
  const selfEmployed = facts.insuredPerson.scheme !== 'act4';
  let schemeRates: RateBasis | undefined;
  if (death.cause !== 'other' && facts.injury && selfEmployed) {
    const injuryLog = new DecisionLog();
    const cls =
      death.cause === 'employment-injury'
        ? classifySelfEmploymentInjury(facts, facts.injury, tables, params, injuryLog)
        : null;
    if (!cls)
      injuryLog.add(
        'SE_NO_NON_EMPLOYMENT_COVER',
        'fail',
        ['SE-COV-001', 'NEI-DEF-001'],
        'LINDUNG 24 Jam (non-employment injury) is an Act 4 scheme for employees; Act 789 covers self-employment injury only.'
      );
    const injuryFailed = injuryLog.failed;
    // Act 789 has no survivors' pension to fall back on: a refused injury refuses the claim, unless the funeral
    // benefit is still due for a periodical-PDB recipient.
    const soften = death.wasReceivingPeriodicalPdb;
    for (const d of injuryLog.decisions)
      log.add(d.code, d.outcome === 'fail' && soften ? 'info' : d.outcome, d.ruleIds, d.reason);
    if (cls && cls.claimClass !== 'NONE' && !injuryFailed) {
      claimClass = cls.claimClass;
      schemeRates = selfEmploymentRates(tables, cls);
      wageBase = selfEmploymentWageBase(facts, cls, tables, params, log);
      dependantLines = dependantsBenefit({
        tables,
        params,
        dependants: facts.dependants,
        diedOn: death.diedOn,
        dailyWage: wageBase.dailyWage,
        rates: schemeRates,
      });
      funeralTrigger = `death from a self-employment injury${cls.claimClass === 'GIG' ? ' (gig worker)' : ''}`;
      if (dependantLines.length === 0)
        log.add(
          'DEP_NO_ELIGIBLE_DEPENDANT',
          'info',
          ['EI-DEP-004', 'EI-DEP-005'],
          'No dependant is eligible on the day after death; the shares lapse (dep.absentGroupShare).'
        );
    }
  } else if (death.cause !== 'other' && facts.injury) {
    const injuryLog = new DecisionLog();
    const cls = classifyInjury(facts, facts.injury, tables, params, injuryLog);
    if (cls.claimClass === 'EI') coverageDecisions(facts, cls.accidentDate, params, injuryLog);
    const injuryFailed = injuryLog.failed;
    // A refused injury class does not refuse the death claim: the invalidity scheme may still pay (NEI-CLS-001 step 2).
    for (const d of injuryLog.decisions)
      log.add(d.code, d.outcome === 'fail' ? 'info' : d.outcome, d.ruleIds, d.reason);
    if (cls.claimClass !== 'NONE' && !injuryFailed) {
      claimClass = cls.claimClass;
      phase = cls.phase;
      const rates: RateBasis =
        cls.claimClass === 'EI' ? eiRates(tables, cls.accidentDate) : neiRates(tables, params, cls.accidentDate);
      flatFactor = rates.flatFactor;
      wageBase = wageBaseFor(ctx, cls.injuryMonth, log);
      dependantLines = dependantsBenefit({
        tables,
        params,
        dependants: facts.dependants,
        diedOn: death.diedOn,
        dailyWage: wageBase.dailyWage,
        rates,
      });
      funeralTrigger = `death from ${cls.claimClass === 'EI' ? 'an employment injury' : 'a non-employment injury (LINDUNG 24 Jam)'}`;
      if (dependantLines.length === 0)
        log.add(
          'DEP_NO_ELIGIBLE_DEPENDANT',
          'info',
          ['EI-DEP-004', 'EI-DEP-005'],
          'No dependant is eligible on the day after death; the shares lapse (dep.absentGroupShare).'
        );
    }
  }

  // 2. Survivors' pension under the invalidity scheme (INV-SUR-001/002).
  let survivorLines: AwardLine[] = [];
  const deathMonth = monthOf(death.diedOn);
  let qp: QualifyingPeriod | null = null;
  if (selfEmployed) {
    log.add(
      'SE_NO_SURVIVORS_PENSION',
      'info',
      ['SE-BEN-001', 'INV-SUR-001'],
      "Act 789 has no invalidity scheme, so no survivors' pension is paid; dependants' and funeral benefits only."
    );
  } else if (death.wasInvalidityPensioner && death.invalidityPensionMonthlySen !== undefined) {
    log.add(
      'SUR_PENSIONER',
      'pass',
      ['INV-SUR-001', 'INV-SUR-002', 'INV-PEN-003'],
      "The deceased was an invalidity pensioner: the full survivors' rate equals that pension, whatever the age."
    );
    const monthly = {
      amountSen: death.invalidityPensionMonthlySen,
      ruleIds: ['INV-SUR-002' as const],
      rateTableVersion: tables.invalidity.version,
      inputs: { deceasedPensionSen: death.invalidityPensionMonthlySen },
    };
    survivorLines = survivorsPension({ tables, params, dependants: facts.dependants, diedOn: death.diedOn, monthly });
  } else {
    const subLog = new DecisionLog();
    if (invalidityCover(ctx, death.diedOn, subLog)) {
      qp = qualifyingPeriod(facts.contributions, deathMonth, tables, params);
      const met = qp.kind === 'full' || qp.kind === 'reduced';
      subLog.add(
        met ? 'SUR_QUALIFYING_PERIOD_MET' : 'SUR_QUALIFYING_PERIOD_NOT_MET',
        met ? 'pass' : 'info',
        ['INV-SUR-001', 'INV-QP-001', 'INV-QP-002'],
        qp.reason
      );
      if (met) {
        const wb = wageBaseFor(ctx, deathMonth, subLog);
        wageBase ??= wb;
        const monthly = pensionMonthly({
          aamw: wb.aamw,
          qp,
          startDate: death.diedOn,
          asOf,
          benefitType: 'survivors-pension',
          tables,
          params,
        });
        survivorLines = survivorsPension({
          tables,
          params,
          dependants: facts.dependants,
          diedOn: death.diedOn,
          monthly,
        });
      }
    }
    // The survivors' tests never refuse the whole claim; they only decide whether a pension is added.
    for (const d of subLog.decisions) log.add(d.code, d.outcome === 'fail' ? 'info' : d.outcome, d.ruleIds, d.reason);
  }
  if (survivorLines.length > 0 && claimClass === 'NONE') claimClass = 'SURVIVORS';

  let lines: AwardLine[];
  if (dependantLines.length > 0 && survivorLines.length > 0) {
    log.add(
      'SAME_DEATH_OVERLAP',
      'info',
      ['INV-SUR-004', 'SE-OVL-001'],
      "The same death gives dependants' benefit and a survivors' pension: each recipient is paid the higher (overlap.sameDeath)."
    );
    lines = resolveSameDeathOverlap(dependantLines, survivorLines);
  } else {
    lines = [...dependantLines, ...survivorLines];
  }

  // 3. Funeral benefit (EI-FUN-001 triggers).
  const ageAtDeath = ageOn(facts.insuredPerson.dateOfBirth, death.diedOn);
  funeralTrigger ??= death.wasReceivingPeriodicalPdb
    ? 'death while receiving periodical PDB'
    : death.wasInvalidityPensioner
      ? 'death of an invalidity pensioner'
      : ageAtDeath < 60 && qp && (qp.kind === 'full' || qp.kind === 'reduced')
        ? 'death under 60 after the qualifying period'
        : null;
  if (funeralTrigger) {
    lines.push(
      ...funeralBenefit({
        tables,
        params,
        death,
        dependants: facts.dependants,
        trigger: funeralTrigger,
        flatFactor,
        log,
      })
    );
  } else {
    log.add(
      'FUNERAL_NOT_TRIGGERED',
      'info',
      ['EI-FUN-001'],
      'No funeral-benefit trigger: not an injury death, no periodical PDB or invalidity pension, and the qualifying period is not met under 60.'
    );
  }
  if (lines.length === 0 && claimClass === 'NONE') {
    log.add(
      'DEATH_NO_BENEFIT',
      'fail',
      ['EI-DEP-001', 'INV-SUR-001', 'EI-FUN-001'],
      "The death gives no dependants' benefit, survivors' pension or funeral benefit."
    );
  }
  const eduTrigger =
    dependantLines.length > 0
      ? "dependant of a recipient of dependants' benefit"
      : survivorLines.length > 0
        ? "dependant of a recipient of survivors' pension"
        : null;
  lines.push(...educationLoans({ applications: facts.educationApplications, trigger: eduTrigger, params, log }));
  if (selfEmployed) {
    // SE-BEN-001: every amount of a self-employed person's death cites the scheme and the self-employment table.
    lines = withSchemeRules(lines, schemeRates?.ruleIds ?? ['SE-BEN-001'], tables.selfEmployment.version);
  }
  return { claimClass, ...(phase !== undefined ? { phase } : {}), ...(wageBase ? { wageBase } : {}), lines };
}

function invalidityPath(ctx: EngineContext, log: DecisionLog): PathResult {
  const { facts, tables, params, asOf } = ctx;
  const inv = facts.invalidity;
  if (!inv) throw new Error('invalidity facts are required (checked by ClaimFacts)');
  if (facts.insuredPerson.scheme !== 'act4') {
    log.add(
      'SE_NO_INVALIDITY_SCHEME',
      'fail',
      ['SE-BEN-001', 'INV-DEF-001'],
      'Act 789 pays self-employment injury benefits only; the invalidity scheme is an Act 4 scheme for employees.'
    );
    return { claimClass: 'NONE', lines: [] };
  }
  const self = facts.insuredPerson.insuredPersonId;
  log.add(
    inv.certifiedByBoard ? 'INV_CERTIFIED' : 'INV_NOT_CERTIFIED',
    inv.certifiedByBoard ? 'pass' : 'fail',
    ['INV-DEF-001', 'INV-PEN-003', 'CLM-MB-001'],
    inv.certifiedByBoard
      ? "The Medical Board certified a permanent invalidity (unable to earn 1/3 of a normal worker's earnings)."
      : 'The Medical Board has not certified invalidity.'
  );
  if (
    !invalidityCover(ctx, inv.noticeReceivedOn, log, {
      began: inv.conditionBeganOn,
      worked: inv.workedSinceConditionBegan,
    }) ||
    log.failed
  )
    return { claimClass: 'INV', lines: [] };
  const noticeMonth = monthOf(inv.noticeReceivedOn);
  const qp = qualifyingPeriod(facts.contributions, noticeMonth, tables, params);
  const lines: AwardLine[] = [];
  if (qp.kind === 'none') {
    log.add('INV_QUALIFYING_PERIOD_NOT_MET', 'fail', ['INV-QP-001', 'INV-QP-002', 'INV-GRT-001'], qp.reason);
    return { claimClass: 'INV', lines };
  }
  log.add(
    qp.kind === 'grant' ? 'INV_GRANT_ONLY' : 'INV_QUALIFYING_PERIOD_MET',
    qp.kind === 'grant' ? 'officer-review' : 'pass',
    qp.kind === 'reduced' ? ['INV-QP-002'] : qp.kind === 'grant' ? ['INV-GRT-001'] : ['INV-QP-001'],
    qp.reason
  );
  if (qp.kind === 'grant') {
    lines.push(invalidityGrantLine(qp, self, inv.noticeReceivedOn, facts.officer.invalidityGrantSen));
    return { claimClass: 'INV', lines };
  }
  const wb = wageBaseFor(ctx, noticeMonth, log);
  const start = inv.resignedOn && inv.resignedOn > inv.noticeReceivedOn ? inv.resignedOn : inv.noticeReceivedOn;
  const monthly = pensionMonthly({
    aamw: wb.aamw,
    qp,
    startDate: start,
    asOf,
    benefitType: 'invalidity-pension',
    tables,
    params,
  });
  let pension = invalidityPensionLine({
    monthly,
    beneficiaryId: self,
    startDate: start,
    tables,
    extraRuleIds: qp.kind === 'reduced' ? ['INV-QP-002'] : [],
  });
  if (inv.currentMonthlyEarningsSen !== undefined && inv.currentMonthlyEarningsSen * 3 > wb.summary.aamwSen) {
    log.add(
      'INV_REEMPLOYMENT_REVIEW',
      'flag',
      ['INV-PEN-004', 'FRD-004'],
      'Current earnings exceed 1/3 of the pre-invalidity average wage: a review task is opened; an officer decides on any suspension (inv.reemploymentAction).'
    );
  }
  if (inv.sameConditionNeiPdbMonthlySen !== undefined) {
    const higher = pension.amountSen >= inv.sameConditionNeiPdbMonthlySen;
    log.add(
      higher ? 'NEI_PDB_SUPPRESSED' : 'INV_PENSION_SUPPRESSED',
      'flag',
      ['NEI-OVL-001'],
      higher
        ? 'The invalidity pension is higher than the LINDUNG 24 Jam PDB for the same condition; the PDB is recorded as suppressed.'
        : 'The LINDUNG 24 Jam PDB for the same condition is higher; the invalidity pension is recorded as suppressed.'
    );
    if (!higher) pension = { ...pension, status: 'suppressed', ruleIds: [...pension.ruleIds, 'NEI-OVL-001'] };
  }
  lines.push(pension);
  if (facts.medicalBoard?.caaRecommended) {
    lines.push(
      constantAttendance({
        tables,
        params,
        beneficiaryId: self,
        startDate: start,
        underlyingLineId: pension.lineId,
        boardReviewDate: facts.medicalBoard.caaReviewDate,
        flatFactor: rat(1),
      })
    );
  }
  lines.push(
    ...rehabilitation({
      referrals: facts.rehabilitation,
      beneficiaryId: self,
      invalidityScheme: true,
      pdbRecipient: false,
      params,
      log,
    })
  );
  lines.push(
    ...educationLoans({ applications: facts.educationApplications, trigger: 'invalidity pensioner', params, log })
  );
  return { claimClass: 'INV', wageBase: wb, lines };
}

function eisPath(ctx: EngineContext, log: DecisionLog): PathResult {
  const eis = ctx.facts.eis;
  if (!eis) throw new Error('EIS facts are required (checked by ClaimFacts)');
  const contributionsInWindow = eisEligibility(ctx.facts, eis, ctx.tables, ctx.params, log);
  if (log.failed) return { claimClass: 'EIS', lines: [] };
  return {
    claimClass: 'EIS',
    lines: eisAllowances({ facts: ctx.facts, eis, contributionsInWindow, tables: ctx.tables, params: ctx.params, log }),
  };
}

/**
 * The default "as of" date of an award when none is given: the facts' own latest date (the death, the board
 * decision, the last MC day, the notice, the LOE or the accident), never the clock, so the same file always gives
 * the same award.
 */
export function defaultAsOf(facts: ClaimFacts): string {
  const dates = [
    facts.injury ? facts.injury.occurredAt.slice(0, 10) : undefined,
    facts.injury?.firstCertifiedOn,
    ...facts.medicalCertificates.map((m) => m.to),
    facts.medicalBoard?.decidedOn,
    facts.death?.diedOn,
    facts.invalidity?.noticeReceivedOn,
    facts.eis?.claimFiledOn,
    facts.elections.pdbCommutation?.electedOn,
  ].filter((d): d is string => d !== undefined);
  return dates.sort().at(-1) ?? facts.insuredPerson.registeredOn;
}
