import { defineSignal } from '@temporalio/workflow';
import type { PaymentResultV1 } from '../../schemas/events/payment-result.v1';

/**
 * The bank's answer to one of this award's payment instructions, delivered by the `payments.results` consumer
 * (workers/payments). A signal rather than an update: the consumer cannot act on a refusal, and a repeat of the same
 * `eventId` (Kafka redelivery) is ignored by the workflow.
 */
export const paymentResultSignal = defineSignal<[PaymentResultV1]>('paymentResult');
