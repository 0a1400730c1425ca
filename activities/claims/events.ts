import { BenefitAwardedV1 } from '../../schemas/events/benefit-awarded.v1';
import { ClaimLifecycleEventV1 } from '../../schemas/events/claim-lifecycle-event.v1';
import { MedicalAssessmentRequestedV1 } from '../../schemas/events/medical-assessment-requested.v1';
import { Topics, type Topic } from '../../schemas/topics';
import { deterministicEventId } from './event-ids';
import type { ClaimRepository, EventPublisher } from './ports';
import type { BenefitAwardedInput, LifecycleEventInput, MedicalAssessmentRequestInput } from './types';

/** The ports the event activities publish and record through; `topicName` adds an environment's suffix. */
export interface ClaimEventDeps {
  events: EventPublisher;
  claims: ClaimRepository;
  topicName?: (topic: Topic) => string;
}

/**
 * Outbound claim events, keyed by claimId so one claim's events stay in order. Event ids are derived from the
 * business step (claim + sequence, assessment + reminder, award + line), so a retried publish carries the same id
 * and downstream drops the copy (STYLE H15). Each value is checked against its contract before it leaves.
 */
export function createClaimEventActivities(deps: ClaimEventDeps) {
  const topic = deps.topicName ?? ((t: Topic) => t);
  return {
    /** Moves the stored claim to its stage, then publishes the `claims.events` lifecycle event. */
    async publishLifecycleEvent(input: LifecycleEventInput): Promise<string> {
      const event = ClaimLifecycleEventV1.parse({
        schemaVersion: 1,
        eventId: deterministicEventId(`${Topics.ClaimsEvents}:${input.claimId}:${input.sequence}`),
        ...input,
      });
      // The stored stage first (idempotent: guarded by the sequence), the publish last: a failed or slow Mongo write
      // is retried before anything left, so a retry re-publishes only if the attempt died after the send itself.
      await deps.claims.updateStage(event.claimId, event.stage, event.sequence);
      await deps.events.publish(topic(Topics.ClaimsEvents), event.claimId, JSON.stringify(event), {
        'event-id': event.eventId,
      });
      return event.eventId;
    },

    /** Asks the medical service to convene a board (`medical.assessment.requested`); reminders reuse the assessment id. */
    async requestMedicalAssessment(input: MedicalAssessmentRequestInput): Promise<string> {
      const { reminder, ...request } = input;
      const event = MedicalAssessmentRequestedV1.parse({
        schemaVersion: 1,
        eventId: deterministicEventId(`${Topics.MedicalAssessmentRequested}:${input.assessmentId}:${reminder}`),
        ...request,
      });
      await deps.events.publish(topic(Topics.MedicalAssessmentRequested), event.claimId, JSON.stringify(event), {
        'event-id': event.eventId,
      });
      return event.eventId;
    },

    /** Publishes one `benefits.awarded` event per award line. */
    async publishBenefitAwarded(input: BenefitAwardedInput): Promise<number> {
      for (const line of input.lines) {
        const event = BenefitAwardedV1.parse({
          schemaVersion: 1,
          eventId: deterministicEventId(`${Topics.BenefitsAwarded}:${input.awardId}:${line.lineId}`),
          claimId: input.claimId,
          awardId: input.awardId,
          asOf: input.asOf,
          line,
          ...(input.approvedBy !== undefined ? { approvedBy: input.approvedBy } : {}),
          awardedAt: input.awardedAt,
        });
        await deps.events.publish(topic(Topics.BenefitsAwarded), event.claimId, JSON.stringify(event), {
          'event-id': event.eventId,
        });
      }
      return input.lines.length;
    },
  };
}
