import { periodAmount, entitledPeriod, lastPaidDay } from '../../../activities/periodic/amounts';
import type { ShareGroupMember } from '../../../activities/periodic/dependant-shares';
import { recomputeDependantShares } from '../../../activities/periodic/dependant-shares';
import { daily, defaults, paramsWith, pdbTerms, tables } from './builders';

const dailyOf = (r: ReturnType<typeof recomputeDependantShares>) =>
  Object.fromEntries(r.map((s) => [s.beneficiaryId, s.rate.dailyRateSen ?? s.rate.monthlyAmountSen]));
const recompute = (members: ShareGroupMember[], fullRate = '8850', params = defaults) =>
  recomputeDependantShares({
    fullRate,
    unit: 'day',
    members,
    dateOfDeath: '2026-01-09',
    tables,
    params,
    benefitType: 'dependants',
  });

describe('EI-DEP-004: shares recomputed when a dependant stops', () => {
  const widow: ShareGroupMember = { beneficiaryId: 'W', relationship: 'spouse', status: 'active' };
  const childA: ShareGroupMember = { beneficiaryId: 'A', relationship: 'child', status: 'active' };
  const childB: ShareGroupMember = { beneficiaryId: 'B', relationship: 'child', status: 'active' };

  it('when widow + 2 children at RM88.50, then RM53.10 and RM17.70 each', () => {
    expect(dailyOf(recompute([widow, childA, childB]))).toEqual({ W: 5310, A: 1770, B: 1770 });
  });

  it('when the elder child turns 21 (not studying), then the younger child gets RM35.40 (RM1,062.00/month)', () => {
    const r = recompute([widow, { ...childA, status: 'stopped' }, childB]);
    expect(dailyOf(r)).toEqual({ W: 5310, B: 3540 });
    expect(r.find((s) => s.beneficiaryId === 'B')?.rate.monthlyAmountSen).toBe(106200);
    expect(r[0]?.ruleIds).toContain('EI-DEP-004');
    expect(r.map((s) => s.shareFraction)).toEqual(['3/5', '2/5']);
    expect(r.find((s) => s.beneficiaryId === 'B')?.inputs).toMatchObject({
      groupFraction: '2/5',
      membersSharing: 1,
      exactShare: '3540',
    });
  });

  it('when the last child ceases, then the 2/5 lapses; with dep.absentGroupShare = redistribute the widow gets the full rate', () => {
    const members = [widow, { ...childA, status: 'stopped' as const }, { ...childB, status: 'stopped' as const }];
    expect(dailyOf(recompute(members))).toEqual({ W: 5310 });
    expect(dailyOf(recompute(members, '8850', paramsWith({ dep: { absentGroupShare: 'redistribute' } })))).toEqual({
      W: 8850,
    });
  });

  it('when at the ceiling RM178.50 with 3 children and one stops, then RM107.10 and RM35.70 each', () => {
    const c = (id: string, status: 'active' | 'stopped'): ShareGroupMember => ({
      beneficiaryId: id,
      relationship: 'child',
      status,
    });
    expect(dailyOf(recompute([widow, c('A', 'active'), c('B', 'active'), c('C', 'active')], '17850'))).toEqual({
      W: 10710,
      A: 2380,
      B: 2380,
      C: 2380,
    });
    expect(dailyOf(recompute([widow, c('A', 'stopped'), c('B', 'active'), c('C', 'active')], '17850'))).toEqual({
      W: 10710,
      B: 3570,
      C: 3570,
    });
  });

  it('when group 2 and one parent dies, then the surviving parent takes the whole 4/10 (RM35.40)', () => {
    const p = (id: string, status: 'active' | 'stopped'): ShareGroupMember => ({
      beneficiaryId: id,
      relationship: 'parent',
      status,
    });
    const s: ShareGroupMember = { beneficiaryId: 'S', relationship: 'sibling', status: 'active' };
    expect(dailyOf(recompute([p('P1', 'active'), p('P2', 'active'), s]))).toEqual({ P1: 1770, P2: 1770, S: 2655 });
    expect(dailyOf(recompute([p('P1', 'stopped'), p('P2', 'active'), s]))).toEqual({ P2: 3540, S: 2655 });
  });

  it('when group 1 exists, then a parent listed beside it gets nothing (groups fixed at death)', () => {
    expect(dailyOf(recompute([widow, { beneficiaryId: 'P', relationship: 'parent', status: 'active' }]))).toEqual({
      W: 5310,
    });
  });

  it('when a survivors pension of RM1,711.00 is shared monthly, then each share is rounded once at the month', () => {
    const r = recomputeDependantShares({
      fullRate: '171100',
      unit: 'month',
      members: [widow, childA, { ...childB, status: 'stopped' }],
      dateOfDeath: '2026-01-09',
      tables,
      params: defaults,
      benefitType: 'survivors-pension',
    });
    // 3/5 × 1711 = 1026.60; 2/5 × 1711 = 684.40
    expect(r.map((s) => s.rate)).toEqual([
      { periodUnit: 'month', monthlyAmountSen: 102660 },
      { periodUnit: 'month', monthlyAmountSen: 68440 },
    ]);
  });

  it('when child A (born 20 May 2009) turns 21, then A is paid to 19 May 2030 and B at the new rate from 20 May', () => {
    const stop = lastPaidDay('age', '2030-05-20');
    const a = pdbTerms('2026-01-10', { benefitType: 'dependants', rate: daily(1770) });
    expect(periodAmount(a, entitledPeriod('2030-05', a.benefitStartDate, stop)!, tables, defaults).amountSen).toBe(
      19 * 1770
    );
    const newB = recompute([widow, { ...childA, status: 'stopped' }, childB]).find((s) => s.beneficiaryId === 'B')!;
    const b = {
      ...a,
      rateChanges: [{ effectiveDate: '2030-05-20', rate: newB.rate, ruleIds: newB.ruleIds, reason: 'child A aged 21' }],
    };
    const may = periodAmount(b, { from: '2030-05-01', to: '2030-05-31' }, tables, defaults);
    expect(may.amountSen).toBe(19 * 1770 + 11 * 3540);
  });
});
