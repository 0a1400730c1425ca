import { reconcile } from '../../../workers/payments/reconciliation-report';

const id = (n: number): string => `AW-${n}:IP-${n}:2026-10`;
const at = (s: number): string => `2026-10-25T00:00:${String(s).padStart(2, '0')}.000Z`;

describe('reconciliation report', () => {
  it('when ledger and results disagree, then each discrepancy kind is listed and counted, from the results alone', () => {
    const report = reconcile('2026-10', {
      instructions: [1, 2, 3, 4, 5, 6].map((n) => ({ paymentId: id(n), month: '2026-10', amountSen: 1000 * n })),
      results: [
        { paymentId: id(1), eventId: 'e1', status: 'failed', receivedAt: at(1), amountSen: 1000, reasonCode: 'X' },
        { paymentId: id(1), eventId: 'e2', status: 'paid', receivedAt: at(2), amountSen: 1000 },
        {
          paymentId: id(2),
          eventId: 'e3',
          status: 'returned',
          receivedAt: at(3),
          amountSen: 2000,
          reasonCode: 'ACCOUNT_CLOSED',
        },
        { paymentId: id(4), eventId: 'e4', status: 'paid', receivedAt: at(4), amountSen: 3999 },
        { paymentId: id(5), eventId: 'e5', status: 'paid', receivedAt: at(5) },
        {
          paymentId: id(6),
          eventId: 'e6',
          status: 'failed',
          receivedAt: at(6),
          amountSen: 6000,
          reasonCode: 'BANK_TIMEOUT',
        },
        { paymentId: id(9), eventId: 'e9', status: 'paid', receivedAt: at(7), amountSen: 1 },
      ],
    });
    expect(report).toEqual({
      schemaVersion: 1,
      month: '2026-10',
      instructions: 6,
      results: 7,
      resultsByStatus: { paid: 4, failed: 2, returned: 1 },
      paymentsByLatestStatus: { paid: 3, failed: 1, returned: 1, none: 1 },
      instructionsWithoutResult: [id(3)],
      unsettled: [
        { paymentId: id(2), status: 'returned', amountSen: 2000, reasonCode: 'ACCOUNT_CLOSED' },
        { paymentId: id(6), status: 'failed', amountSen: 6000, reasonCode: 'BANK_TIMEOUT' },
      ],
      resultsWithoutInstruction: [id(9)],
      amountMismatches: [{ paymentId: id(4), ledgerSen: 4000, bankSen: 3999 }],
      amountsNotConfirmed: [id(5)],
      discrepancies: 6,
    });
  });

  it('when a month is full of returned payments, then it does not reconcile', () => {
    const report = reconcile('2026-10', {
      instructions: [1, 2].map((n) => ({ paymentId: id(n), month: '2026-10', amountSen: 500 })),
      results: [1, 2].map((n) => ({
        paymentId: id(n),
        eventId: `e${n}`,
        status: 'returned' as const,
        receivedAt: at(n),
        amountSen: 500,
        reasonCode: 'ACCOUNT_CLOSED',
      })),
    });
    expect(report.discrepancies).toBe(2);
    expect(report.unsettled.map((u) => u.paymentId)).toEqual([id(1), id(2)]);
  });

  it('when every instruction is paid at its amount (after a failed attempt), then there is no discrepancy', () => {
    const report = reconcile('2026-10', {
      instructions: [{ paymentId: id(1), month: '2026-10', amountSen: 5 }],
      results: [
        { paymentId: id(1), eventId: 'e1', status: 'failed', receivedAt: at(1), amountSen: 5, reasonCode: 'X' },
        { paymentId: id(1), eventId: 'e2', status: 'paid', receivedAt: at(2), amountSen: 5 },
      ],
    });
    expect(report.discrepancies).toBe(0);
    expect(report.paymentsByLatestStatus).toEqual({ paid: 1, failed: 0, returned: 0, none: 0 });
  });
});
