import { reconcile } from '../../../workers/payments/reconciliation-report';

const id = (n: number): string => `AW-${n}:IP-${n}:2026-10`;
const at = (s: number): string => `2026-10-25T00:00:${String(s).padStart(2, '0')}.000Z`;

describe('reconciliation report', () => {
  it('when ledger, results and bank amounts disagree, then each discrepancy kind is listed and counted', () => {
    const report = reconcile('2026-10', {
      instructions: [1, 2, 3, 4].map((n) => ({ paymentId: id(n), month: '2026-10', amountSen: 1000 * n })),
      results: [
        { paymentId: id(1), eventId: 'e1', status: 'failed', receivedAt: at(1) },
        { paymentId: id(1), eventId: 'e2', status: 'paid', receivedAt: at(2) },
        { paymentId: id(2), eventId: 'e3', status: 'returned', receivedAt: at(3) },
        { paymentId: id(4), eventId: 'e4', status: 'paid', receivedAt: at(4) },
        { paymentId: id(9), eventId: 'e9', status: 'paid', receivedAt: at(5) },
      ],
      bankAmounts: [
        { paymentId: id(1), amountSen: 1000 },
        { paymentId: id(2), amountSen: 2000 },
        { paymentId: id(4), amountSen: 3999 },
      ],
    });
    expect(report).toEqual({
      month: '2026-10',
      instructions: 4,
      results: 5,
      resultsByStatus: { paid: 3, failed: 1, returned: 1 },
      paymentsByLatestStatus: { paid: 2, failed: 0, returned: 1, none: 1 },
      instructionsWithoutResult: [id(3)],
      resultsWithoutInstruction: [id(9)],
      amountMismatches: [{ paymentId: id(4), ledgerSen: 4000, bankSen: 3999 }],
      amountsNotChecked: 1,
      discrepancies: 3,
    });
  });

  it('when every instruction has a result at the same amount, then there is no discrepancy', () => {
    const report = reconcile('2026-10', {
      instructions: [{ paymentId: id(1), month: '2026-10', amountSen: 5 }],
      results: [{ paymentId: id(1), eventId: 'e1', status: 'paid', receivedAt: at(1) }],
      bankAmounts: [{ paymentId: id(1), amountSen: 5 }],
    });
    expect(report.discrepancies).toBe(0);
    expect(report.paymentsByLatestStatus).toEqual({ paid: 1, failed: 0, returned: 0, none: 0 });
  });
});
