import type { Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createPaymentResultStore } from '../../infra/mongo/payment-results';
import type { PaymentInstructionV1 } from '../../schemas/events/payment-instruction.v1';
import type { PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import { createBankTransferStore } from '../../workers/bank/transfer-store';
import type { ReconciliationReport } from '../../workers/payments/reconciliation-report';
import { aPaymentInstruction, aPaymentResult } from '../support/builders';
import { runCli } from '../support/cli';
import { uniqueSuffix } from '../support/unique';

/**
 * `claims reconcile` over FerretDB: the ledger, the results store and the bank's transfers are written by their
 * real stores (the ledger in the shape infra/mongo/payment-ledger.ts writes: `_id` = paymentId, `instruction`), then
 * the command runs as the CLI runs it, against this test's own database.
 */
describe('claims reconcile (real FerretDB)', () => {
  const config = loadConfig();
  const suffix = uniqueSuffix();
  const dbName = `it_reconcile_${suffix.replace(/-/g, '_')}`;
  let conn: Connection;
  const savedUri = process.env.MONGODB_URI;

  beforeAll(async () => {
    conn = await createMongoConnection(config.MONGODB_URI, { dbName });
    const uri = new URL(config.MONGODB_URI);
    uri.pathname = `/${dbName}`;
    process.env.MONGODB_URI = uri.toString();
  });

  afterAll(async () => {
    process.env.MONGODB_URI = savedUri;
    await conn?.dropDatabase().catch(() => undefined);
    await conn?.close();
  });

  /** Runs `claims reconcile …args` in-process (test/support/cli.ts) against this file's database. */
  const claims = (...args: string[]) => runCli('reconcile', ...args);

  const ledger = async (p: PaymentInstructionV1): Promise<void> => {
    await conn.collection<{ _id: string; [field: string]: unknown }>('payments').insertOne({
      _id: p.paymentId,
      paymentId: p.paymentId,
      claimId: p.claimId,
      awardId: p.awardId,
      instruction: p,
      published: true,
    });
  };
  const bankSaw = async (p: PaymentInstructionV1, amountSen: number, result: PaymentResultV1): Promise<void> => {
    await createBankTransferStore(conn).answer({
      paymentId: p.paymentId,
      instructionEventId: p.eventId,
      month: p.month,
      amountSen,
      decide: async () => result,
    });
  };

  it('when the ledger and the results disagree, then each discrepancy kind is listed, counts per status given and exit code 1', async () => {
    const award = (n: number) => `AW-REC-${suffix}-${n}`;
    const [reconciled, noResult, wrongAmount, retried] = [1, 2, 3, 4].map((n) =>
      aPaymentInstruction({ awardId: award(n) })
    ) as [PaymentInstructionV1, PaymentInstructionV1, PaymentInstructionV1, PaymentInstructionV1];
    const otherMonth = aPaymentInstruction({ awardId: award(5), month: '2026-11' });
    for (const p of [reconciled, noResult, wrongAmount, retried, otherMonth]) await ledger(p);
    const results = createPaymentResultStore(conn);
    const at = new Date('2026-10-25T04:00:00Z');

    const paid1 = aPaymentResult({ paymentId: reconciled.paymentId });
    await bankSaw(reconciled, reconciled.amountSen, paid1);
    await results.record(paid1, at);
    const paid3 = aPaymentResult({ paymentId: wrongAmount.paymentId });
    await bankSaw(wrongAmount, wrongAmount.amountSen - 1, paid3);
    await results.record(paid3, at);
    const failed4 = aPaymentResult({
      paymentId: retried.paymentId,
      status: 'failed',
      reasonCode: 'BANK_TIMEOUT',
      reasonText: 'timed out',
    } as Partial<PaymentResultV1>);
    const paid4 = aPaymentResult({ paymentId: retried.paymentId });
    await bankSaw(retried, retried.amountSen, failed4);
    await results.record(failed4, at);
    await results.record(paid4, new Date(at.getTime() + 60_000));
    const stray = aPaymentResult({ paymentId: `AW-STRAY-${suffix}:IP-0000012345:2026-10` });
    await results.record(stray, at);

    const { stdout, code } = await claims('2026-10', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ReconciliationReport;
    expect(report).toEqual({
      month: '2026-10',
      instructions: 4,
      results: 5,
      resultsByStatus: { paid: 4, failed: 1, returned: 0 },
      paymentsByLatestStatus: { paid: 3, failed: 0, returned: 0, none: 1 },
      instructionsWithoutResult: [noResult.paymentId],
      resultsWithoutInstruction: [stray.paymentId],
      amountMismatches: [
        { paymentId: wrongAmount.paymentId, ledgerSen: wrongAmount.amountSen, bankSen: wrongAmount.amountSen - 1 },
      ],
      amountsNotChecked: 1,
      discrepancies: 3,
    });

    const text = await claims('2026-10');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`instructions without a result (1):\n  ${noResult.paymentId}`);
    expect(text.stdout).toContain(`results without an instruction (1):\n  ${stray.paymentId}`);
    expect(text.stdout).toContain(`${wrongAmount.paymentId}: ledger RM3186.00, bank RM3185.99`);
    expect(text.stdout).not.toMatch(/Aminah|000112233445/);

    const november = await claims('2026-11', '--json');
    expect(JSON.parse(november.stdout)).toMatchObject({
      instructions: 1,
      instructionsWithoutResult: [otherMonth.paymentId],
    });
    const empty = await claims('2031-01');
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('reconciled: no discrepancies');
  });

  it('when the month is not YYYY-MM, then exit code 2 names the month argument', async () => {
    for (const bad of ['2026-13', '2026-1', 'october']) {
      const { stderr, code, stdout } = await claims(bad);
      expect(code).toBe(2);
      expect(stderr).toMatch(/month argument/);
      expect(stdout).toBe('');
    }
  });
});
