/**
 * Test data builders (STYLE H19): each returns a valid contract value, and `overrides` replace top-level fields, so
 * a test states only what it is about: `aWorkAccidentClaim({ submittedAt: '…' })`. Builders do not parse, so a test
 * can build an invalid value on purpose and assert on the rejection.
 *
 * Synthetic personal data: IC numbers are `YYMMDD` + place-of-birth code `00` + serial + gender digit. The National
 * Registration Department never issues code `00`, so no builder IC can belong to a real person. Names are invented,
 * phone numbers use the unassigned `+6000` prefix, bank accounts start with `000`.
 */
import type { AwardLine } from '../../schemas/benefits/award';
import type { PeriodicAwardEventV1 } from '../../schemas/periodic/award-event.v1';
import type {
  Attachment,
  BenefitAwardedV1,
  BankAccount,
  ClaimLifecycleEventV1,
  ClaimStatus,
  Contact,
  ContributionRecord,
  ContributionRecordedV1,
  DeathClaimV1,
  Dependant,
  Employer,
  EmployerUpsertedV1,
  EmploymentInjuryClaimV1,
  Gender,
  Incident,
  InsuredPerson,
  InsuredPersonUpsertedV1,
  InvalidityClaimV1,
  MedicalAssessmentDecidedV1,
  MedicalAssessmentRequestedV1,
  MedicalBoardDecision,
  MedicalCertificatePeriod,
  NonEmploymentInjuryClaimV1,
  PaymentInstructionV1,
  PaymentResultV1,
  PersonalDetails,
} from '../../schemas';
import { sen } from '../../schemas/common/money';

let eventCounter = 0;

/** A fresh, valid UUID (version 4 layout) from a counter, so test runs are repeatable. */
export function anEventId(): string {
  eventCounter += 1;
  return `00000000-0000-4000-8000-${eventCounter.toString(16).padStart(12, '0')}`;
}

/** A synthetic MyKad number for a date of birth: place-of-birth code `00` (never issued), odd last digit = male. */
export function aSyntheticIcNumber(dateOfBirth: string, gender: Gender = 'male', serial = '123'): string {
  const yymmdd = dateOfBirth.slice(2, 4) + dateOfBirth.slice(5, 7) + dateOfBirth.slice(8, 10);
  return `${yymmdd}00${serial}${gender === 'male' ? '1' : '2'}`;
}

export const CLAIM_ID = 'C-2026-000123';
export const INSURED_PERSON_ID = 'IP-0000012345';
export const EMPLOYER_ID = 'E-0000067890';
export const SUBMITTED_AT = '2026-07-20T10:15:00+08:00';
export const ACCIDENT_AT = '2026-07-15T08:30:00+08:00';

export function aBankAccount(overrides: Partial<BankAccount> = {}): BankAccount {
  return { bankCode: 'MBBEMYKL', accountNumber: '000112233445', accountHolderName: 'Aminah binti Test', ...overrides };
}

export function aContact(overrides: Partial<Contact> = {}): Contact {
  return {
    phone: '+60001234567',
    address: {
      lines: ['No. 1, Jalan Contoh 1/1'],
      postcode: '46000',
      city: 'Petaling Jaya',
      state: 'selangor',
      countryCode: 'MY',
    },
    ...overrides,
  };
}

/** A Malaysian claimant with a synthetic IC; pass `dateOfBirth` and `gender` together with a matching identity. */
export function aClaimant(overrides: Partial<PersonalDetails> = {}): PersonalDetails {
  const dateOfBirth = overrides.dateOfBirth ?? '1990-01-15';
  const gender = overrides.gender ?? 'female';
  return {
    name: 'Aminah binti Test',
    identity: { type: 'mykad', icNumber: aSyntheticIcNumber(dateOfBirth, gender) },
    nationality: 'MY',
    dateOfBirth,
    gender,
    contact: aContact(),
    bankAccount: aBankAccount(),
    ...overrides,
  };
}

/** A foreign worker identified by passport. */
export function aForeignClaimant(overrides: Partial<PersonalDetails> = {}): PersonalDetails {
  return aClaimant({
    name: 'Budi Test',
    identity: { type: 'passport', passportNumber: 'X0000123', issuingCountry: 'ID' },
    nationality: 'ID',
    dateOfBirth: '1995-03-02',
    gender: 'male',
    bankAccount: aBankAccount({ accountHolderName: 'Budi Test' }),
    ...overrides,
  });
}

export function anAttachment(overrides: Partial<Attachment> = {}): Attachment {
  return {
    kind: 'form34',
    fileName: 'borang34.pdf',
    sha256: 'a'.repeat(64),
    sizeBytes: 120_000,
    uploadedAt: SUBMITTED_AT,
    ...overrides,
  };
}

export function aMedicalCertificate(overrides: Partial<MedicalCertificatePeriod> = {}): MedicalCertificatePeriod {
  return {
    certId: 'MC-2026-0001',
    from: '2026-07-15',
    to: '2026-07-24',
    issuer: { name: 'Klinik Panel Contoh', facilityCode: 'KP-0001', kind: 'panel-clinic' },
    daysWorkedForWages: 0,
    ...overrides,
  };
}

/** An accident at work in Selangor, reported to the employer the same day. */
export function anIncident(overrides: Partial<Incident> = {}): Incident {
  return {
    occurredAt: ACCIDENT_AT,
    place: { countryCode: 'MY', inMalaysia: true, state: 'selangor', description: 'Loading bay, warehouse B' },
    circumstance: 'at-work',
    employerNotification: { notified: true, reportedAt: '2026-07-15T11:00:00+08:00' },
    description: 'Slipped on a wet floor while unloading and fractured the left wrist.',
    ...overrides,
  };
}

function claimCommon() {
  return {
    schemaVersion: 1 as const,
    eventId: anEventId(),
    claimId: CLAIM_ID,
    submittedAt: SUBMITTED_AT,
    insuredPersonId: INSURED_PERSON_ID,
    claimant: aClaimant(),
    claimantRelationship: 'self' as const,
    source: { channel: 'assist-portal' as const, filedBy: 'employer' as const },
    attachments: [anAttachment(), anAttachment({ kind: 'mc', fileName: 'mc.pdf', sha256: 'b'.repeat(64) })],
    medicalCertificates: [aMedicalCertificate()],
  };
}

/** A valid `claims.submitted` v1 work-accident claim (the default claim in tests). */
export function aWorkAccidentClaim(overrides: Partial<EmploymentInjuryClaimV1> = {}): EmploymentInjuryClaimV1 {
  return {
    ...claimCommon(),
    claimType: 'employment-injury',
    subtype: 'work-accident',
    employerId: EMPLOYER_ID,
    incident: anIncident(),
    ...overrides,
  };
}

/** The default valid `claims.submitted` event: a work accident. */
export const aClaimSubmitted = aWorkAccidentClaim;

/** A commuting accident with its police report (EI-COV-002). */
export function aCommutingAccidentClaim(overrides: Partial<EmploymentInjuryClaimV1> = {}): EmploymentInjuryClaimV1 {
  return aWorkAccidentClaim({
    subtype: 'commuting-accident',
    incident: anIncident({
      circumstance: 'commuting',
      policeReportRef: 'IPD PJ/012345/26',
      place: { countryCode: 'MY', inMalaysia: true, state: 'selangor', description: 'Federal Highway KM 12' },
    }),
    ...overrides,
  });
}

/** An occupational disease, dated by its onset (first medical certification, WB-INJ-001). */
export function anOccupationalDiseaseClaim(overrides: Partial<EmploymentInjuryClaimV1> = {}): EmploymentInjuryClaimV1 {
  const { occurredAt: _occurredAt, ...incident } = anIncident({
    onsetDate: '2026-06-30',
    description: 'Noise-induced hearing loss after 12 years in the press shop.',
  });
  return aWorkAccidentClaim({ subtype: 'occupational-disease', incident, ...overrides });
}

/** A LINDUNG 24 Jam claim: a weekend accident outside work. */
export function aNonEmploymentInjuryClaim(
  overrides: Partial<NonEmploymentInjuryClaimV1> = {}
): NonEmploymentInjuryClaimV1 {
  return {
    ...claimCommon(),
    claimType: 'non-employment-injury',
    employerId: EMPLOYER_ID,
    incident: anIncident({
      occurredAt: '2026-07-12T16:00:00+08:00',
      circumstance: 'outside-working-hours',
      employerNotification: { notified: true, reportedAt: '2026-07-13T09:00:00+08:00' },
      description: 'Fell from a ladder while repairing the roof at home.',
    }),
    ...overrides,
  };
}

export function anInvalidityClaim(overrides: Partial<InvalidityClaimV1> = {}): InvalidityClaimV1 {
  return {
    ...claimCommon(),
    claimType: 'invalidity',
    invalidity: {
      noticeReceivedOn: '2026-07-18',
      conditionDescription: 'End-stage renal failure on dialysis.',
      conditionStartedOn: '2025-11-01',
      stillWorking: false,
      lastWorkedOn: '2026-05-31',
    },
    medicalCertificates: [],
    ...overrides,
  };
}

export function aDependant(overrides: Partial<Dependant> = {}): Dependant {
  return {
    dependantId: 'D1',
    relationship: 'spouse',
    personal: aClaimant(),
    studying: false,
    incapacitated: false,
    married: true,
    remarried: false,
    ...overrides,
  };
}

/** A death from a work accident, claimed by the widow for herself and one child (EI-DEP-002). */
export function aDeathClaim(overrides: Partial<DeathClaimV1> = {}): DeathClaimV1 {
  return {
    ...claimCommon(),
    claimType: 'death',
    claimantRelationship: 'spouse',
    source: { channel: 'faedah-portal', filedBy: 'dependant' },
    employerId: EMPLOYER_ID,
    death: { dateOfDeath: '2026-07-16', cause: 'employment-injury', injurySubtype: 'work-accident' },
    incident: anIncident(),
    dependants: [
      aDependant(),
      aDependant({
        dependantId: 'D2',
        relationship: 'child',
        married: false,
        personal: aClaimant({
          name: 'Adam bin Test',
          dateOfBirth: '2012-05-20',
          gender: 'male',
          bankAccount: undefined,
        }),
      }),
    ],
    attachments: [anAttachment({ kind: 'death-certificate', fileName: 'sijil-kematian.pdf' })],
    medicalCertificates: [],
    ...overrides,
  };
}

export function anInsuredPerson(overrides: Partial<InsuredPerson> = {}): InsuredPerson {
  return {
    insuredPersonId: INSURED_PERSON_ID,
    registeredOn: '2014-03-01',
    category: 'first',
    workerType: 'local',
    nonEmploymentCover: {
      current: 'covered',
      history: [{ status: 'covered', effectiveFrom: '2026-06-01', recordedAt: '2026-06-01T00:00:00+08:00' }],
    },
    personal: aClaimant(),
    updatedAt: '2026-07-01T00:00:00+08:00',
    ...overrides,
  };
}

export function anEmployer(overrides: Partial<Employer> = {}): Employer {
  return {
    employerId: EMPLOYER_ID,
    name: 'Syarikat Contoh Logistik Sdn. Bhd.',
    registrationNumber: '201901000001',
    status: 'active',
    registeredAt: '2019-02-01',
    updatedAt: '2026-07-01T00:00:00+08:00',
    ...overrides,
  };
}

export function aContributionRecord(overrides: Partial<ContributionRecord> = {}): ContributionRecord {
  return {
    insuredPersonId: INSURED_PERSON_ID,
    employerId: EMPLOYER_ID,
    month: '2026-06',
    scheme: 'EI',
    actualWageSen: sen(300_000),
    contributionSen: sen(5_215),
    payment: { status: 'paid', paidAt: '2026-07-10T09:00:00+08:00' },
    ...overrides,
  };
}

export function anInsuredPersonUpserted(overrides: Partial<InsuredPersonUpsertedV1> = {}): InsuredPersonUpsertedV1 {
  return {
    schemaVersion: 1,
    eventId: anEventId(),
    occurredAt: '2026-07-01T00:00:00+08:00',
    insuredPerson: anInsuredPerson(),
    ...overrides,
  };
}

export function anEmployerUpserted(overrides: Partial<EmployerUpsertedV1> = {}): EmployerUpsertedV1 {
  return {
    schemaVersion: 1,
    eventId: anEventId(),
    occurredAt: '2026-07-01T00:00:00+08:00',
    employer: anEmployer(),
    ...overrides,
  };
}

export function aContributionRecorded(overrides: Partial<ContributionRecordedV1> = {}): ContributionRecordedV1 {
  return {
    schemaVersion: 1,
    eventId: anEventId(),
    occurredAt: '2026-07-10T09:00:00+08:00',
    contribution: aContributionRecord(),
    ...overrides,
  };
}

/** A final Medical Board decision of 40 % LOEC (periodical PDB, EI-PDB-005). */
export function aMedicalBoardDecision(overrides: Partial<MedicalBoardDecision> = {}): MedicalBoardDecision {
  return {
    assessmentId: 'MA-000001',
    claimId: CLAIM_ID,
    board: 'medical-board',
    boardReference: 'JD/SEL/2026/0042',
    kind: 'final',
    loecBasisPoints: 4_000,
    constantAttendanceNeeded: false,
    decidedAt: '2026-10-05T15:00:00+08:00',
    ...overrides,
  };
}

export function aMedicalAssessmentRequested(
  overrides: Partial<MedicalAssessmentRequestedV1> = {}
): MedicalAssessmentRequestedV1 {
  return {
    schemaVersion: 1,
    eventId: anEventId(),
    assessmentId: 'MA-000001',
    claimId: CLAIM_ID,
    insuredPersonId: INSURED_PERSON_ID,
    purpose: 'permanent-disablement',
    board: 'medical-board',
    lastTemporaryDisablementDay: '2026-09-30',
    reason: 'MC ended with residual loss of grip; LOEC to be assessed.',
    requestedAt: '2026-10-01T09:00:00+08:00',
    ...overrides,
  };
}

export function aMedicalAssessmentDecided(
  overrides: Partial<MedicalAssessmentDecidedV1> = {}
): MedicalAssessmentDecidedV1 {
  return { schemaVersion: 1, eventId: anEventId(), decision: aMedicalBoardDecision(), ...overrides };
}

export function aClaimLifecycleEvent(overrides: Partial<ClaimLifecycleEventV1> = {}): ClaimLifecycleEventV1 {
  return {
    schemaVersion: 1,
    eventId: anEventId(),
    claimId: CLAIM_ID,
    sequence: 2,
    type: 'information-requested',
    occurredAt: '2026-07-20T10:20:00+08:00',
    stage: 'awaiting-information',
    reason: 'The attendance record for July 2026 is missing.',
    details: { missingDocuments: 'attendance-record', count: 1 },
    ...overrides,
  };
}

export function aPeriodicAwardEvent(overrides: Partial<PeriodicAwardEventV1> = {}): PeriodicAwardEventV1 {
  return {
    schemaVersion: 1,
    kind: 'periodic-award',
    eventId: anEventId(),
    workflowId: `award-${CLAIM_ID}-AWD-1-IP-0000012345`,
    sequence: 3,
    claimId: CLAIM_ID,
    awardId: `${CLAIM_ID}-AWD-1`,
    beneficiaryId: 'IP-0000012345',
    benefitType: 'permanent-disablement',
    type: 'payment-paid',
    status: 'active',
    operator: false,
    reason: 'The instalment for 2026-11 was paid.',
    details: { month: '2026-11', amountSen: 265_500 },
    occurredAt: '2026-11-25T10:00:00+08:00',
    ...overrides,
  };
}

export function aClaimStatus(overrides: Partial<ClaimStatus> = {}): ClaimStatus {
  return {
    claimId: CLAIM_ID,
    claimType: 'employment-injury',
    stage: 'awaiting-information',
    receivedAt: SUBMITTED_AT,
    updatedAt: '2026-07-20T10:20:00+08:00',
    lastSequence: 2,
    outstandingInformation: [{ kind: 'attendance-record', requestedAt: '2026-07-20T10:20:00+08:00' }],
    pendingApprovals: [],
    flags: ['LATE_EMPLOYER_NOTICE'],
    awards: [],
    ...overrides,
  };
}

/** The first PDB payment for Oct 2026: two months of arrears and the current month (PAY-ARR-001). */
export function aPaymentInstruction(overrides: Partial<PaymentInstructionV1> = {}): PaymentInstructionV1 {
  const awardId = overrides.awardId ?? 'AW-C-2026-000123-PDB';
  const beneficiaryId = overrides.beneficiaryId ?? INSURED_PERSON_ID;
  const month = overrides.month ?? '2026-10';
  const monthly = (from: string, to: string, description: string) => ({
    period: { from, to },
    amountSen: sen(106_200),
    ruleIds: ['EI-PDB-003', 'PAY-MON-001'],
    rateTableVersion: 'ei-rates-2024-10-01',
    description,
  });
  return {
    schemaVersion: 1,
    eventId: anEventId(),
    paymentId: `${awardId}:${beneficiaryId}:${month}`,
    claimId: CLAIM_ID,
    awardId,
    beneficiaryId,
    benefitType: 'permanent-disablement',
    month,
    amountSen: sen(318_600),
    period: { from: '2026-08-01', to: '2026-10-31' },
    breakdown: [
      monthly('2026-08-01', '2026-08-31', 'Arrears August 2026, LOEC 40 %'),
      monthly('2026-09-01', '2026-09-30', 'Arrears September 2026, LOEC 40 %'),
      monthly('2026-10-01', '2026-10-31', 'October 2026, LOEC 40 %'),
    ],
    payee: { name: 'Aminah binti Test', bankAccount: aBankAccount(), paidToGuardian: false },
    issuedAt: '2026-10-20T09:00:00+08:00',
    ...overrides,
  };
}

export function aPaymentResult(overrides: Partial<PaymentResultV1> = {}): PaymentResultV1 {
  return {
    schemaVersion: 1,
    eventId: anEventId(),
    paymentId: `AW-C-2026-000123-PDB:${INSURED_PERSON_ID}:2026-10`,
    status: 'paid',
    bankReference: 'MBB20261025000123',
    settledAt: '2026-10-25T12:00:00+08:00',
    ...overrides,
  } as PaymentResultV1;
}

/** A periodical PDB line at LOEC 40 % on AAMW RM2,950.00: RM35.40/day, RM1,062.00/month (EI-PDB-003). */
export function anAwardLine(overrides: Partial<AwardLine> = {}): AwardLine {
  return {
    lineId: 'L1',
    benefitType: 'permanent-disablement',
    kind: 'periodic',
    status: 'payable',
    amountSen: sen(106_200),
    amountBasis: 'per-period',
    rate: { periodUnit: 'day', dailyRateSen: sen(3_540), monthlyAmountSen: sen(106_200) },
    period: { from: '2026-08-01' },
    startDate: '2026-08-01',
    stopConditions: [{ kind: 'death', beneficiaryId: INSURED_PERSON_ID }],
    beneficiaryId: INSURED_PERSON_ID,
    relationship: 'self',
    ruleIds: ['EI-PDB-002', 'EI-PDB-003'],
    rateTableVersions: ['ei-rates-2024-10-01'],
    inputs: { aamwSen: 295_000, loec: '40%' },
    explanation: '90 % of RM98.33 daily wage = RM88.50; × LOEC 40 % = RM35.40 per day.',
    ...overrides,
  };
}

export function aBenefitAwarded(overrides: Partial<BenefitAwardedV1> = {}): BenefitAwardedV1 {
  return {
    schemaVersion: 1,
    eventId: anEventId(),
    claimId: CLAIM_ID,
    awardId: 'AW-C-2026-000123-PDB',
    asOf: '2026-10-06',
    line: anAwardLine(),
    awardedAt: '2026-10-06T09:00:00+08:00',
    ...overrides,
  };
}
