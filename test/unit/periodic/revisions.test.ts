import { applyCola, pensionMonthly } from '../../../activities/benefits';
import { rat } from '../../../activities/benefits/rounding';
import { arrearsAmount, periodAmount } from '../../../activities/periodic/amounts';
import { effectiveRate, rateChangeDates } from '../../../activities/periodic/revisions';
import { daily, defaults, monthly, pdbTerms, pensionTerms, round, tables, withRounds } from './builders';

describe('PAY-COLA-001: revision rounds compound, each rounded once', () => {
  // An invalidity pension of RM801.23 that began on 1 Mar 1996, stated before any revision.
  const terms = pensionTerms(80123, '1996-03-01', { rateAsOf: '1996-02-29' });
  const params = withRounds(
    round('COLA-2005', '2005-01-01', '7', ['invalidity-pension'], [1990, 1999]),
    round('COLA-2015', '2015-07-01', '4.5', ['invalidity-pension'], [1990, 2000])
  );

  it('when two rounds (7 % in 2005, 4.5 % in 2015), then 801.23 → 857.32 (857.3161) → 895.90 (895.8994)', () => {
    expect(effectiveRate(terms, '2004-12-31', tables, params).rate.monthlyAmountSen).toBe(80123);
    expect(effectiveRate(terms, '2005-01-01', tables, params).rate.monthlyAmountSen).toBe(85732);
    const now = effectiveRate(terms, '2026-03-01', tables, params);
    expect(now.rate.monthlyAmountSen).toBe(89590);
    expect(now.applied).toEqual(['COLA-2005:+7%', 'COLA-2015:+4.5%']);
    expect(now.ruleIds).toEqual(expect.arrayContaining(['INV-PEN-001', 'PAY-COLA-001', 'PAY-MIN-001', 'INV-PEN-002']));
    expect(now.rateTableVersion).toBe('PAY-COLA-2023-01-01-empty');
  });

  it('when 30 years of arrears (Mar 1996 to Feb 2026), then 106 × 801.23 + 126 × 857.32 + 128 × 895.90', () => {
    const r = arrearsAmount(terms, { from: '1996-03-01', to: '2026-02-28' }, tables, params);
    // 1996-03..2004-12 = 106 months; 2005-01..2015-06 = 126 months; 2015-07..2026-02 = 128 months
    expect(r.breakdown).toHaveLength(360);
    expect(r.amountSen).toBe(106 * 80123 + 126 * 85732 + 128 * 89590);
    expect(r.amountSen).toBe(30762790);
  });

  it('when the rate already reflects a round (rateAsOf after it), then that round is not applied again', () => {
    const later = pensionTerms(85732, '1996-03-01', { rateAsOf: '2010-01-01' });
    expect(effectiveRate(later, '2026-03-01', tables, params).rate.monthlyAmountSen).toBe(89590);
  });

  it('when a round does not list the benefit or the start year, then it changes nothing', () => {
    const other = pensionTerms(80123, '2001-03-01', { rateAsOf: '2001-02-28' });
    expect(effectiveRate(other, '2026-03-01', tables, params).rate.monthlyAmountSen).toBe(80123);
    expect(
      effectiveRate(pdbTerms('1996-03-01', { rateAsOf: '1996-02-29' }), '2026-03-01', tables, params).rate.dailyRateSen
    ).toBe(8850);
  });

  it('when a daily rate is revised, then it is rounded at the daily rate and the month is × 30', () => {
    const r = effectiveRate(
      pdbTerms('2020-01-01', { rateAsOf: '2020-01-01' }),
      '2026-01-01',
      tables,
      withRounds(round('R', '2023-01-01', '9.4'))
    );
    // 88.50 × 1.094 = 96.819 → 96.82
    expect(r.rate).toEqual({ periodUnit: 'day', dailyRateSen: 9682, monthlyAmountSen: 290460 });
  });

  it('when rounds apply from before the benefit, then the result equals applyCola of the award engine', () => {
    const applied = applyCola(80123, 'invalidity-pension', 1996, '2026-03-01', tables, params);
    expect(effectiveRate(terms, '2026-03-01', tables, params).rate.monthlyAmountSen).toBe(applied.amountSen);
  });

  it('when the shipped tables only (the 2023 round is empty), then nothing changes', () => {
    expect(effectiveRate(terms, '2026-03-01', tables, defaults).rate.monthlyAmountSen).toBe(80123);
  });
});

describe('PAY-MIN-001 / INV-PEN-002: the pension minimum, applied after the revision', () => {
  it('when a pension of RM500.00 is in payment, then it stays RM500.00 in 2022 (min RM475.00) and is RM550.00 from 1 Jan 2023', () => {
    const t = pensionTerms(50000, '2020-06-01');
    expect(effectiveRate(t, '2022-12-31', tables, defaults).rate.monthlyAmountSen).toBe(50000);
    const jan = effectiveRate(t, '2023-01-01', tables, defaults);
    expect(jan.rate.monthlyAmountSen).toBe(55000);
    expect(jan.applied).toEqual(['INV-MIN-1100:minimum 55000']);
    expect(jan.rateTableVersion).toBe('INV-2023-01-01');
    const r = arrearsAmount(t, { from: '2022-11-01', to: '2023-02-28' }, tables, defaults);
    expect(r.breakdown.map((l) => l.amountSen)).toEqual([50000, 50000, 55000, 55000]);
    expect(r.amountSen).toBe(210000);
    expect(r.breakdown[2]?.ruleIds).toEqual(expect.arrayContaining(['PAY-MIN-001', 'INV-PEN-002']));
  });

  it('when the award lifted RM450.00 to RM475.00, then revisions apply to RM450.00 before the minimum', () => {
    const t = pensionTerms(47500, '2020-06-01', { rateBeforeMinimum: monthly(45000) });
    expect(effectiveRate(t, '2022-06-01', tables, defaults).rate.monthlyAmountSen).toBe(47500);
    // 450 × 1.05 = 472.50 < 475 → still the minimum in 2022
    expect(
      effectiveRate(t, '2022-06-01', tables, withRounds(round('R', '2021-01-01', '5'))).rate.monthlyAmountSen
    ).toBe(47500);
    expect(effectiveRate(t, '2023-01-01', tables, defaults).rate.monthlyAmountSen).toBe(55000);
  });

  it('when the pension is 51 % or a survivors share of 3/5, then the minimum scales: RM561.00, RM330.00', () => {
    expect(
      effectiveRate(pensionTerms(40000, '2020-06-01', { minimumPensionPct: '51%' }), '2023-01-01', tables, defaults)
        .rate.monthlyAmountSen
    ).toBe(56100);
    const share = pensionTerms(24000, '2020-06-01', { benefitType: 'survivors-pension', shareFraction: '3/5' });
    const r = effectiveRate(share, '2023-01-01', tables, defaults);
    expect(r.rate.monthlyAmountSen).toBe(33000);
    expect(r.ruleIds).toContain('INV-SUR-002');
  });

  it('when the benefit is PDB, dependants or CAA, then no pension minimum applies', () => {
    expect(
      effectiveRate(pdbTerms('2020-06-01', { rate: daily(1000) }), '2023-01-01', tables, defaults).rate.dailyRateSen
    ).toBe(1000);
    const caa = pensionTerms(50000, '2020-06-01', { benefitType: 'constant-attendance' });
    expect(effectiveRate({ ...caa, rate: monthly(30000) }, '2023-01-01', tables, defaults).rate.monthlyAmountSen).toBe(
      30000
    );
  });

  it('when stated before revisions with rateAsOf the day before the start, then it equals the award engine pension', () => {
    const params = withRounds(round('COLA-TEST', '2026-06-01', '5', ['invalidity-pension'], [2000, 2030]));
    const award = pensionMonthly({
      aamw: rat(295000),
      qp: { kind: 'full', contributions: 120, inWindow: 40, monthsSinceEntry: 200, reason: '' },
      startDate: '2026-03-05',
      asOf: '2026-12-31',
      benefitType: 'invalidity-pension',
      tables,
      params,
    });
    const t = pensionTerms(171100, '2026-03-05', { rateAsOf: '2026-03-04', minimumPensionPct: '58%' });
    expect(effectiveRate(t, '2026-12-31', tables, params).rate.monthlyAmountSen).toBe(award.amountSen);
    expect(award.amountSen).toBe(179655);
  });
});

describe('rate changes (EI-DEP-004) and split dates', () => {
  it('when a survivors share rises from 1/5 to 2/5, then its minimum follows the new fraction (RM110.00 → RM220.00)', () => {
    const t = pensionTerms(10000, '2020-06-01', {
      benefitType: 'survivors-pension',
      shareFraction: '1/5',
      rateChanges: [
        {
          effectiveDate: '2024-03-01',
          rate: monthly(20000),
          ruleIds: ['EI-DEP-004'],
          reason: 'child aged 21',
          shareFraction: '2/5',
        },
      ],
    });
    expect(effectiveRate(t, '2024-02-29', tables, defaults).rate.monthlyAmountSen).toBe(11000);
    expect(effectiveRate(t, '2024-03-01', tables, defaults).rate.monthlyAmountSen).toBe(22000);
  });

  it('when a rate change is effective on 20 May, then May is split and later months pay the new rate', () => {
    const t = pdbTerms('2026-01-10', {
      benefitType: 'dependants',
      rate: daily(1770),
      rateChanges: [
        { effectiveDate: '2030-05-20', rate: daily(3540), ruleIds: ['EI-DEP-004'], reason: 'sibling aged 21' },
      ],
    });
    expect(rateChangeDates(t, '2030-05-01', '2030-05-31', tables, defaults)).toEqual(['2030-05-20']);
    const may = periodAmount(t, { from: '2030-05-01', to: '2030-05-31' }, tables, defaults);
    // 1..19 May: 19 × 17.70; 20..31 May: days 20..30 of a 30-day month = 11 × 35.40
    expect(may.breakdown.map((l) => l.amountSen)).toEqual([33630, 38940]);
    expect(may.breakdown[1]?.ruleIds).toContain('EI-DEP-004');
    expect(periodAmount(t, { from: '2030-06-01', to: '2030-06-30' }, tables, defaults).amountSen).toBe(106200);
  });
});
