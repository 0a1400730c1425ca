import type { Connection } from 'mongoose';
import { sen } from '../../schemas/common/money';
import { loadConfig } from '../../infra/config';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createPaymentResultStore } from '../../infra/mongo/payment-results';
import type { PaymentInstructionV1 } from '../../schemas/events/payment-instruction.v1';
import type { PaymentResultV1 } from '../../schemas/events/payment-result.v1';
import type { ReconciliationReport } from '../../workers/payments/reconciliation-report';
import { aPaymentInstruction, aPaymentResult } from '../support/builders';
import { runCli } from '../support/cli';
import { uniqueSuffix } from '../support/unique';

/**
 * `claims reconcile` over FerretDB: the ledger and the results store are written in their real shapes (the ledger in the shape infra/mongo/payment-ledger.ts writes: `_id` = paymentId, `instruction`), then
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

  it('when the ledger and the results disagree, then each discrepancy kind is listed from the results alone, and exit code 1', async () => {
    const award = (n: number) => `AW-REC-${suffix}-${n}`;
    const [reconciled, noResult, wrongAmount, retried, returned, noAmount] = [1, 2, 3, 4, 5, 6].map((n) =>
      aPaymentInstruction({ awardId: award(n) })
    ) as [
      PaymentInstructionV1,
      PaymentInstructionV1,
      PaymentInstructionV1,
      PaymentInstructionV1,
      PaymentInstructionV1,
      PaymentInstructionV1,
    ];
    const otherMonth = aPaymentInstruction({ awardId: award(7), month: '2026-11' });
    for (const p of [reconciled, noResult, wrongAmount, retried, returned, noAmount, otherMonth]) await ledger(p);
    const results = createPaymentResultStore(conn);
    const at = new Date('2026-10-25T04:00:00Z');
    const later = new Date(at.getTime() + 60_000);
    const unpaid = (p: PaymentInstructionV1, status: 'failed' | 'returned', reasonCode: string) =>
      aPaymentResult({
        paymentId: p.paymentId,
        status,
        reasonCode,
        reasonText: 'from the bank',
        amountSen: p.amountSen,
      } as Partial<PaymentResultV1>);

    await results.record(aPaymentResult({ paymentId: reconciled.paymentId, amountSen: reconciled.amountSen }), at);
    await results.record(
      aPaymentResult({ paymentId: wrongAmount.paymentId, amountSen: sen(wrongAmount.amountSen - 1) }),
      at
    );
    await results.record(unpaid(retried, 'failed', 'BANK_TIMEOUT'), at);
    await results.record(aPaymentResult({ paymentId: retried.paymentId, amountSen: retried.amountSen }), later);
    await results.record(aPaymentResult({ paymentId: returned.paymentId, amountSen: returned.amountSen }), at);
    await results.record(unpaid(returned, 'returned', 'ACCOUNT_CLOSED'), later);
    await results.record(aPaymentResult({ paymentId: noAmount.paymentId }), at);
    const stray = aPaymentResult({ paymentId: `AW-STRAY-${suffix}:IP-0000012345:2026-10`, amountSen: sen(100) });
    await results.record(stray, at);

    const { stdout, code } = await claims('2026-10', '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as ReconciliationReport;
    expect(report).toEqual({
      schemaVersion: 1,
      month: '2026-10',
      instructions: 6,
      results: 8,
      resultsByStatus: { paid: 6, failed: 1, returned: 1 },
      paymentsByLatestStatus: { paid: 4, failed: 0, returned: 1, none: 1 },
      instructionsWithoutResult: [noResult.paymentId],
      unsettled: [
        {
          paymentId: returned.paymentId,
          status: 'returned',
          amountSen: returned.amountSen,
          reasonCode: 'ACCOUNT_CLOSED',
        },
      ],
      resultsWithoutInstruction: [stray.paymentId],
      amountMismatches: [
        { paymentId: wrongAmount.paymentId, ledgerSen: wrongAmount.amountSen, bankSen: wrongAmount.amountSen - 1 },
      ],
      amountsNotConfirmed: [noAmount.paymentId],
      discrepancies: 5,
    });

    const text = await claims('2026-10');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`instructions without a result (1):\n  ${noResult.paymentId}`);
    expect(text.stdout).toContain(`  ${returned.paymentId}: returned ACCOUNT_CLOSED, RM3186.00`);
    expect(text.stdout).toContain(`results without an instruction (1):\n  ${stray.paymentId}`);
    expect(text.stdout).toContain(`${wrongAmount.paymentId}: ledger RM3186.00, bank RM3185.99`);
    expect(text.stdout).toContain(`paid without an amount from the bank (1):\n  ${noAmount.paymentId}`);
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
