import type { KafkaMessage } from 'kafkajs';
import type { PaymentResultV1 } from '../../../schemas/events/payment-result.v1';
import {
  monthOfPaymentId,
  paymentResultDocId,
  type PaymentResultStore,
  type ResultDelivery,
  type StoredPaymentResult,
} from '../../../infra/mongo/payment-results';
import type { DeadLetterWriter } from '../../../workers/kafka-messages';
import { handlePaymentResult, newPaymentResultCounters } from '../../../workers/payments/handle-payment-result';
import { aPaymentResult } from '../../support/builders';

/** The store's contract in memory (the Mongo store runs in test/integration/payments-results.test.ts). */
function memoryStore(): PaymentResultStore & { docs: Map<string, StoredPaymentResult> } {
  const docs = new Map<string, StoredPaymentResult>();
  return {
    docs,
    async record(result, at) {
      const id = paymentResultDocId(result);
      const existing = docs.get(id);
      if (existing) return existing;
      const doc = {
        _id: id,
        paymentId: result.paymentId,
        eventId: result.eventId,
        month: monthOfPaymentId(result.paymentId),
        status: result.status,
        result,
        receivedAt: at.toISOString(),
      };
      docs.set(id, doc);
      return { ...doc };
    },
    async markDelivered(result, delivery) {
      docs.get(paymentResultDocId(result))!.delivery = delivery;
    },
    async ofPayment(paymentId) {
      return [...docs.values()].filter((d) => d.paymentId === paymentId);
    },
  };
}

function harness(answer: (r: PaymentResultV1) => ResultDelivery | Error = () => 'signalled') {
  const store = memoryStore();
  const signals: PaymentResultV1[] = [];
  const dead: Parameters<DeadLetterWriter['write']>[0][] = [];
  const counters = newPaymentResultCounters();
  let offset = 0;
  const send = (value: string, key: string | null) =>
    handlePaymentResult(
      {
        topic: 'payments.results',
        partition: 0,
        message: {
          key: key === null ? null : Buffer.from(key),
          value: Buffer.from(value),
          headers: {},
          offset: String(offset++),
          timestamp: '0',
          attributes: 0,
        } as KafkaMessage,
      },
      {
        store,
        signaller: {
          signal: async (r) => {
            const a = answer(r);
            if (a instanceof Error) throw a;
            signals.push(r);
            return a;
          },
        },
        dlq: { write: async (r) => void dead.push(r) },
        counters,
      }
    );
  return { store, signals, dead, counters, send };
}

describe('payment results handler', () => {
  it('when a result is redelivered, then it is stored once and signalled once', async () => {
    const h = harness();
    const paid = aPaymentResult();
    expect(await h.send(JSON.stringify(paid), paid.paymentId)).toBe('signalled');
    expect(await h.send(JSON.stringify(paid), paid.paymentId)).toBe('duplicate');
    expect(h.signals).toEqual([paid]);
    expect(h.store.docs.size).toBe(1);
    expect(h.counters).toEqual({ received: 2, signalled: 1, noWorkflow: 0, duplicate: 1, deadLettered: 0 });
  });

  it('when a payment is paid and later returned, then both results are kept and both signalled', async () => {
    const h = harness();
    const paid = aPaymentResult();
    const returned = aPaymentResult({
      status: 'returned',
      reasonCode: 'ACCOUNT_CLOSED',
      reasonText: 'Account closed',
    } as Partial<PaymentResultV1>);
    await h.send(JSON.stringify(paid), paid.paymentId);
    await h.send(JSON.stringify(returned), returned.paymentId);
    expect((await h.store.ofPayment(paid.paymentId)).map((d) => d.status)).toEqual(['paid', 'returned']);
    expect(h.signals.map((s) => s.status)).toEqual(['paid', 'returned']);
  });

  it('when the payment has no periodic workflow, then the result is kept and counted as no-workflow', async () => {
    const h = harness(() => 'no-workflow');
    const paid = aPaymentResult();
    expect(await h.send(JSON.stringify(paid), paid.paymentId)).toBe('no-workflow');
    expect(h.store.docs.get(paymentResultDocId(paid))?.delivery).toBe('no-workflow');
    expect(await h.send(JSON.stringify(paid), paid.paymentId)).toBe('duplicate');
    expect(h.counters).toMatchObject({ noWorkflow: 1, duplicate: 1, deadLettered: 0 });
  });

  it('when signalling fails, then the handler throws and the redelivery signals it (stored but not yet delivered)', async () => {
    let down = true;
    const h = harness(() => (down ? new Error('UNAVAILABLE') : 'signalled'));
    const paid = aPaymentResult();
    await expect(h.send(JSON.stringify(paid), paid.paymentId)).rejects.toThrow('UNAVAILABLE');
    expect(h.counters.received).toBe(0);
    down = false;
    expect(await h.send(JSON.stringify(paid), paid.paymentId)).toBe('signalled');
    expect(h.store.docs.size).toBe(1);
    expect(h.counters).toMatchObject({ received: 1, signalled: 1 });
  });

  it('when results are unreadable or keyed wrongly, then they go to the DLQ with the reason and original bytes', async () => {
    const h = harness();
    const paid = aPaymentResult();
    const cases: [string, string | null][] = [
      ['not json', paid.paymentId],
      [JSON.stringify({ ...paid, status: 'lost' }), paid.paymentId],
      [JSON.stringify({ ...paid, status: 'failed' }), paid.paymentId],
      [JSON.stringify(paid), 'AW-OTHER:IP-1:2026-10'],
    ];
    for (const [value, key] of cases) expect(await h.send(value, key)).toBe('dead-lettered');
    expect(h.dead.map((d) => d.value?.toString())).toEqual(cases.map((c) => c[0]));
    const reasons = h.dead.map((d) => String(d.headers['x-dlq-reason']));
    expect(reasons[0]).toMatch(/malformed JSON/);
    expect(reasons[1]).toMatch(/status/);
    expect(reasons[2]).toMatch(/reasonCode|bankReference/);
    expect(reasons[3]).toMatch(/key/);
    expect(h.signals).toHaveLength(0);
    expect(h.store.docs.size).toBe(0);
    expect(h.counters).toEqual({ received: 4, signalled: 0, noWorkflow: 0, duplicate: 0, deadLettered: 4 });
  });
});
