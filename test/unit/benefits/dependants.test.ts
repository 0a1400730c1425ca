import { award, deathFacts, linesOf, monthsBefore } from './builders';

const widow = { dependantId: 'D1', relationship: 'spouse' as const, dateOfBirth: '1992-01-01' };
const child = (id: string, dob: string, extra = {}) => ({
  dependantId: id,
  relationship: 'child' as const,
  dateOfBirth: dob,
  ...extra,
});
const daily = (a: ReturnType<typeof award>, id: string) =>
  linesOf(a, 'dependants')
    .filter((l) => l.beneficiaryId === id)
    .map((l) => [l.rate?.dailyRateSen, l.period]);

describe('EI-DEP: dependants’ benefit', () => {
  it('EI-DEP-002: when a widow and 2 children at RM88.50, then widow RM53.10 (RM1,593.00/month), each child RM17.70', () => {
    const a = award(deathFacts([widow, child('D2', '2015-01-01'), child('D3', '2018-01-01')]));
    expect(daily(a, 'D1')).toEqual([[5310, { from: '2026-02-11' }]]);
    expect(linesOf(a, 'dependants').find((l) => l.beneficiaryId === 'D1')?.amountSen).toBe(159300);
    expect(daily(a, 'D2')[0]?.[0]).toBe(1770);
  });

  it('EI-DEP-003: when the elder child turns 21 (not studying), then the younger gets RM35.40 from the birthday; the 2/5 lapses after the last', () => {
    const a = award(deathFacts([child('D2', '2005-06-01'), child('D3', '2008-01-01'), widow]));
    expect(daily(a, 'D2')).toEqual([[1770, { from: '2026-02-11', to: '2026-05-31' }]]);
    expect(daily(a, 'D3')).toEqual([
      [1770, { from: '2026-02-11', to: '2026-05-31' }],
      [3540, { from: '2026-06-01', to: '2028-12-31' }],
    ]);
    expect(linesOf(a, 'dependants').find((l) => l.beneficiaryId === 'D2')?.stopConditions).toContainEqual({
      kind: 'age',
      age: 21,
      beneficiaryId: 'D2',
      date: '2026-06-01',
    });
  });

  it('EI-DEP-003: when a child over 21 studies for a first degree, then paid until completion with a study declaration', () => {
    const a = award(deathFacts([child('D2', '2004-01-01', { studyingFirstDegree: true })]));
    const l = linesOf(a, 'dependants')[0];
    expect(l?.period?.to).toBeUndefined();
    expect(l?.ruleIds).toContain('PAY-STUDY-001');
    expect(l?.stopConditions).toContainEqual({ kind: 'end-of-study', beneficiaryId: 'D2' });
  });

  it('EI-DEP-003: when a child is incapacitated, then paid while the incapacity lasts', () => {
    const l = linesOf(award(deathFacts([child('D2', '1990-01-01', { incapacitated: true })])), 'dependants')[0];
    expect(l?.stopConditions).toContainEqual({ kind: 'end-of-incapacity', beneficiaryId: 'D2' });
  });

  it('EI-DEP-002: when the widow remarries in 2027, then she is still paid for life', () => {
    const l = linesOf(award(deathFacts([{ ...widow, remarriedOn: '2027-03-01' }])), 'dependants')[0];
    expect(l?.period).toEqual({ from: '2026-02-11' });
    expect(l?.stopConditions).toEqual([{ kind: 'death', beneficiaryId: 'D1' }]);
  });

  it('EI-DEP-001: when at the ceiling with a widow and 3 children, then widow RM107.10 and each child RM23.80', () => {
    const a = award(
      deathFacts([widow, child('D2', '2012-01-01'), child('D3', '2014-01-01'), child('D4', '2016-01-01')], {
        contributions: monthsBefore('2026-02', 900000),
      })
    );
    expect(daily(a, 'D1')[0]?.[0]).toBe(10710);
    expect(daily(a, 'D4')[0]?.[0]).toBe(2380);
  });

  it('EI-DEP-005: when group 2 at RM88.50, then each of two parents RM17.70 and the siblings share RM26.55', () => {
    const a = award(
      deathFacts([
        { dependantId: 'D1', relationship: 'parent', dateOfBirth: '1960-01-01' },
        { dependantId: 'D2', relationship: 'parent', dateOfBirth: '1962-01-01' },
        { dependantId: 'D3', relationship: 'sibling', dateOfBirth: '2010-01-01' },
      ])
    );
    expect(daily(a, 'D1')[0]?.[0]).toBe(1770);
    expect(daily(a, 'D3')[0]?.[0]).toBe(2655);
  });

  it('EI-DEP-005: when one parent dies, then the survivor takes all of the 4/10', () => {
    const a = award(
      deathFacts([
        { dependantId: 'D1', relationship: 'parent', dateOfBirth: '1960-01-01', diedOn: '2027-01-31' },
        { dependantId: 'D2', relationship: 'parent', dateOfBirth: '1962-01-01' },
      ])
    );
    expect(daily(a, 'D2').map((x) => x[0])).toEqual([1770, 3540]);
  });

  it('EI-DEP-006: when both parents died before, then grandparents share 4/10', () => {
    const a = award(
      deathFacts([
        { dependantId: 'D1', relationship: 'parent', dateOfBirth: '1960-01-01', diedOn: '2020-01-01' },
        { dependantId: 'D2', relationship: 'grandparent', dateOfBirth: '1940-01-01' },
      ])
    );
    expect(daily(a, 'D2')[0]?.[0]).toBe(3540);
  });

  it('EI-DEP-004: when only children, then the widow’s 3/5 lapses (dep.absentGroupShare)', () => {
    const a = award(deathFacts([child('D2', '2015-01-01')]));
    expect(daily(a, 'D2')[0]?.[0]).toBe(3540);
  });

  it('EI-DEP-007: when the full rate is below RM30.00, then the minimum applies before the split', () => {
    const a = award(deathFacts([widow], { contributions: monthsBefore('2026-02', 100000) }));
    expect(daily(a, 'D1')[0]?.[0]).toBe(1800);
  });
});
