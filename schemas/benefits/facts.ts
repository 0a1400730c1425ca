import { z } from 'zod';
import { IsoDate, IsoDateTime, YearMonth } from '../common/dates';
import { Sen } from '../common/money';
import { SeSector } from './rate-tables';
import { DependantRelationship } from '../claim/dependant';

/**
 * A percentage as a JSON number with at most two decimals (e.g. `40`, `12.5`), read exactly from its decimal
 * text, never used as a float (GEN-MNY-001).
 */
export const PercentFact = z
  .number()
  .min(0)
  .max(100)
  .refine((n) => /^\d{1,3}(\.\d{1,2})?$/.test(String(n)), 'expected at most two decimals');

/** What a claim asks for; picks the engine's path (injury, death, invalidity or EIS). */
export const FactsClaimType = z.enum([
  'employment-injury',
  'non-employment-injury',
  'invalidity',
  'death',
  'eis-loss-of-employment',
]);
export type FactsClaimType = z.infer<typeof FactsClaimType>;

/**
 * The scheme the insured person is insured under: `act4` an employee (EI, LINDUNG 24 Jam, invalidity; the default),
 * `act789` self-employed on a contribution plan (SE-COV-001, SE-CON-001), `gig` a gig worker whose platform deducts
 * contributions (GIG-CON-001; while `gig.commencementDate` is unset the plan rules apply, GIG-COM-001).
 */
export const InsuranceScheme = z.enum(['act4', 'act789', 'gig']);
export type InsuranceScheme = z.infer<typeof InsuranceScheme>;

/**
 * The insured person (EI-COV-003/004, NEI-PART-001/002): date of birth, registration, contribution category,
 * local or foreign worker, whether the employer registered and contributed (EI-COV-005), LINDUNG 24 Jam
 * opt-outs with any reactivation, and the scheme (Act 4 unless said otherwise).
 */
export const InsuredPersonFacts = z
  .object({
    insuredPersonId: z.string().min(1),
    dateOfBirth: IsoDate,
    registeredOn: IsoDate,
    category: z.enum(['first', 'second']),
    workerType: z.enum(['local', 'foreign']),
    employerRegistered: z.boolean().default(true),
    lindungOptOuts: z
      .array(z.object({ optedOutOn: IsoDate, reactivatedOn: IsoDate.nullable().default(null) }).strict())
      .default([]),
    scheme: InsuranceScheme.default('act4'),
  })
  .strict();
export type InsuredPersonFacts = z.infer<typeof InsuredPersonFacts>;

/**
 * One contribution month (WB-AAMW-001, WB-CON-001): the actual wage (the engine reads its band), whether the
 * contribution was paid or is payable, and the scheme (Act 4 or Act 800 for EIS). `nonEi` is the LINDUNG 24 Jam
 * part (NEI-CON-001); when omitted it follows `status` for months from June 2026.
 */
export const ContributionFact = z
  .object({
    month: YearMonth,
    wageSen: Sen,
    status: z.enum(['paid', 'payable']),
    scheme: z.enum(['act4', 'act800']).default('act4'),
    nonEi: z.enum(['paid', 'payable', 'none']).optional(),
    employerId: z.string().min(1).optional(),
  })
  .strict();
export type ContributionFact = z.infer<typeof ContributionFact>;

/**
 * The injury (EI-COV-001/002, NEI-DEF-001): accident or occupational disease, the circumstance, when (date-time;
 * the Malaysian date governs rates and phases) and where. `circumstance` values `work`, `commuting`, `job-journey`,
 * `meal-break-trip` and `emergency-rescue` are employment injuries; `commuting-deviation` and `outside-work` are not.
 */
export const InjuryFacts = z
  .object({
    kind: z.enum(['accident', 'occupational-disease', 'illness']),
    circumstance: z.enum([
      'work',
      'commuting',
      'job-journey',
      'meal-break-trip',
      'emergency-rescue',
      'commuting-deviation',
      'outside-work',
    ]),
    occurredAt: IsoDateTime,
    firstCertifiedOn: IsoDate.optional(),
    inMalaysia: z.boolean(),
    withinWorkingHours: z.boolean().optional(),
    policeReportFiled: z.boolean().default(false),
  })
  .strict();
export type InjuryFacts = z.infer<typeof InjuryFacts>;

/** One doctor-certified medical-leave period (EI-TDB-001/004), inclusive, with days worked for wages inside it. */
export const McPeriod = z
  .object({ from: IsoDate, to: IsoDate, daysWorkedForWages: z.number().int().nonnegative().default(0) })
  .strict()
  .refine((p) => p.to >= p.from, { message: 'must not end before it starts', path: ['to'] });
export type McPeriod = z.infer<typeof McPeriod>;

/**
 * The Medical Board's decision (EI-PDB-001/007, EI-CAA-001, CLM-MB-001): LOEC %, provisional (with `validUntil`)
 * or final, and whether constant attendance is needed.
 */
export const MedicalBoardFacts = z
  .object({
    decidedOn: IsoDate,
    loecPct: PercentFact,
    status: z.enum(['provisional', 'final']),
    validUntil: IsoDate.optional(),
    caaRecommended: z.boolean().default(false),
    caaReviewDate: IsoDate.optional(),
  })
  .strict()
  .refine((b) => b.status === 'final' || b.validUntil !== undefined, {
    message: 'a provisional assessment needs validUntil',
    path: ['validUntil'],
  });
export type MedicalBoardFacts = z.infer<typeof MedicalBoardFacts>;

/**
 * A medical bill (EI-MED-001/002/003): panel treatment is free (in kind); a non-panel bill is reimbursed per item
 * at the Fees Act 1951 rate (`feesActRateSen`; null when the item is not listed, which goes to an officer).
 */
export const MedicalBillFact = z
  .object({
    billId: z.string().min(1),
    date: IsoDate,
    panel: z.boolean(),
    originalReceipts: z.boolean().default(true),
    items: z
      .array(
        z
          .object({
            description: z.string().min(1),
            chargedSen: Sen,
            feesActRateSen: Sen.nullable().default(null),
          })
          .strict()
      )
      .min(1),
  })
  .strict();
export type MedicalBillFact = z.infer<typeof MedicalBillFact>;

/** A rehabilitation referral (EI-REH-001/002), in kind; `occupancyPct` of the centre drives EI-REH-003. */
export const RehabilitationReferral = z
  .object({
    referralId: z.string().min(1),
    kind: z.enum([
      'physiotherapy',
      'occupational-therapy',
      'reconstructive-surgery',
      'prosthesis',
      'wheelchair',
      'hearing-aid',
      'caliper',
      'vocational-training',
      'return-to-work',
      'dialysis',
    ]),
    centre: z.string().min(1),
    referredOn: IsoDate,
    occupancyPct: z.number().int().min(0).max(150).optional(),
  })
  .strict();
export type RehabilitationReferral = z.infer<typeof RehabilitationReferral>;

/**
 * A dependant of a deceased insured person (EI-DEP-002/003/005): relationship, birth date (for the age-21 stop),
 * marriage or remarriage, study to the first degree, incapacity, death.
 */
export const DependantFact = z
  .object({
    dependantId: z.string().regex(/^D[1-9]\d?$/, 'expected D1 to D99'),
    relationship: DependantRelationship,
    sex: z.enum(['male', 'female']).optional(),
    dateOfBirth: IsoDate,
    marriedOn: IsoDate.optional(),
    remarriedOn: IsoDate.optional(),
    studyingFirstDegree: z.boolean().default(false),
    firstDegreeCompletedOn: IsoDate.optional(),
    incapacitated: z.boolean().default(false),
    incapacityEndedOn: IsoDate.optional(),
    diedOn: IsoDate.optional(),
  })
  .strict();
export type DependantFact = z.infer<typeof DependantFact>;

/**
 * The insured person's death (EI-DEP-001, EI-FUN-001, INV-SUR-001): the date, the cause, what the person was
 * receiving, and who claims the funeral benefit (an heir, or the payer with receipts).
 */
export const DeathFacts = z
  .object({
    diedOn: IsoDate,
    cause: z.enum(['employment-injury', 'non-employment-injury', 'other']),
    wasReceivingPeriodicalPdb: z.boolean().default(false),
    wasInvalidityPensioner: z.boolean().default(false),
    invalidityPensionMonthlySen: Sen.optional(),
    funeral: z
      .object({
        claimant: z.enum(['heir', 'payer']),
        heirDependantId: z.string().optional(),
        payerId: z.string().min(1).optional(),
        receiptsSen: Sen.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type DeathFacts = z.infer<typeof DeathFacts>;

/** The invalidity claim (INV-DEF-001, INV-AGE-001, INV-PEN-003/004): notice, certification, resignation, earnings. */
export const InvalidityFacts = z
  .object({
    noticeReceivedOn: IsoDate,
    certifiedByBoard: z.boolean(),
    conditionBeganOn: IsoDate.optional(),
    workedSinceConditionBegan: z.boolean().default(false),
    resignedOn: IsoDate.optional(),
    currentMonthlyEarningsSen: Sen.optional(),
    /** A LINDUNG 24 Jam periodical PDB for the same condition, per month (NEI-OVL-001). */
    sameConditionNeiPdbMonthlySen: Sen.optional(),
  })
  .strict();
export type InvalidityFacts = z.infer<typeof InvalidityFacts>;

/** The EIS claim (Act 800; EIS-COV-001 to EIS-TRN-001): loss of employment, reason, filing, re-employment, training. */
export const EisFacts = z
  .object({
    lossOfEmploymentOn: IsoDate,
    reason: z.string().min(1),
    claimFiledOn: IsoDate,
    employment: z.enum(['private-contract-of-service', 'government', 'domestic', 'self-employed']),
    multipleJobs: z.boolean().default(false),
    lostJobEmployerId: z.string().optional(),
    reemployedOn: IsoDate.optional(),
    activeJobSearch: z.boolean().default(true),
    myFutureJobsRegistered: z.boolean().default(true),
    training: z
      .object({
        feeSen: Sen,
        months: z.number().int().positive(),
        trainingDays: z.number().int().nonnegative(),
        dailyAllowanceSen: Sen,
      })
      .strict()
      .optional(),
  })
  .strict();
export type EisFacts = z.infer<typeof EisFacts>;

/** An education-loan application for a dependent child (EI-EDU-001/002/003). */
export const EducationApplication = z
  .object({
    dependantId: z.string().min(1),
    dateOfBirth: IsoDate,
    appliedOn: IsoDate,
    married: z.boolean().default(false),
    level: z.enum(['diploma', 'first-degree', 'skm-1', 'skm-2', 'skm-3', 'other']),
    fullTime: z.boolean(),
    inMalaysia: z.boolean(),
    monthsRemaining: z.number().int().nonnegative(),
    tuitionTotalSen: Sen,
    tuitionPerYearSen: Sen,
    rejectedByOtherLenders: z.boolean(),
    continuingFromPerkesoFunded: z.boolean().default(false),
    institution: z
      .object({ kind: z.enum(['public', 'private']), approved: z.boolean(), ageYears: z.number().int().nonnegative() })
      .strict(),
  })
  .strict();
export type EducationApplication = z.infer<typeof EducationApplication>;

/**
 * SE-CON-001: one period of an Act 789 contribution plan, inclusive (`to` omitted: still in force): the plan
 * number (1–4) or the insured earnings it insures. Exactly one of the two is given.
 */
export const SePlanPeriod = z
  .object({
    from: IsoDate,
    to: IsoDate.optional(),
    plan: z.number().int().min(1).max(4).optional(),
    insuredEarningsSen: Sen.optional(),
  })
  .strict()
  .refine((p) => (p.plan === undefined) !== (p.insuredEarningsSen === undefined), {
    message: 'give exactly one of plan and insuredEarningsSen',
    path: ['plan'],
  })
  .refine((p) => p.to === undefined || p.to >= p.from, { message: 'must not end before it starts', path: ['to'] });
export type SePlanPeriod = z.infer<typeof SePlanPeriod>;

/**
 * GIG-CON-001 / GIG-BEN-001: one month of platform earnings: net earnings (after commission and tips) and the
 * contribution the platform deducted (0 when none was deducted; such a month does not count).
 */
export const GigEarningsMonth = z.object({ month: YearMonth, netEarningsSen: Sen, deductionSen: Sen }).strict();
export type GigEarningsMonth = z.infer<typeof GigEarningsMonth>;

/**
 * Self-employment facts (Act 789; required when `insuredPerson.scheme` is `act789` or `gig`): the sector (its cover
 * date is in self-employment.json, SE-COV-001), the activity, the contribution-plan history by date (SE-CON-001)
 * and, for a gig worker, the monthly platform earnings (GIG-BEN-001). A self-employment injury is given as an
 * `employment-injury` claim (or a death with cause `employment-injury`): an accident in the activity, on travel
 * for it, or an occupational disease.
 */
export const SelfEmploymentFacts = z
  .object({
    sector: SeSector,
    activity: z.string().min(1).optional(),
    plans: z.array(SePlanPeriod).default([]),
    platformEarnings: z.array(GigEarningsMonth).default([]),
  })
  .strict()
  .superRefine((se, ctx) => {
    const sorted = [...se.plans].map((p, i) => ({ p, i })).sort((a, b) => a.p.from.localeCompare(b.p.from));
    sorted.forEach(({ p, i }, k) => {
      const prev = sorted[k - 1]?.p;
      if (prev && (prev.to === undefined || prev.to >= p.from))
        ctx.addIssue({ code: 'custom', path: ['plans', i, 'from'], message: 'overlaps another plan period' });
    });
    const months = new Set<string>();
    se.platformEarnings.forEach((m, i) => {
      if (months.has(m.month))
        ctx.addIssue({ code: 'custom', path: ['platformEarnings', i, 'month'], message: 'duplicate month' });
      months.add(m.month);
    });
  });
export type SelfEmploymentFacts = z.infer<typeof SelfEmploymentFacts>;

/** Notice dates (CLM-DL-001/003/005): when the employer learned of the accident and gave notice, claim dates. */
export const NoticeFacts = z
  .object({
    employerLearnedAt: IsoDateTime.optional(),
    employerNotifiedAt: IsoDateTime.optional(),
    pdbClaimOn: IsoDate.optional(),
  })
  .strict();
export type NoticeFacts = z.infer<typeof NoticeFacts>;

/** Elections by the recipient: the 1/5 PDB commutation (EI-PDB-006, form PKS(F)15). */
export const ElectionFacts = z
  .object({ pdbCommutation: z.object({ electedOn: IsoDate }).strict().optional() })
  .strict();
export type ElectionFacts = z.infer<typeof ElectionFacts>;

/**
 * Inputs only an officer can give: a comparator wage (WB-FALL-001), the Form 34 contractual wage, lump sums set by
 * an officer (EI-PDB-004/006, INV-GRT-001), findings under s.44B / s.96B (NEI-EXC-002/003) and a ruling on a
 * borderline commuting case (EI-COV-002).
 */
export const OfficerFacts = z
  .object({
    comparatorAamwSen: Sen.optional(),
    declaredContractualWageSen: Sen.optional(),
    pdbLumpSumSen: Sen.optional(),
    commutationLumpSumSen: Sen.optional(),
    invalidityGrantSen: Sen.optional(),
    s44bFinding: z.enum(['none', 'offence', 'pass-misuse']).default('none'),
    s96bFinding: z.string().min(1).nullable().default(null),
    commutingRuling: z.enum(['covered', 'not-covered']).optional(),
  })
  .strict();
export type OfficerFacts = z.infer<typeof OfficerFacts>;

/**
 * The facts of one claim: the documented input of the benefits engine (`computeAward`) and of `claims award
 * <facts.json>`. Every date is ISO text; every amount integer sen; the engine reads nothing else (no clock, no
 * database), so the same facts always give the same award.
 *
 * Required by claim type: `employment-injury` and `non-employment-injury` need `injury`; `death` needs `death` (and
 * `injury` when the cause is an injury); `invalidity` needs `invalidity`; `eis-loss-of-employment` needs `eis`.
 * A self-employed or gig insured person (`insuredPerson.scheme`) needs `selfEmployment`.
 * Optional blocks default to empty (no MC, no dependants, no bills, no elections, no officer input).
 */
export const ClaimFacts = z
  .object({
    claimId: z.string().min(1),
    claimType: FactsClaimType,
    insuredPerson: InsuredPersonFacts,
    contributions: z.array(ContributionFact).default([]),
    injury: InjuryFacts.optional(),
    medicalCertificates: z.array(McPeriod).default([]),
    medicalBoard: MedicalBoardFacts.optional(),
    medicalBills: z.array(MedicalBillFact).default([]),
    rehabilitation: z.array(RehabilitationReferral).default([]),
    dependants: z.array(DependantFact).default([]),
    death: DeathFacts.optional(),
    invalidity: InvalidityFacts.optional(),
    eis: EisFacts.optional(),
    educationApplications: z.array(EducationApplication).default([]),
    notices: NoticeFacts.prefault({}),
    elections: ElectionFacts.prefault({}),
    officer: OfficerFacts.prefault({}),
    selfEmployment: SelfEmploymentFacts.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const need = (key: 'injury' | 'death' | 'invalidity' | 'eis', why: string) => {
      if (f[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `required ${why}` });
    };
    if (f.claimType === 'employment-injury' || f.claimType === 'non-employment-injury')
      need('injury', 'for an injury claim');
    if (f.claimType === 'death') {
      need('death', 'for a death claim');
      if (f.death && f.death.cause !== 'other') need('injury', 'when the death was caused by an injury');
    }
    if (f.claimType === 'invalidity') need('invalidity', 'for an invalidity claim');
    if (f.claimType === 'eis-loss-of-employment') need('eis', 'for an EIS claim');
    if (f.injury?.kind === 'occupational-disease' && !f.injury.firstCertifiedOn) {
      ctx.addIssue({
        code: 'custom',
        path: ['injury', 'firstCertifiedOn'],
        message: 'required for an occupational disease (WB-INJ-001)',
      });
    }
    if (f.insuredPerson.scheme !== 'act4' && f.selfEmployment === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['selfEmployment'],
        message: `required when insuredPerson.scheme is ${f.insuredPerson.scheme}`,
      });
    }
    if (f.insuredPerson.scheme === 'act4' && f.selfEmployment !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['selfEmployment'],
        message: 'only for insuredPerson.scheme act789 or gig',
      });
    }
    const ids = new Set<string>();
    f.dependants.forEach((d, i) => {
      if (ids.has(d.dependantId))
        ctx.addIssue({ code: 'custom', path: ['dependants', i, 'dependantId'], message: 'duplicate' });
      ids.add(d.dependantId);
    });
  });
/** The validated facts (defaults applied). */
export type ClaimFacts = z.infer<typeof ClaimFacts>;
/** The facts as written in a JSON file (defaults optional). */
export type ClaimFactsInput = z.input<typeof ClaimFacts>;
