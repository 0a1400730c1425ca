import type { KafkaMessage } from 'kafkajs';
import type { PaymentResultV1 } from '../../../schemas/events/payment-result.v1';
import type { DeadLetterWriter } from '../../../workers/kafka-messages';
import { handlePaymentInstruction, newBankCounters } from '../../../workers/bank/handle-instruction';
import {
  decideOutcome,
  deterministicUuid,
  isClosedAccount,
  DEFAULT_BANK_RATES,
  type BankRates,
} from '../../../workers/bank/outcome';
import type { BankTransferDoc, BankTransferStore } from '../../../workers/bank/transfer-store';
import { aBankAccount, aPaymentInstruction, anEventId } from '../../support/builders';

/** The store's contract in memory (the Mongo store is exercised in test/integration/bank-simulator.test.ts). */
function memoryStore(): BankTransferStore & { docs: Map<string, BankTransferDoc> } {
  const docs = new Map<string, BankTransferDoc>();
  return {
    docs,
    async get(id) {
      return docs.get(id) ?? null;
    },
    async answer({ paymentId, instructionEventId, month, amountSen, decide }) {
      const doc = docs.get(paymentId) ?? { _id: paymentId, month, amountSen, attempts: {} };
      if (doc.paid) return { result: doc.paid, kind: doc.attempts[instructionEventId] ? 'repeat' : 'already-paid' };
      if (doc.attempts[instructionEventId]) return { result: doc.attempts[instructionEventId], kind: 'repeat' };
      const result = await decide();
      doc.attempts[instructionEventId] = result;
      doc.amountSen = amountSen;
      if (result.status === 'paid') Object.assign(doc, { paid: result, paidAmountSen: amountSen });
      docs.set(paymentId, doc);
      return { result, kind: 'new' };
    },
  };
}

function accountWhere(closed: boolean, rates: BankRates): ReturnType<typeof aBankAccount> {
  for (let i = 0; i < 100_000; i += 1) {
    const account = aBankAccount({ accountNumber: String(100_000_000 + i) });
    if (isClosedAccount(account, rates) === closed) return account;
  }
  throw new Error('no such account');
}

function harness(rates: BankRates = DEFAULT_BANK_RATES) {
  const store = memoryStore();
  const published: PaymentResultV1[] = [];
  const dead: Parameters<DeadLetterWriter['write']>[0][] = [];
  const counters = newBankCounters();
  let offset = 0;
  const send = (value: string | Buffer, key: string | null, headers: KafkaMessage['headers'] = {}) =>
    handlePaymentInstruction(
      {
        topic: 'payments.instructions',
        partition: 0,
        message: {
          key: key === null ? null : Buffer.from(key),
          value: Buffer.isBuffer(value) ? value : Buffer.from(value),
          headers,
          offset: String(offset++),
          timestamp: '0',
          attributes: 0,
        } as KafkaMessage,
      },
      {
        store,
        publisher: { publish: async (r) => void published.push(r) },
        dlq: { write: async (r) => void dead.push(r) },
        counters,
        rates,
        now: () => new Date('2026-10-25T04:00:00.000Z'),
      }
    );
  return { store, published, dead, counters, send };
}

describe('simulated bank outcomes', () => {
  it('when the same attempt is decided twice, then the outcome is the same; a closed account always returns', () => {
    const rates = { returnRate: 0.3, failRate: 0.3 };
    const open = accountWhere(false, rates);
    const closed = accountWhere(true, rates);
    for (let i = 0; i < 50; i += 1) {
      const attempt = {
        paymentId: `AW-1:IP-1:2026-${String((i % 12) + 1).padStart(2, '0')}`,
        instructionEventId: anEventId(),
      };
      expect(decideOutcome({ ...attempt, bankAccount: open }, rates)).toEqual(
        decideOutcome({ ...attempt, bankAccount: open }, rates)
      );
      expect(decideOutcome({ ...attempt, bankAccount: closed }, rates).status).toBe('returned');
      expect(decideOutcome({ ...attempt, bankAccount: open }, rates).status).not.toBe('returned');
    }
  });

  it('when 20 000 attempts to 20 000 accounts are decided at the default rates, then about 93 % are paid, 5 % failed and 2 % returned', () => {
    const tally = { paid: 0, failed: 0, returned: 0 };
    for (let i = 0; i < 20_000; i += 1) {
      const outcome = decideOutcome(
        {
          paymentId: `AW-${i}:IP-${i}:2026-10`,
          instructionEventId: deterministicUuid(`e${i}`),
          bankAccount: aBankAccount({ accountNumber: String(500_000_000 + i) }),
        },
        DEFAULT_BANK_RATES
      );
      tally[outcome.status] += 1;
    }
    expect(tally.returned / 20_000).toBeCloseTo(0.02, 2);
    expect(tally.failed / 20_000).toBeGreaterThan(0.04);
    expect(tally.failed / 20_000).toBeLessThan(0.06);
    expect(tally.paid / 20_000).toBeGreaterThan(0.91);
  });

  it('when a seed is given, then the derived id is a stable UUID', () => {
    expect(deterministicUuid('x')).toBe(deterministicUuid('x'));
    expect(deterministicUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('x')).not.toBe(deterministicUuid('y'));
  });
});

describe('simulated bank handler', () => {
  const payAll = { returnRate: 0, failRate: 0 };
  const failAll = { returnRate: 0, failRate: 1 };

  it('when an instruction is paid and then redelivered and re-issued with a new eventId, then it is paid once and the same answer is re-sent', async () => {
    const h = harness(payAll);
    const instruction = aPaymentInstruction();
    const bytes = JSON.stringify(instruction);
    expect(await h.send(bytes, instruction.claimId, { 'payment-id': instruction.paymentId })).toBe('paid');
    expect(await h.send(bytes, instruction.claimId)).toBe('resent');
    expect(await h.send(JSON.stringify({ ...instruction, eventId: anEventId() }), instruction.claimId)).toBe('resent');
    expect(h.published).toHaveLength(3);
    expect(new Set(h.published.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(h.published[0]).toMatchObject({
      status: 'paid',
      paymentId: instruction.paymentId,
      settledAt: '2026-10-25T04:00:00.000Z',
      amountSen: instruction.amountSen,
    });
    expect(h.counters).toEqual({ received: 3, paid: 1, failed: 0, returned: 0, resent: 2, deadLettered: 0 });
    expect(h.store.docs.get(instruction.paymentId)?.paidAmountSen).toBe(instruction.amountSen);
  });

  it('when a failed attempt is retried with a new eventId, then it is a new attempt with a new answer; a repeat of the old one re-sends its answer', async () => {
    const h = harness(failAll);
    const instruction = aPaymentInstruction();
    expect(await h.send(JSON.stringify(instruction), instruction.claimId)).toBe('failed');
    const retry = { ...instruction, eventId: anEventId() };
    expect(await h.send(JSON.stringify(retry), instruction.claimId)).toBe('failed');
    expect(await h.send(JSON.stringify(instruction), instruction.claimId)).toBe('resent');
    expect(h.published[0]!.eventId).not.toBe(h.published[1]!.eventId);
    expect(h.published[2]).toEqual(h.published[0]);
    expect(h.published[0]).toMatchObject({ status: 'failed', reasonCode: 'BANK_TIMEOUT' });
    expect(Object.keys(h.store.docs.get(instruction.paymentId)!.attempts)).toHaveLength(2);
  });

  it('when the account is closed, then the payment is returned until the bank account changes, then paid', async () => {
    const rates = { returnRate: 0.5, failRate: 0 };
    const h = harness(rates);
    const instruction = aPaymentInstruction({
      payee: { name: 'Aminah binti Test', bankAccount: accountWhere(true, rates), paidToGuardian: false },
    });
    expect(await h.send(JSON.stringify(instruction), instruction.claimId)).toBe('returned');
    expect(h.published[0]).toMatchObject({ status: 'returned', reasonCode: 'ACCOUNT_CLOSED' });
    expect(await h.send(JSON.stringify({ ...instruction, eventId: anEventId() }), instruction.claimId)).toBe(
      'returned'
    );
    const moved = {
      ...instruction,
      eventId: anEventId(),
      payee: { ...instruction.payee, bankAccount: accountWhere(false, rates) },
    };
    expect(await h.send(JSON.stringify(moved), instruction.claimId)).toBe('paid');
  });

  it('when instructions are unreadable, then each goes to the DLQ with the reason and its original bytes, and nothing is answered', async () => {
    const h = harness(payAll);
    const good = aPaymentInstruction();
    const cases: [string, string | null, KafkaMessage['headers']][] = [
      ['{"paymentId": ', good.claimId, {}],
      [JSON.stringify({ ...good, amountSen: 0, breakdown: good.breakdown }), good.claimId, {}],
      [JSON.stringify(good), 'C-2026-999999', {}],
      [JSON.stringify(good), good.claimId, { 'payment-id': 'AW-X:IP-1:2026-10' }],
    ];
    for (const [value, key, headers] of cases) expect(await h.send(value, key, headers)).toBe('dead-lettered');
    expect(h.published).toHaveLength(0);
    expect(h.dead.map((d) => d.value?.toString())).toEqual(cases.map((c) => c[0]));
    const reasons = h.dead.map((d) => String(d.headers['x-dlq-reason']));
    expect(reasons[0]).toMatch(/malformed JSON/);
    expect(reasons[1]).toMatch(/amountSen/);
    expect(reasons[2]).toMatch(/key/);
    expect(reasons[3]).toMatch(/payment-id/);
    // No personal data in reasons.
    for (const r of reasons) expect(r).not.toMatch(/Aminah|000112233445/);
    expect(h.counters.deadLettered).toBe(4);
  });
});
