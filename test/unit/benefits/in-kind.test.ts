import { loadRateTables } from '../../../activities/benefits';
import { award, codes, deathFacts, injuryFacts, linesOf } from './builders';

describe('EI-MED: medical benefit', () => {
  it('EI-MED-001: when an employment injury, then treatment in kind until recovery', () => {
    expect(linesOf(award(injuryFacts()), 'medical')[0]?.stopConditions).toEqual([{ kind: 'recovery' }]);
  });
  it('EI-MED-002: when a non-panel bill, then each item at the lower of charge and Fees Act rate', () => {
    const bills = [
      {
        billId: 'B1',
        date: '2026-02-10',
        panel: false,
        items: [
          { description: 'x-ray', chargedSen: 15000, feesActRateSen: 10000 },
          { description: 'consult', chargedSen: 5000, feesActRateSen: 8000 },
        ],
      },
    ];
    const l = linesOf(award(injuryFacts({ medicalBills: bills })), 'medical').find((x) => x.lineId === 'MED-R1');
    expect(l?.amountSen).toBe(15000);
  });
  it('EI-MED-003: when an item has no Fees Act rate, then officer review; a panel bill is not reimbursed', () => {
    const bills = [
      { billId: 'B1', date: '2026-02-10', panel: false, items: [{ description: 'unlisted', chargedSen: 15000 }] },
      { billId: 'B2', date: '2026-02-10', panel: true, items: [{ description: 'panel', chargedSen: 15000 }] },
    ];
    const a = award(injuryFacts({ medicalBills: bills }));
    expect(a.flags).toContain('MED_UNLISTED_ITEM');
    expect(linesOf(a, 'medical')).toHaveLength(2);
  });
});

describe('EI-REH: rehabilitation in kind', () => {
  const ref = (occupancyPct: number, kind: 'physiotherapy' | 'dialysis' = 'physiotherapy') => ({
    rehabilitation: [
      {
        referralId: 'R1',
        kind,
        centre: 'Tun Abdul Razak PERKESO Rehabilitation Centre',
        referredOn: '2026-03-01',
        occupancyPct,
      },
    ],
  });
  it('EI-REH-003: when the centre is at 90 %, then no alert; at 91 %, wait-listed with an alert', () => {
    expect(award(injuryFacts(ref(90))).flags).not.toContain('REHAB_CAPACITY_ALERT');
    const a = award(injuryFacts(ref(91)));
    expect(a.flags).toContain('REHAB_CAPACITY_ALERT');
    expect(linesOf(a, 'rehabilitation')[0]?.inputs.waitListed).toBe('yes');
  });
  it('EI-REH-001: when dialysis is referred on an employment-injury claim, then not covered (invalidity scheme only)', () => {
    expect(linesOf(award(injuryFacts(ref(50, 'dialysis'))), 'rehabilitation')[0]?.status).toBe('not-payable');
  });
});

describe('EI-EDU: education loan', () => {
  const application = (extra = {}) => ({
    dependantId: 'D2',
    dateOfBirth: '2007-01-01',
    appliedOn: '2026-05-01',
    level: 'first-degree' as const,
    fullTime: true,
    inMalaysia: true,
    monthsRemaining: 36,
    tuitionTotalSen: 4000000,
    tuitionPerYearSen: 1333300,
    rejectedByOtherLenders: true,
    institution: { kind: 'private' as const, approved: true, ageYears: 10 },
    ...extra,
  });
  const dependants = [{ dependantId: 'D2', relationship: 'child' as const, dateOfBirth: '2007-01-01' }];
  it('EI-EDU-002: when a child of an EI death meets every condition, then a loan per academic year', () => {
    const l = linesOf(award(deathFacts(dependants, { educationApplications: [application()] })), 'education')[0];
    expect(l?.status).toBe('payable');
    expect(l?.amountSen).toBe(1333300);
  });
  it('EI-EDU-002: when tuition exceeds RM100,000.00 or the institution is 1 year old, then refused with reasons', () => {
    const a = award(
      deathFacts(dependants, {
        educationApplications: [
          application({ tuitionTotalSen: 10000001, institution: { kind: 'private', approved: true, ageYears: 1 } }),
        ],
      })
    );
    expect(linesOf(a, 'education')[0]?.status).toBe('not-payable');
    expect(codes(a)).toContain('EDU_LOAN_REFUSED');
  });
  it('EI-EDU-001: when the insured person only had TDB, then no loan', () => {
    expect(linesOf(award(injuryFacts({ educationApplications: [application()] })), 'education')[0]?.status).toBe(
      'not-payable'
    );
  });
});

describe('GEN-DATE-001: rate tables are dated data validated at load', () => {
  it('GEN-DATE-001: when loaded, then the tables are frozen', () => {
    const t = loadRateTables();
    expect(Object.isFrozen(t.funeral.rows[0])).toBe(true);
  });
  it('GEN-DATE-001: when two rows overlap, then loading names the bad row', () => {
    const bad = {
      version: 'x',
      ruleIds: ['EI-FUN-002'],
      source: 's',
      rows: [
        { id: 'a', from: null, to: '2016-06-30', amountSen: 1 },
        { id: 'b', from: '2016-06-01', to: null, amountSen: 2 },
      ],
    };
    expect(() => loadRateTables({ funeral: bad })).toThrow(/rows.*1.*from|overlaps/s);
  });
  it('GEN-MNY-001: when a rate is a float-looking number, then loading fails', () => {
    const t = loadRateTables();
    const rates = { ...t.benefitRates, rows: [{ ...t.benefitRates.rows[0], tdbPct: 0.8 }] };
    expect(() => loadRateTables({ benefitRates: rates })).toThrow();
  });
});
