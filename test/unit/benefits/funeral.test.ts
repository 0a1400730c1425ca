import { award, deathFacts, linesOf } from './builders';

const widow = { dependantId: 'D1', relationship: 'spouse' as const, dateOfBirth: '1992-01-01' };
const funeral = (claimant: 'heir' | 'payer', receiptsSen?: number) => ({
  claimant,
  ...(receiptsSen !== undefined ? { receiptsSen, payerId: 'P-1' } : {}),
});
const deathOn = (date: string, f: object) =>
  deathFacts([widow], { death: { diedOn: date, cause: 'employment-injury', funeral: f } } as never, date);

describe('EI-FUN: funeral benefit', () => {
  it.each([
    [
      'EI-FUN-002: when an heir claims for a death after 1 Jun 2016, then RM2,000.00',
      '2026-02-10',
      funeral('heir'),
      200000,
    ],
    ['EI-FUN-003: when a non-heir paid RM1,750.00, then RM1,750.00', '2026-02-10', funeral('payer', 175000), 175000],
    ['EI-FUN-003: when a non-heir paid RM2,600.00, then RM2,000.00', '2026-02-10', funeral('payer', 260000), 200000],
    ['EI-FUN-002: when the death was on 10 Mar 2016, then RM1,500.00', '2016-03-10', funeral('heir'), 150000],
    ['EI-FUN-002: when the death was on 31 May 2016, then RM1,500.00', '2016-05-31', funeral('heir'), 150000],
    ['EI-FUN-002: when the death was on 1 Jun 2016, then RM2,000.00', '2016-06-01', funeral('heir'), 200000],
  ])('%s', (_t, date, f, amount) => {
    expect(linesOf(award(deathOn(date, f)), 'funeral')[0]?.amountSen).toBe(amount);
  });

  it('EI-FUN-003: when there is no spouse, then the eldest son is the heir', () => {
    const f = deathFacts(
      [
        { dependantId: 'D1', relationship: 'child', sex: 'female', dateOfBirth: '2000-01-01' },
        { dependantId: 'D2', relationship: 'child', sex: 'male', dateOfBirth: '2002-01-01' },
      ],
      { death: { diedOn: '2026-02-10', cause: 'employment-injury', funeral: { claimant: 'heir' } } }
    );
    expect(linesOf(award(f), 'funeral')[0]?.beneficiaryId).toBe('D2');
  });

  it('EI-FUN-001: when a death from other causes of a person with no qualifying period, then no funeral benefit', () => {
    const f = deathFacts([widow], {
      contributions: [],
      death: { diedOn: '2026-02-10', cause: 'other', funeral: { claimant: 'heir' } },
    });
    const a = award({ ...f, injury: undefined });
    expect(linesOf(a, 'funeral')).toHaveLength(0);
    expect(a.eligibility.outcome).toBe('not-eligible');
  });
});
