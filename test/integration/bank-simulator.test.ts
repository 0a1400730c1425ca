import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createKafka } from '../../infra/kafka/client';
import { ensureTopics } from '../../infra/kafka/topics';
import { createMongoConnection } from '../../infra/mongo/connection';
import type { PaymentInstructionV1 } from '../../schemas/events/payment-instruction.v1';
import { PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import { createBankConsumer } from '../../workers/bank/bank-consumer';
import { decideOutcome, isClosedAccount, type BankRates } from '../../workers/bank/outcome';
import { BANK_TRANSFERS_COLLECTION, createBankTransferStore } from '../../workers/bank/transfer-store';
import { aBankAccount, aPaymentInstruction, anEventId } from '../support/builders';
import { eventually, uniqueSuffix } from '../support/unique';

/** The simulated bank over real Kafka and FerretDB: every outcome is predicted by the same pure decision. */
describe('simulated bank (real Kafka and FerretDB)', () => {
  const config = loadConfig();
  const suffix = uniqueSuffix();
  const sourceTopic = `payments.instructions.${suffix}`;
  const resultsTopic = `payments.results.${suffix}`;
  const dlqTopic = `payments.instructions.dlq.${suffix}`;
  const rates: BankRates = { returnRate: 0.25, failRate: 0.25 };
  let kafka: Kafka;
  let conn: Connection;

  beforeAll(async () => {
    kafka = createKafka(config);
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(
      admin,
      [
        { name: sourceTopic, partitions: 3 },
        { name: resultsTopic, partitions: 3 },
        { name: dlqTopic, partitions: 1 },
      ],
      { partitions: 3, replicationFactor: 1 }
    );
    await admin.disconnect();
    conn = await createMongoConnection(config.MONGODB_URI, { dbName: `it_bank_${suffix.replace(/-/g, '_')}` });
  });

  afterAll(async () => {
    await conn?.dropDatabase().catch(() => undefined);
    await conn?.close();
  });

  /** Reads everything on `topic` until `count` messages arrived. */
  async function readAll(
    topic: string,
    count: number
  ): Promise<{ key: string; value: string; headers: Record<string, string> }[]> {
    const got: { key: string; value: string; headers: Record<string, string> }[] = [];
    const reader = kafka.consumer({ groupId: `reader-${topic}-${uniqueSuffix()}` });
    await reader.connect();
    await reader.subscribe({ topic, fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) =>
        void got.push({
          key: String(message.key),
          value: String(message.value),
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        }),
    });
    try {
      await eventually(async () => got.length >= count, 60_000);
      await new Promise((r) => setTimeout(r, 500)); // anything beyond `count` would be a bug: give it a chance
    } finally {
      await reader.disconnect();
    }
    return got;
  }

  it('when instructions are redelivered, retried and unreadable, then each payment is paid at most once, repeats re-send the stored answer and bad ones are dead-lettered', async () => {
    const candidate = (i: number): PaymentInstructionV1 =>
      aPaymentInstruction({
        awardId: `AW-BANK-${suffix}-${i}`,
        payee: {
          name: 'Aminah binti Test',
          bankAccount: aBankAccount({ accountNumber: String(700_000_000 + i) }),
          paidToGuardian: false,
        },
      });
    const outcomeOf = (p: PaymentInstructionV1) =>
      decideOutcome({ paymentId: p.paymentId, instructionEventId: p.eventId, bankAccount: p.payee.bankAccount }, rates)
        .status;
    // 16 instructions whose sample shows every path: ids are unique per run, so pick one of each outcome first.
    const pool = Array.from({ length: 2_000 }, (_, i) => candidate(i));
    const firstOf = (status: string) => pool.find((p) => outcomeOf(p) === status)!;
    const chosen = [firstOf('failed'), firstOf('returned')];
    const instructions: PaymentInstructionV1[] = [
      ...chosen,
      ...pool.filter((p) => !chosen.includes(p)).slice(0, 16 - chosen.length),
    ];
    const predicted = instructions.map(outcomeOf);
    expect(new Set(predicted)).toEqual(new Set(['paid', 'failed', 'returned'])); // the sample shows every path
    const message = (p: PaymentInstructionV1) => ({
      key: p.claimId,
      value: JSON.stringify(p),
      headers: { 'payment-id': p.paymentId },
    });
    const unreadable = { key: 'C-2026-000123', value: '{"paymentId": "AW-1:IP-1:2026-10", "amountSen": "ten"}' };

    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: sourceTopic, messages: [...instructions.map(message), unreadable] });
    const store = createBankTransferStore(conn);
    const groupId = `bank-it-${suffix}`;
    const options = { kafka, store, rates, groupId, sourceTopic, resultsTopic, dlqTopic };
    const first = createBankConsumer(options);
    await first.start();
    await eventually(async () => first.counters.received >= 17, 60_000);
    await first.stop();

    // Kafka redelivers every instruction; the workflow retries each with a new eventId.
    const retries = instructions.map((p) => ({ ...p, eventId: anEventId() }));
    await producer.send({ topic: sourceTopic, messages: [...instructions.map(message), ...retries.map(message)] });
    await producer.disconnect();
    const second = createBankConsumer(options);
    await second.start();
    await eventually(async () => second.counters.received >= 32, 60_000);
    await second.stop();

    const count = (s: string) => predicted.filter((p) => p === s).length;
    expect(first.counters).toEqual({
      received: 17,
      paid: count('paid'),
      failed: count('failed'),
      returned: count('returned'),
      resent: 0,
      deadLettered: 1,
    });
    // 16 redeliveries and the paid payments' retries are re-sent; the others' retries are new attempts.
    expect(second.counters.resent).toBe(16 + count('paid'));
    expect(second.counters.received).toBe(32);
    expect(second.counters.deadLettered).toBe(0);

    const results = (await readAll(resultsTopic, 17 + 32 - 1)).map((m) => ({
      key: m.key,
      result: PaymentResultV1.parse(JSON.parse(m.value)),
    }));
    expect(results).toHaveLength(48);
    for (const { key, result } of results) expect(key).toBe(result.paymentId);
    instructions.forEach((p, i) => {
      const mine = results.filter((r) => r.result.paymentId === p.paymentId).map((r) => r.result);
      const paidIds = new Set(mine.filter((r) => r.status === 'paid').map((r) => r.eventId));
      expect(paidIds.size).toBeLessThanOrEqual(1); // never paid twice
      if (predicted[i] === 'paid') expect(mine.every((r) => r.status === 'paid')).toBe(true);
      if (isClosedAccount(p.payee.bankAccount, rates)) expect(mine.every((r) => r.status === 'returned')).toBe(true);
    });
    expect(await conn.collection(BANK_TRANSFERS_COLLECTION).countDocuments()).toBe(16);
    const paidDocs = await conn.collection(BANK_TRANSFERS_COLLECTION).countDocuments({ paid: { $exists: true } });
    expect(paidDocs).toBe(
      new Set(results.filter((r) => r.result.status === 'paid').map((r) => r.result.paymentId)).size
    );

    const dead = await readAll(dlqTopic, 1);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.value).toBe(unreadable.value);
    expect(dead[0]!.headers['x-dlq-reason']).toMatch(/^schema: schemaVersion/);
  }, 180_000);

  it('when five attempts of one payment are answered at the same time and all would pay, then exactly one pays and the others get its answer', async () => {
    const store = createBankTransferStore(conn);
    const p = aPaymentInstruction({ awardId: `AW-RACE-${suffix}` });
    const eventIds = Array.from({ length: 5 }, () => anEventId());
    const answers = await Promise.all(
      eventIds.map((instructionEventId, i) =>
        store.answer({
          paymentId: p.paymentId,
          instructionEventId,
          month: p.month,
          amountSen: p.amountSen,
          decide: async () => ({
            schemaVersion: 1,
            eventId: anEventId(),
            paymentId: p.paymentId,
            status: 'paid',
            bankReference: `RACE-${i}`,
            settledAt: '2026-10-25T04:00:00.000Z',
          }),
        })
      )
    );
    expect(answers.filter((a) => a.kind === 'new')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.result.eventId)).size).toBe(1);
    const doc = await store.get(p.paymentId);
    expect(Object.keys(doc!.attempts)).toHaveLength(1);
    expect(doc!.paid).toEqual(answers[0]!.result);
  });
});
