/**
 * Kafka topic names and the contracts they carry (STYLE H11). Keys are business ids, so one claim's events stay in
 * order on one partition. Value contracts live in `schemas/events/`.
 */
export const Topics = {
  /** Claims as received at intake. Key: claimId. Value: `ClaimSubmitted` (v1: `ClaimSubmittedV1`). */
  ClaimsSubmitted: 'claims.submitted',
  /**
   * `claims.submitted` messages that failed to parse. Key: the original key. Value: the original bytes, unchanged;
   * headers `x-dlq-reason`, `x-source-topic`, `x-source-partition`, `x-source-offset` (STYLE H16).
   */
  ClaimsSubmittedDlq: 'claims.submitted.dlq',
  /** Each step of a claim's life. Key: claimId. Value: `ClaimLifecycleEvent` (v1: `ClaimLifecycleEventV1`). */
  ClaimsEvents: 'claims.events',
  /**
   * Each step of a periodic award's life (payments, holds, suspensions, declarations, stops). Key: the periodic
   * workflow id `award-<awardId>-<beneficiaryId>`. Value: `PeriodicAwardEvent` (v1: `PeriodicAwardEventV1`).
   */
  AwardsEvents: 'awards.events',
  /** Awards made by the benefits engine. Key: claimId. Value: `BenefitAwarded` (v1: `BenefitAwardedV1`). */
  BenefitsAwarded: 'benefits.awarded',
  /** Requests to convene a Medical Board. Key: claimId. Value: `MedicalAssessmentRequested` (v1). */
  MedicalAssessmentRequested: 'medical.assessment.requested',
  /** Medical Board decisions. Key: claimId. Value: `MedicalAssessmentDecided` (v1: `MedicalAssessmentDecidedV1`). */
  MedicalAssessments: 'medical.assessments',
  /** Payments to make. Key: claimId; header `payment-id`. Value: `PaymentInstruction` (v1). */
  PaymentsInstructions: 'payments.instructions',
  /** Bank outcomes of payments. Key: paymentId. Value: `PaymentResult` (v1: `PaymentResultV1`). */
  PaymentsResults: 'payments.results',
  /** Insured-person registry records, compacted. Key: insuredPersonId. Value: `InsuredPersonUpserted` (v1). */
  RegistryInsuredPersons: 'registry.insured-persons',
  /** Employer registry records, compacted. Key: employerId. Value: `EmployerUpserted` (v1). */
  RegistryEmployers: 'registry.employers',
  /** Monthly contributions. Key: insuredPersonId. Value: `ContributionRecorded` (v1: `ContributionRecordedV1`). */
  RegistryContributions: 'registry.contributions',
} as const;

/** One of the {@link Topics} names. */
export type Topic = (typeof Topics)[keyof typeof Topics];
