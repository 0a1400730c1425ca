import { icNumbersIn, tallyClaims, tallyPayments } from '../../chaos/accounting';

/** The chaos run's accounting: a lost claim, a doubled or lost payment is counted, never hidden. */
describe('chaos accounting', () => {
  it('when every record is accounted for, then claims in = terminal + waiting + in progress, and duplicates and dead letters are counted apart', () => {
    const tally = tallyClaims(
      [
        { partition: 0, offset: '0', claimId: 'C-1' },
        { partition: 0, offset: '1', claimId: 'C-1' },
        { partition: 1, offset: '0', claimId: 'C-2' },
        { partition: 1, offset: '1' },
        { partition: 2, offset: '0', claimId: 'C-3' },
      ],
      new Set(['1:1']),
      [
        { claimId: 'C-1', status: 'COMPLETED' },
        { claimId: 'C-2', status: 'RUNNING', stage: 'awaiting-approval' },
        { claimId: 'C-3', status: 'RUNNING', stage: 'verifying' },
      ]
    );
    expect(tally).toMatchObject({
      recordsIn: 5,
      claimsIn: 3,
      duplicates: 1,
      terminal: 1,
      waiting: 1,
      inProgress: 1,
      deadLettered: 1,
      lost: 0,
    });
  });

  it('when a valid claim has no workflow or an invalid record is not in the DLQ, then each is lost and named', () => {
    const tally = tallyClaims(
      [
        { partition: 0, offset: '0', claimId: 'C-1' },
        { partition: 0, offset: '1' },
      ],
      new Set(),
      [{ claimId: 'C-9', status: 'COMPLETED' }]
    );
    expect(tally.lost).toBe(2);
    expect(tally.lostIds).toEqual(['C-1', 'invalid record 0:1 not in the DLQ']);
  });

  it('when the bank paid twice or a different amount, or a payment never got an answer, then it is a duplicate or lost; recent ones are in flight', () => {
    const base = { amountSen: 1000, issuedAtMs: 1_000, bankPaidAttempts: 1, bankPaidAmountSen: 1000 };
    const t = tallyPayments(
      [
        { ...base, paymentId: 'A:1:2026-01', latestResult: 'paid' },
        { ...base, paymentId: 'A:1:2026-02', bankPaidAttempts: 2, latestResult: 'paid' },
        { ...base, paymentId: 'A:1:2026-03', bankPaidAmountSen: 999, latestResult: 'paid' },
        { ...base, paymentId: 'B:1:2026-01', bankPaidAttempts: 0, latestResult: 'returned' },
        { ...base, paymentId: 'B:1:2026-02', bankPaidAttempts: 0 },
        { ...base, paymentId: 'B:1:2026-03', bankPaidAttempts: 0, issuedAtMs: 9_000 },
      ],
      5_000,
      ['A:1:2026-01', 'C:1:2026-01']
    );
    expect(t).toMatchObject({ expected: 5, paid: 3, held: 1, duplicates: 2, lost: 1, inFlight: 1 });
    expect(t.duplicateIds).toEqual(['A:1:2026-02', 'A:1:2026-03']);
    expect(t.lostIds).toEqual(['B:1:2026-02']);
    expect(t.missingFromLedger).toEqual(['C:1:2026-01']);
  });

  it('when a known IC number appears with or without dashes, then it is found; other 12-digit numbers are not', () => {
    const known = new Set(['900101145678']);
    expect(icNumbersIn('ic=900101-14-5678 acct 123456789012', known)).toEqual(['900101145678']);
    expect(icNumbersIn('900101145678', known)).toEqual(['900101145678']);
    expect(icNumbersIn('account 123456789012', known)).toEqual([]);
  });
});
