import type { KafkaMessage } from 'kafkajs';
import { MedicalAssessmentDecided } from '../../schemas/events/medical-assessment-decided.v1';
import type { MedicalBoardDecision } from '../../schemas/medical/board-decision';
import { deadLetterRecord, decodeJson, type DeadLetterWriter } from '../kafka-messages';

/** What became of one Medical Board decision message. */
export type AssessmentOutcome = 'delivered' | 'dead-lettered';

/**
 * Delivers a decision to its claim workflow (the `submitMedicalAssessment` update). Resolves `delivered` when the
 * workflow accepted it (a repeat of the same assessmentId is accepted and ignored by the workflow); resolves
 * `{ refused: reason }` when the claim does not exist, is closed or its validator refused the decision; throws
 * on infrastructure errors so the message is redelivered.
 */
export interface AssessmentDelivery {
  deliver(decision: MedicalBoardDecision): Promise<'delivered' | { refused: string }>;
}

export interface AssessmentCounters {
  received: number;
  delivered: number;
  deadLettered: number;
}

export const newAssessmentCounters = (): AssessmentCounters => ({ received: 0, delivered: 0, deadLettered: 0 });

/**
 * One `medical.assessments` message: parse (a key other than the decision's claimId is refused too), deliver to
 * the claim as an update, or dead-letter with the reason and the original bytes. Resolves only after that succeeded (offsets are committed only then).
 */
export async function handleMedicalAssessment(
  source: { topic: string; partition: number; message: KafkaMessage },
  ports: { delivery: AssessmentDelivery; dlq: DeadLetterWriter; counters: AssessmentCounters }
): Promise<AssessmentOutcome> {
  const decoded = decodeJson(MedicalAssessmentDecided, source.message.value);
  const key = source.message.key?.toString('utf8');
  let reason: string;
  if (decoded.ok && key !== undefined && key !== decoded.data.decision.claimId) {
    // Keyed by another claim, the decision could overtake or trail that claim's other messages on its partition.
    reason = 'key: the message key must equal decision.claimId';
  } else if (decoded.ok) {
    const result = await ports.delivery.deliver(decoded.data.decision);
    if (result === 'delivered') {
      ports.counters.received += 1;
      ports.counters.delivered += 1;
      return 'delivered';
    }
    reason = `refused: ${result.refused}`;
  } else {
    reason = decoded.reason;
  }
  await ports.dlq.write(deadLetterRecord(source, reason));
  ports.counters.received += 1;
  ports.counters.deadLettered += 1;
  return 'dead-lettered';
}
