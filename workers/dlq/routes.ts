import type { z } from 'zod';
import { ClaimSubmitted } from '../../schemas/events/claim-submitted.v1';
import { ContributionRecorded } from '../../schemas/events/contribution-recorded.v1';
import { EmployerUpserted } from '../../schemas/events/employer-upserted.v1';
import { InsuredPersonUpserted } from '../../schemas/events/insured-person-upserted.v1';
import { MedicalAssessmentDecided } from '../../schemas/events/medical-assessment-decided.v1';
import { PaymentInstruction } from '../../schemas/events/payment-instruction.v1';
import { PaymentResult } from '../../schemas/events/payment-result.v1';
import { Topics } from '../../schemas/topics';
import { PAYMENTS_INSTRUCTIONS_DLQ_TOPIC } from '../bank/bank-consumer';
import { MEDICAL_ASSESSMENTS_DLQ_TOPIC } from '../medical/medical-assessment-consumer';
import { PAYMENTS_RESULTS_DLQ_TOPIC } from '../payments/payment-results-consumer';
import { REGISTRY_DLQ_TOPIC } from '../registry/registry-consumer';

/** A consumed topic, the DLQ its consumer dead-letters to, and the schema that consumer parses (base names). */
export interface DeadLetterRoute {
  source: string;
  dlq: string;
  schema: z.ZodType;
}

/**
 * Every consumed topic with a DLQ, as wired in workers/kafka-consumers.ts and workers/bank/simulated-bank.ts. The
 * three registry topics share `registry.dlq`; each entry's `x-source-topic` header says which one it came from.
 */
export const DEAD_LETTER_ROUTES: readonly DeadLetterRoute[] = [
  { source: Topics.ClaimsSubmitted, dlq: Topics.ClaimsSubmittedDlq, schema: ClaimSubmitted },
  { source: Topics.MedicalAssessments, dlq: MEDICAL_ASSESSMENTS_DLQ_TOPIC, schema: MedicalAssessmentDecided },
  { source: Topics.PaymentsInstructions, dlq: PAYMENTS_INSTRUCTIONS_DLQ_TOPIC, schema: PaymentInstruction },
  { source: Topics.PaymentsResults, dlq: PAYMENTS_RESULTS_DLQ_TOPIC, schema: PaymentResult },
  { source: Topics.RegistryInsuredPersons, dlq: REGISTRY_DLQ_TOPIC, schema: InsuredPersonUpserted },
  { source: Topics.RegistryEmployers, dlq: REGISTRY_DLQ_TOPIC, schema: EmployerUpserted },
  { source: Topics.RegistryContributions, dlq: REGISTRY_DLQ_TOPIC, schema: ContributionRecorded },
];

/** The DLQ to read for a topic an operator named, and the source topic to keep when a DLQ is shared. */
export interface DeadLetterTarget {
  /** The configured DLQ topic name (with `KAFKA_TOPIC_SUFFIX`). */
  dlqTopic: string;
  /** Set when a source topic was named: only that topic's entries (a shared DLQ holds several). */
  sourceTopic?: string;
}

/**
 * Resolves a topic name given on the command line: a consumed topic (`claims.submitted`) or its DLQ
 * (`claims.submitted.dlq`), as the base name or the configured one (base plus `KAFKA_TOPIC_SUFFIX`). `undefined`
 * when the name is neither.
 */
export function resolveDeadLetterTarget(suffix: string, name: string): DeadLetterTarget | undefined {
  const base = suffix !== '' && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
  const bySource = DEAD_LETTER_ROUTES.find((r) => r.source === base);
  if (bySource) return { dlqTopic: `${bySource.dlq}${suffix}`, sourceTopic: `${bySource.source}${suffix}` };
  const byDlq = DEAD_LETTER_ROUTES.find((r) => r.dlq === base);
  return byDlq ? { dlqTopic: `${byDlq.dlq}${suffix}` } : undefined;
}

/** The route of a configured source topic name (from an entry's `x-source-topic` header), if it is one. */
export function routeOfSourceTopic(suffix: string, sourceTopic: string, dlqTopic: string): DeadLetterRoute | undefined {
  return DEAD_LETTER_ROUTES.find((r) => `${r.source}${suffix}` === sourceTopic && `${r.dlq}${suffix}` === dlqTopic);
}

/** The names an operator may give, for error messages. */
export function deadLetterTopicNames(): string[] {
  return [...new Set(DEAD_LETTER_ROUTES.flatMap((r) => [r.source, r.dlq]))].sort();
}
