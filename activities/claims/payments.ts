import { PaymentInstructionV1 } from '../../schemas/events/payment-instruction.v1';
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../../schemas/failures';
import { awardLineIdFor, paymentIdFor } from '../../schemas/payments/ids';
import { Topics, type Topic } from '../../schemas/topics';
import { deterministicEventId } from './event-ids';
import type { EventPublisher, PaymentLedger } from './ports';
import type { IssuePaymentInput, IssuePaymentResult } from './types';

/** The ports payments go through: the ledger first, then Kafka. */
export interface PaymentDeps {
  ledger: PaymentLedger;
  events: EventPublisher;
  topicName?: (topic: Topic) => string;
}

/** Builds the instruction for one line; its ids are derived, so a retry builds the same instruction. */
export function paymentInstructionFor(input: IssuePaymentInput): PaymentInstructionV1 {
  const payable = input.lineId !== undefined ? awardLineIdFor(input.awardId, input.lineId) : input.awardId;
  const paymentId = paymentIdFor(payable, input.beneficiaryId, input.month);
  const from = input.line.period?.from ?? input.line.startDate ?? input.issuedAt.slice(0, 10);
  const period = { from, to: input.line.period?.to ?? from };
  return PaymentInstructionV1.parse({
    schemaVersion: 1,
    eventId: deterministicEventId(`${Topics.PaymentsInstructions}:${paymentId}`),
    paymentId,
    claimId: input.claimId,
    awardId: payable,
    beneficiaryId: input.beneficiaryId,
    benefitType: input.line.benefitType,
    month: input.month,
    amountSen: input.line.amountSen,
    period,
    breakdown: [
      {
        period,
        amountSen: input.line.amountSen,
        ruleIds: input.line.ruleIds,
        ...(input.line.rateTableVersions[0] !== undefined ? { rateTableVersion: input.line.rateTableVersions[0] } : {}),
        description: input.line.explanation.slice(0, 300),
      },
    ],
    payee: input.payee,
    issuedAt: input.issuedAt,
  });
}

/**
 * Issues payments (STYLE H15): the instruction is written to the ledger under its unique paymentId before it is
 * published, and published only while the ledger says it has not been. A retried activity, or the same payment
 * issued again, finds the first entry and publishes nothing new.
 */
export function createPaymentActivities(deps: PaymentDeps) {
  const topic = deps.topicName ?? ((t: Topic) => t);
  return {
    /** Issues one payment instruction on `payments.instructions` (header `payment-id`). */
    async issuePayment(input: IssuePaymentInput): Promise<IssuePaymentResult> {
      const wanted = paymentInstructionFor(input);
      const entry = await deps.ledger.record(wanted);
      const { instruction } = entry;
      // The ledger keeps the first instruction under a payment id. A retry asks for the same amount; a different
      // amount means two payments collided on one id, and one of them would be lost: refuse loudly instead.
      if (instruction.amountSen !== wanted.amountSen || instruction.benefitType !== wanted.benefitType) {
        throw ApplicationFailure.nonRetryable(
          `payment ${wanted.paymentId} is already in the ledger for ${instruction.benefitType} ${instruction.amountSen} sen, not ${wanted.benefitType} ${wanted.amountSen} sen`,
          FailureType.InvalidState
        );
      }
      if (!entry.published) {
        await deps.events.publish(
          topic(Topics.PaymentsInstructions),
          instruction.claimId,
          JSON.stringify(instruction),
          {
            'payment-id': instruction.paymentId,
            'event-id': instruction.eventId,
          }
        );
        await deps.ledger.markPublished(instruction.paymentId);
      }
      return {
        paymentId: instruction.paymentId,
        amountSen: instruction.amountSen,
        status: entry.published ? 'already-issued' : 'issued',
      };
    },
  };
}
