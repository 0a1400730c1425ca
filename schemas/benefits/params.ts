import { z } from 'zod';
import { IsoDate } from '../common/dates';
import { Sen } from '../common/money';
import { CommutationTable, ColaRound, ExactNumber, LowBand } from './rate-tables';

/**
 * The engine parameters: every `param` of section 10 of the benefit rules, with its published default. Parameters
 * are configuration, not code; `EngineParams.parse({})` yields all defaults, and each award records the values used.
 * Parameters that govern the payment workflows (calendar, declarations, suspensions) are declared here too so that
 * one object holds the whole configuration; the engine only states them on its lines.
 */
const group = <T extends z.ZodRawShape>(shape: T) =>
  // prefault: a missing group is parsed from {} so that every field takes its own default.
  z
    .object(shape)
    .strict()
    .prefault({} as never);

/** GEN-RND-001 `rounding.mode`: exact arithmetic, rounded once half-up at the daily rate (monthly amounts once). */
export const RoundingParams = group({
  mode: z.enum(['half-up', 'half-even', 'down']).default('half-up'),
});

/** WB-BAND-001, WB-FALL-001, WB-INJ-001. */
export const WageBaseParams = group({
  /** `wb.lowBandTable`: assumed wages of the bands up to RM300.00; null = the midpoints in wage-bands.json. */
  lowBandTable: z.array(LowBand).nullable().default(null),
  /** `wb.fallback`: with no contribution month, the officer's comparator, else the declared wage's band (flagged). */
  fallback: z
    .enum(['officer-comparator-then-declared-wage', 'officer-comparator-only'])
    .default('officer-comparator-then-declared-wage'),
  /** `wb.odInjuryDate`: the "month of injury" of an occupational disease. */
  odInjuryDate: z.enum(['first-medical-certification', 'onset']).default('first-medical-certification'),
});

/** EI-COV-005 `cov.employerDefault`: benefits when the employer did not register or contribute. */
export const CoverageParams = group({
  employerDefault: z.enum(['officer-review', 'reject']).default('officer-review'),
});

/** EI-MED-003 `med.reimbursementCap`: no flat cap; each item at its Fees Act 1951 rate; unlisted items to an officer. */
export const MedicalParams = group({
  reimbursementCapSen: Sen.nullable().default(null),
});

/** EI-TDB-005 `tdb.waitingDays` / `tdb.thresholdScope`. */
export const TdbParams = group({
  waitingDays: z.number().int().nonnegative().default(0),
  thresholdScope: z.enum(['first-continuous-period', 'all-periods']).default('first-continuous-period'),
});

/** EI-PDB-003/004/006/008, PAY-PROV-001. */
export const PdbParams = group({
  /** `pdb.minimumBeforeLoec`: apply the RM30.00 floor to the 100 % rate, then × LOEC. */
  minimumBeforeLoec: z.boolean().default(true),
  /** `pdb.startDate`: the day after the last TDB (MC) day. */
  startDate: z.enum(['day-after-last-tdb-day', 'board-decision-date']).default('day-after-last-tdb-day'),
  /** `pdb.commutationTable`: none, so an officer sets the lump sum. */
  commutationTable: CommutationTable.nullable().default(null),
  /** `pdb.commutationElection`: one election per award, effective from the next month. */
  commutationElection: z.enum(['once-per-award-next-month']).default('once-per-award-next-month'),
  /** `pdb.provisionalExpiry`: a reassessment task this many days before expiry; payment continues and alerts. */
  provisionalExpiryTaskDays: z.number().int().nonnegative().default(60),
});

/** EI-CAA-003 `caa.reviewIntervalMonths`. */
export const CaaParams = group({ reviewIntervalMonths: z.number().int().positive().default(24) });

/** EI-DEP-004/006/007 and `dep.documents`. */
export const DependantParams = group({
  childSplit: z.enum(['equal-redistributed']).default('equal-redistributed'),
  spouseSplit: z.enum(['equal']).default('equal'),
  absentGroupShare: z.enum(['lapse', 'redistribute']).default('lapse'),
  grandparentShare: ExactNumber.default('4/10'),
  group2OnGroup1Exhaustion: z.boolean().default(false),
  minimumBeforeSplit: z.boolean().default(true),
  documents: z
    .array(z.string())
    .default([
      'death certificate',
      'identity cards',
      'marriage, birth or adoption certificates',
      'BKA-1',
      'PKS(F)17 for minors',
      'study declaration for dependants aged 21 or over',
    ]),
});

/** EI-FUN-003 `fun.heirOrder`. */
export const FuneralParams = group({
  heirOrder: z
    .array(z.enum(['spouse', 'eldest-son', 'eldest-daughter', 'parents']))
    .default(['spouse', 'eldest-son', 'eldest-daughter', 'parents']),
});

/** EI-REH-003 `reh.capacityAlertPct`. */
export const RehabilitationParams = group({ capacityAlertPct: z.number().int().min(1).max(100).default(90) });

/** EI-EDU-003 `edu.loanTerms`. */
export const EducationParams = group({
  loanCapSen: Sen.default(Sen.parse(10_000_000)),
  interestPct: ExactNumber.default('0'),
  disbursement: z.enum(['per-academic-year-to-institution']).default('per-academic-year-to-institution'),
  repayment: z.enum(['set-by-officer']).default('set-by-officer'),
});

/** INV-QP-002, INV-GRT-001, INV-PEN-001/004. */
export const InvalidityParams = group({
  reducedQpFraction: ExactNumber.default('1/3'),
  grantFormula: z.enum(['entered-by-officer']).default('entered-by-officer'),
  wageWindow: z.enum(['aamw-before-notice-month']).default('aamw-before-notice-month'),
  reemploymentAction: z.enum(['review-task']).default('review-task'),
});

/** INV-SUR-003 `sur.shares`. */
export const SurvivorParams = group({ shares: z.enum(['as-dependants']).default('as-dependants') });

/** INV-SUR-004 / NEI-OVL-001. */
export const OverlapParams = group({
  sameDeath: z.enum(['higher-per-recipient']).default('higher-per-recipient'),
  nonEiInvalidity: z.enum(['higher-suppress-other']).default('higher-suppress-other'),
});

/**
 * SE-COV-001 `se.commencement` and SE-BEN-001 `se.wageBase` (Act 789). `commencement` is the first day of the
 * scheme (1 Jun 2017; 13 Jun 2017 is also cited); a sector is covered from the later of it and the sector's date in
 * self-employment.json. `wageBase`: the insured earnings of the plan in force on the injury date, used as the AAMW,
 * ÷ 30, at EI rates.
 */
export const SelfEmployedParams = group({
  commencement: IsoDate.default('2017-06-01'),
  wageBase: z.enum(['plan-insured-earnings']).default('plan-insured-earnings'),
});
/**
 * GIG-COM-001 `gig.commencementDate` (unset: the GIG rules are inactive and a gig worker is paid on the SE-CON-001
 * plan rules) and GIG-BEN-001 `gig.wageBase`: the average monthly net platform earnings over the `windowMonths`
 * before the month of injury, counting only months with a platform deduction, capped at the table's cap
 * (RM3,950.00). `capped-average` caps the average; `average-of-capped-months` caps each month before averaging.
 * `wageBaseCapSen` overrides the table's cap when set.
 */
export const GigParams = group({
  commencementDate: IsoDate.nullable().default(null),
  wageBase: z.enum(['capped-average', 'average-of-capped-months']).default('capped-average'),
  windowMonths: z.number().int().positive().default(6),
  wageBaseCapSen: Sen.nullable().default(null),
});

/** EIS-ELG-002, EIS-JSA-001/002, EIS-RIA-001. */
export const EisParams = group({
  cqcContributions: z.number().int().positive().default(12),
  cqcWindowMonths: z.number().int().positive().default(24),
  durationWindowMonths: z.number().int().positive().default(24),
  wageBase: z.enum(['aamw-act800-6-months-before-loe']).default('aamw-act800-6-months-before-loe'),
  riaBase: z.enum(['lost-job-assumed-wage']).default('lost-job-assumed-wage'),
});

/** NEI-EXC-003, NEI-RATE-002, NEI-PART-002. */
export const NeiParams = group({
  s96bExclusions: z.array(z.string()).default([]),
  minimumApplies: z.boolean().default(true),
  dependantsRate: z.enum(['phase-total-pdb-rate']).default('phase-total-pdb-rate'),
  flatAmountsPhased: z.boolean().default(false),
  phaseStepUp: z.boolean().default(false),
  coverTest: z.enum(['status-on-accident-date']).default('status-on-accident-date'),
  reactivation: z.enum(['allowed-next-payable-month', 'not-allowed']).default('allowed-next-payable-month'),
});

/** CLM-DL-001/003/005/006. */
export const ClaimParams = group({
  employerNoticeHours: z.number().int().positive().default(48),
  lateNoticeAction: z.enum(['accept-and-flag']).default('accept-and-flag'),
  latePdbAction: z.enum(['officer-review']).default('officer-review'),
  pdbClaimMonths: z.number().int().positive().default(12),
  survivorTimeBarMonths: z.number().int().positive().nullable().default(null),
  appealWindowDays: z.number().int().positive().default(90),
});

/** CLM-SLA-001, PAY-MON-001, PAY-CAL-001, PAY-DECL-001, PAY-STUDY-001, PAY-STOP-001, PAY-SUSP-001, PAY-OVP-001. */
export const PaymentParams = group({
  slaDayBasis: z.enum(['calendar-days-from-complete-documents']).default('calendar-days-from-complete-documents'),
  daysPerMonth: z.number().int().positive().default(30),
  calendar: z
    .enum(['dated-table-else-25th-previous-working-day'])
    .default('dated-table-else-25th-previous-working-day'),
  declarationFrequency: z.enum(['annual-anniversary-month']).default('annual-anniversary-month'),
  declarationGraceDays: z.number().int().nonnegative().default(60),
  studyCycle: z.enum(['before-21-then-each-academic-year']).default('before-21-then-each-academic-year'),
  stopDate: z
    .enum(['through-day-before-event-and-date-of-death'])
    .default('through-day-before-event-and-date-of-death'),
  suspensionMonths: z.number().int().positive().default(6),
  overpaymentRecovery: z.enum(['same-recipient-only']).default('same-recipient-only'),
});

/** PAY-COLA-001 `revision.tables`: extra rounds on top of cola-revisions.json (default none). */
export const RevisionParams = group({ extraRounds: z.array(ColaRound).default([]) });

/** The whole engine configuration (section 10). `EngineParams.parse({})` gives every default. */
export const EngineParams = z
  .object({
    rounding: RoundingParams,
    wb: WageBaseParams,
    cov: CoverageParams,
    med: MedicalParams,
    tdb: TdbParams,
    pdb: PdbParams,
    caa: CaaParams,
    dep: DependantParams,
    fun: FuneralParams,
    reh: RehabilitationParams,
    edu: EducationParams,
    inv: InvalidityParams,
    sur: SurvivorParams,
    overlap: OverlapParams,
    se: SelfEmployedParams,
    gig: GigParams,
    eis: EisParams,
    nei: NeiParams,
    clm: ClaimParams,
    payment: PaymentParams,
    revision: RevisionParams,
  })
  .strict();
export type EngineParams = z.infer<typeof EngineParams>;
/** The input shape of {@link EngineParams}: every group and field optional. */
export type EngineParamsInput = z.input<typeof EngineParams>;
