import { z } from 'zod';
import { BenefitAwardedV1 } from './events/benefit-awarded.v1';
import { ApproveAward, ProvideInformation, WithdrawClaim } from './claim/operator-inputs';
import { ClaimStage } from './claim/stage';
import { ClaimStatus } from './claim/status';
import { ClaimLifecycleEventV1 } from './events/claim-lifecycle-event.v1';
import { ClaimSubmitted, ClaimSubmittedV1 } from './events/claim-submitted.v1';
import { ContributionRecordedV1 } from './events/contribution-recorded.v1';
import { EmployerUpsertedV1 } from './events/employer-upserted.v1';
import { InsuredPersonUpsertedV1 } from './events/insured-person-upserted.v1';
import { MedicalAssessmentDecidedV1 } from './events/medical-assessment-decided.v1';
import { MedicalAssessmentRequestedV1 } from './events/medical-assessment-requested.v1';
import { PaymentInstructionV1 } from './events/payment-instruction.v1';
import { PaymentResultV1 } from './events/payment-result.v1';
import { PeriodicAwardEventV1 } from './periodic/award-event.v1';
import { MedicalBoardDecision } from './medical/board-decision';
import { MedicalCertificatePeriod } from './medical/medical-certificate';
import { ContributionRecord } from './registry/contribution';
import { Employer } from './registry/employer';
import { InsuredPerson } from './registry/insured-person';
import type { Topic } from './topics';
import { Topics } from './topics';

/** One published contract: its schema, what it means, and the Kafka topic it travels on, if any. */
export interface CatalogEntry {
  readonly schema: z.ZodType;
  readonly description: string;
  readonly topic?: Topic;
}

/**
 * Every contract the platform publishes, by its CLI name (`npx claims schema <name>`): kebab-case, with `.v<N>` for
 * a versioned Kafka event. Downstream teams generate their validators from these names, so names are never reused.
 */
export const SchemaCatalog = {
  'claim-submitted': {
    schema: ClaimSubmitted,
    description: 'Any version of a claim received at intake (what the intake consumer parses).',
    topic: Topics.ClaimsSubmitted,
  },
  'claim-submitted.v1': {
    schema: ClaimSubmittedV1,
    description: 'A claim received at intake, version 1, one variant per claimType.',
    topic: Topics.ClaimsSubmitted,
  },
  'claim-lifecycle-event.v1': {
    schema: ClaimLifecycleEventV1,
    description: "One step in a claim's life, version 1 (no personal data).",
    topic: Topics.ClaimsEvents,
  },
  'periodic-award-event.v1': {
    schema: PeriodicAwardEventV1,
    description:
      "One step in a periodic award's life, or in a lump sum's payment (kind lump-sum-payment), version 1 (no personal data).",
    topic: Topics.AwardsEvents,
  },
  'claim-stage': { schema: ClaimStage, description: 'The stages of a claim.' },
  'claim-status': { schema: ClaimStatus, description: 'The answer to "where is this claim?".' },
  'provide-information': { schema: ProvideInformation, description: 'Operator input: information a claim waited for.' },
  'withdraw-claim': { schema: WithdrawClaim, description: 'Operator input: withdraw a claim.' },
  'approve-award': { schema: ApproveAward, description: 'Operator input: approve an award that needs approval.' },
  'insured-person': { schema: InsuredPerson, description: "The registry's record of an insured person." },
  employer: { schema: Employer, description: "The registry's record of an employer." },
  'contribution-record': { schema: ContributionRecord, description: "One month's contribution for one person." },
  'insured-person-upserted.v1': {
    schema: InsuredPersonUpsertedV1,
    description: 'An insured-person registry record changed, version 1.',
    topic: Topics.RegistryInsuredPersons,
  },
  'employer-upserted.v1': {
    schema: EmployerUpsertedV1,
    description: 'An employer registry record changed, version 1.',
    topic: Topics.RegistryEmployers,
  },
  'contribution-recorded.v1': {
    schema: ContributionRecordedV1,
    description: 'A monthly contribution was recorded or paid, version 1.',
    topic: Topics.RegistryContributions,
  },
  'medical-certificate-period': { schema: MedicalCertificatePeriod, description: 'One certified MC period.' },
  'medical-board-decision': { schema: MedicalBoardDecision, description: 'A Medical Board decision (LOEC in bp).' },
  'medical-assessment-requested.v1': {
    schema: MedicalAssessmentRequestedV1,
    description: 'A request to convene a Medical Board, version 1.',
    topic: Topics.MedicalAssessmentRequested,
  },
  'medical-assessment-decided.v1': {
    schema: MedicalAssessmentDecidedV1,
    description: 'A Medical Board decision was made, version 1.',
    topic: Topics.MedicalAssessments,
  },
  'payment-instruction.v1': {
    schema: PaymentInstructionV1,
    description: 'Pay one beneficiary for one award and month, version 1.',
    topic: Topics.PaymentsInstructions,
  },
  'benefit-awarded.v1': {
    schema: BenefitAwardedV1,
    description: 'One award line became final for a claim, version 1.',
    topic: Topics.BenefitsAwarded,
  },
  'payment-result.v1': {
    schema: PaymentResultV1,
    description: "The bank's outcome of a payment, version 1.",
    topic: Topics.PaymentsResults,
  },
} as const satisfies Record<string, CatalogEntry>;

/** A name in the {@link SchemaCatalog}. */
export type SchemaName = keyof typeof SchemaCatalog;

/** The catalog's names, sorted, for `npx claims schema --list` and error messages. */
export function schemaNames(): SchemaName[] {
  return (Object.keys(SchemaCatalog) as SchemaName[]).sort();
}

/** True when `name` is in the catalog. */
export function isSchemaName(name: string): name is SchemaName {
  return Object.prototype.hasOwnProperty.call(SchemaCatalog, name);
}

/**
 * The JSON Schema (draft 2020-12) of a catalog entry, from zod's own `z.toJSONSchema`. It describes the parsed
 * (output) shape: brands such as `Sen` are type-only and appear as their base type (an integer ≥ 0), ISO dates as
 * strings with `format: date`/`date-time`. Sub-schemas are inlined, so each output stands alone. Cross-field rules (superRefine) cannot be expressed and are left out;
 * every schema here is representable, so conversion throws rather than silently widening a field to `{}`.
 */
export function toJsonSchema(name: SchemaName): Record<string, unknown> {
  const entry: CatalogEntry = SchemaCatalog[name];
  const json = z.toJSONSchema(entry.schema, { target: 'draft-2020-12', io: 'output', unrepresentable: 'throw' });
  return {
    ...json,
    title: name,
    description: entry.topic === undefined ? entry.description : `${entry.description} Topic: ${entry.topic}.`,
  };
}
