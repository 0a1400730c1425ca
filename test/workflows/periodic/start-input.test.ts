import { sen } from '../../../schemas/common/money';
import { periodicInputFor } from '../../../workflows/periodic/start-input';
import { periodicWorkflowIdOfPayment } from '../../../workflows/periodic/ids';
import { periodicWorkflowConfigFrom } from '../../../infra/temporal/claim-starter';
import { anAwardLine } from '../../support/builders';
import { aBankAccount } from '../../support/builders';

const payee = { name: 'Aminah binti Test', bankAccount: aBankAccount(), paidToGuardian: true };

describe('periodicInputFor (the claim workflow starts the periodic workflow with it)', () => {
  it("when a child's dependants' line is awarded, then the input carries the rate, the start, the 21st birthday and the workflow id the results consumer derives", () => {
    const line = anAwardLine({
      lineId: 'DEP-2',
      benefitType: 'dependants',
      kind: 'periodic',
      amountSen: sen(53_100),
      amountBasis: 'per-period',
      rate: { periodUnit: 'day', dailyRateSen: sen(1770), monthlyAmountSen: sen(53_100) },
      startDate: '2026-02-21',
      relationship: 'child',
      beneficiaryId: 'C-2026-000123-D2',
      stopConditions: [{ kind: 'age', age: 21, beneficiaryId: 'C-2026-000123-D2', date: '2031-06-11' }],
      ruleIds: ['EI-DEP-002'],
    });
    const { workflowId, input } = periodicInputFor({
      claimId: 'C-2026-000123',
      awardId: 'C-2026-000123-AWD-1',
      asOf: '2026-10-06',
      line,
      beneficiaryId: 'C-2026-000123-D2',
      payee,
      firstMonth: '2026-10',
      config: periodicWorkflowConfigFrom({
        PERIODIC_CYCLE_SECONDS: 5,
        PERIODIC_RETRY_SCHEDULE: '10 seconds, 20 seconds',
        PERIODIC_SUSPENSION_MONTHS: 3,
        PERIODIC_PREPARATION_WINDOW_HOURS: 48,
      }),
    });
    expect(workflowId).toBe('award-C-2026-000123-AWD-1-C-2026-000123-D2');
    expect(periodicWorkflowIdOfPayment('C-2026-000123-AWD-1:C-2026-000123-D2:2026-10')).toBe(workflowId);
    expect(input).toMatchObject({
      benefitType: 'dependants',
      relationship: 'child',
      firstMonth: '2026-10',
      child: { ageLimitDate: '2031-06-11', incapacitated: false },
      terms: { benefitStartDate: '2026-02-21', rateAsOf: '2026-10-06', rate: { dailyRateSen: 1770 } },
      config: {
        cycle: { seconds: 5 },
        failedRetrySchedule: ['10 seconds', '20 seconds'],
        preparationWindowHours: 48,
        resultTimeout: '10 days',
        suspensionMonths: 3,
      },
    });
  });

  it('when the line is a lump sum, then it is refused', () => {
    expect(() =>
      periodicInputFor({
        claimId: 'C-2026-000123',
        awardId: 'A-1',
        asOf: '2026-10-06',
        line: anAwardLine({ kind: 'lump-sum' }),
        beneficiaryId: 'IP-0000012345',
        payee,
        firstMonth: '2026-10',
      })
    ).toThrow(RangeError);
  });
});
