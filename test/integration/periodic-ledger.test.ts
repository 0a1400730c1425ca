import type { Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createAuditLog } from '../../infra/mongo/audit-log';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createPaymentLedger } from '../../infra/mongo/payment-ledger';
import { aBankAccount, aPaymentInstruction } from '../support/builders';
import { uniqueSuffix } from '../support/unique';

describe('periodic payment ledger and audit log (FerretDB, real connection)', () => {
  let conn: Connection;

  beforeAll(async () => {
    conn = await createMongoConnection(loadConfig().MONGODB_URI, {
      dbName: `it_periodic_${uniqueSuffix().replace(/-/g, '_')}`,
    });
  });

  afterAll(async () => {
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
  });

  it('when a payment is recorded twice, then one document keyed _id = paymentId keeps the first instruction', async () => {
    const ledger = await createPaymentLedger(conn);
    const first = aPaymentInstruction({ awardId: `AW-${uniqueSuffix()}` });
    await ledger.record(first);
    const again = await ledger.record({ ...first, issuedAt: '2026-10-21T09:00:00+08:00' });
    expect(again.instruction.issuedAt).toBe(first.issuedAt);
    const docs = await conn
      .collection('payments')
      .find({ _id: first.paymentId as never })
      .toArray();
    expect(docs).toHaveLength(1);
    expect(docs[0]?.paymentId).toBe(first.paymentId);
  });

  it('when a failed payment is re-sent to new bank details, then the ledger keeps the amount, takes the new eventId and payee, and a repeat of the attempt changes nothing', async () => {
    const ledger = await createPaymentLedger(conn);
    const first = aPaymentInstruction({ awardId: `AW-${uniqueSuffix()}` });
    await ledger.record(first);
    await ledger.markPublished(first.paymentId);
    const payee = { ...first.payee, bankAccount: aBankAccount({ accountNumber: '000998877665' }) };
    const attempt = { ...first, eventId: '11111111-1111-4111-8111-111111111111', payee, amountSen: first.amountSen };
    const stored = await ledger.recordAttempt(attempt);
    expect(stored).toMatchObject({ published: false, instruction: { eventId: attempt.eventId, amountSen: 318_600 } });
    expect(stored.instruction.payee.bankAccount.accountNumber).toBe('000998877665');
    await ledger.markPublished(first.paymentId);
    const repeat = await ledger.recordAttempt(attempt);
    expect(repeat.published).toBe(true);
    expect((await ledger.find(first.paymentId))?.instruction.eventId).toBe(attempt.eventId);
    expect(await ledger.find(`${first.paymentId.slice(0, -2)}01`)).toBeNull();
  });

  it('when an overpayment adjustment is recorded twice, then one negative adjustment is kept', async () => {
    const ledger = await createPaymentLedger(conn);
    const adjustmentId = `AW-${uniqueSuffix()}:IP-0000012345:recovery:2026-05-20`;
    const adjustment = {
      adjustmentId,
      claimId: 'C-2026-000123',
      awardId: 'AW-1',
      beneficiaryId: 'IP-0000012345',
      amountSen: -1_333_333,
      lines: [],
      reason: 'Paid after the date of death',
      recordedAt: '2026-07-25T00:00:00.000Z',
    };
    await ledger.recordAdjustment(adjustment);
    const second = await ledger.recordAdjustment({ ...adjustment, amountSen: -1 });
    expect(second.amountSen).toBe(-1_333_333);
    expect(await conn.collection('payment_adjustments').countDocuments({ _id: adjustmentId as never })).toBe(1);
  });

  it('when operator actions are audited (one retried), then each is stored once with actor, reason, action, workflow id and time', async () => {
    const audit = await createAuditLog(conn);
    const workflowId = `award-AW-${uniqueSuffix()}-IP-0000012345`;
    const entry = {
      auditId: `${workflowId}:1`,
      workflowId,
      action: 'suspend',
      actorId: 'officer.aziz',
      reason: 'Fraud investigation opened',
      details: {},
      at: '2026-07-01T02:00:00.000Z',
    };
    await audit.write(entry);
    await audit.write(entry);
    await audit.write({ ...entry, auditId: `${workflowId}:2`, action: 'resume', at: '2026-07-02T02:00:00.000Z' });
    const listed = await audit.listFor(workflowId);
    expect(listed.map((e) => [e.auditId, e.action, e.actorId])).toEqual([
      [`${workflowId}:1`, 'suspend', 'officer.aziz'],
      [`${workflowId}:2`, 'resume', 'officer.aziz'],
    ]);
    expect(listed[0]).toMatchObject({ reason: 'Fraud investigation opened', workflowId, at: entry.at });
  });
});
