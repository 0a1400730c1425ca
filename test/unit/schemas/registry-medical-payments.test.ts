import { BenefitAwardedV1 } from '../../../schemas/events/benefit-awarded.v1';
import { ContributionRecordedV1 } from '../../../schemas/events/contribution-recorded.v1';
import { EmployerUpsertedV1 } from '../../../schemas/events/employer-upserted.v1';
import { InsuredPersonUpsertedV1 } from '../../../schemas/events/insured-person-upserted.v1';
import { MedicalAssessmentDecidedV1 } from '../../../schemas/events/medical-assessment-decided.v1';
import { MedicalAssessmentRequestedV1 } from '../../../schemas/events/medical-assessment-requested.v1';
import { PaymentInstructionV1 } from '../../../schemas/events/payment-instruction.v1';
import { PaymentResultV1 } from '../../../schemas/events/payment-result.v1';
import { sen } from '../../../schemas/common/money';
import { paymentIdFor } from '../../../schemas/payments/ids';
import {
  aBenefitAwarded,
  aContributionRecord,
  aContributionRecorded,
  aForeignClaimant,
  aMedicalAssessmentDecided,
  aMedicalAssessmentRequested,
  aMedicalBoardDecision,
  anAwardLine,
  anEmployer,
  anEmployerUpserted,
  anInsuredPerson,
  anInsuredPersonUpserted,
  aPaymentInstruction,
  aPaymentResult,
} from '../../support/builders';
import { issuesOf, pathsOf } from './helpers';

const optedOut = {
  current: 'opted-out' as const,
  history: [
    { status: 'covered' as const, effectiveFrom: '2026-06-01', recordedAt: '2026-06-01T00:00:00+08:00' },
    { status: 'opted-out' as const, effectiveFrom: '2026-08-01', recordedAt: '2026-07-20T00:00:00+08:00' },
  ],
};

describe('registry contracts', () => {
  test('when a local worker opted out with a dated history, then the record is valid', () => {
    const event = anInsuredPersonUpserted({ insuredPerson: anInsuredPerson({ nonEmploymentCover: optedOut }) });
    expect(issuesOf(InsuredPersonUpsertedV1, event)).toEqual([]);
  });

  test.each([
    [
      'a foreign worker has opted out (NEI-PART-001)',
      anInsuredPerson({ workerType: 'foreign', personal: aForeignClaimant(), nonEmploymentCover: optedOut }),
      'insuredPerson.nonEmploymentCover.history[1].status',
    ],
    [
      'the current status differs from the latest change',
      anInsuredPerson({ nonEmploymentCover: { ...optedOut, current: 'covered' } }),
      'insuredPerson.nonEmploymentCover.current',
    ],
    [
      'the history is not oldest first',
      anInsuredPerson({ nonEmploymentCover: { current: 'covered', history: [...optedOut.history].reverse() } }),
      'insuredPerson.nonEmploymentCover.history[1].effectiveFrom',
    ],
    ['the category is unknown', { ...anInsuredPerson(), category: 'third' }, 'insuredPerson.category'],
    [
      'personal data sits outside personal',
      { ...anInsuredPerson(), icNumber: '900115001232' },
      'insuredPerson.icNumber',
    ],
  ])('when %s, then the error names %s', (_title, insuredPerson, path) => {
    expect(
      pathsOf(InsuredPersonUpsertedV1, anInsuredPersonUpserted({ insuredPerson: insuredPerson as never }))
    ).toContain(path);
  });

  test.each([
    ['the employer id is malformed', { ...anEmployer(), employerId: 'E123' }, 'employer.employerId'],
    ['the status is unknown', { ...anEmployer(), status: 'bankrupt' }, 'employer.status'],
    [
      'the registration date is a time',
      { ...anEmployer(), registeredAt: '2019-02-01T00:00:00Z' },
      'employer.registeredAt',
    ],
  ])('when %s, then the employer error names %s', (_title, employer, path) => {
    expect(pathsOf(EmployerUpsertedV1, anEmployerUpserted({ employer: employer as never }))).toEqual([path]);
  });

  test.each([
    ['the month is 13', { month: '2026-13' }, 'contribution.month'],
    ['the wage is in ringgit with cents', { actualWageSen: 3000.5 }, 'contribution.actualWageSen'],
    ['the contribution is negative', { contributionSen: -100 }, 'contribution.contributionSen'],
    ['the scheme is unknown', { scheme: 'PENSION' }, 'contribution.scheme'],
    ['a paid contribution has no payment time', { payment: { status: 'paid' } }, 'contribution.payment.paidAt'],
  ])('when %s, then the contribution error names %s', (_title, overrides, path) => {
    const contribution = { ...aContributionRecord(), ...overrides };
    expect(pathsOf(ContributionRecordedV1, aContributionRecorded({ contribution: contribution as never }))).toEqual([
      path,
    ]);
  });

  test('when a contribution is payable but unpaid, then it is valid (WB-AAMW-001 counts it)', () => {
    const contribution = aContributionRecord({ payment: { status: 'payable' } });
    expect(issuesOf(ContributionRecordedV1, aContributionRecorded({ contribution }))).toEqual([]);
  });
});

describe('medical contracts', () => {
  const decided = (overrides: Parameters<typeof aMedicalBoardDecision>[0]) =>
    aMedicalAssessmentDecided({ decision: aMedicalBoardDecision(overrides) });

  test('when a provisional assessment has a later review date, then it is valid', () => {
    expect(issuesOf(MedicalAssessmentDecidedV1, decided({ kind: 'provisional', reviewDate: '2027-10-05' }))).toEqual(
      []
    );
  });

  test('when total disablement needs constant attendance, then it is valid (EI-CAA-001)', () => {
    const event = decided({ loecBasisPoints: 10_000, constantAttendanceNeeded: true });
    expect(issuesOf(MedicalAssessmentDecidedV1, event)).toEqual([]);
  });

  test.each([
    ['a provisional assessment has no review date', decided({ kind: 'provisional' }), 'decision.reviewDate'],
    ['a final assessment has a review date', decided({ reviewDate: '2027-10-05' }), 'decision.reviewDate'],
    [
      'the review date is not after the decision',
      decided({ kind: 'provisional', reviewDate: '2026-10-05' }),
      'decision.reviewDate',
    ],
    ['LOEC is above 100 %', decided({ loecBasisPoints: 10_001 }), 'decision.loecBasisPoints'],
    ['LOEC is a fraction of a basis point', decided({ loecBasisPoints: 1500.5 }), 'decision.loecBasisPoints'],
    [
      'constant attendance comes with partial disablement',
      decided({ constantAttendanceNeeded: true }),
      'decision.constantAttendanceNeeded',
    ],
    ['the claim id is malformed', decided({ claimId: 'claim-1' }), 'decision.claimId'],
  ])('when %s, then the error names %s', (_title, event, path) => {
    expect(pathsOf(MedicalAssessmentDecidedV1, event)).toEqual([path]);
  });

  test.each([
    ['a reassessment names no earlier assessment', { purpose: 'reassessment' }, 'previousAssessmentId'],
    ['an appeal goes to the first-instance board', { purpose: 'appeal', previousAssessmentId: 'MA-000001' }, 'board'],
    ['the reason is empty', { reason: '' }, 'reason'],
  ])('when %s, then the request error names %s', (_title, overrides, path) => {
    expect(pathsOf(MedicalAssessmentRequestedV1, aMedicalAssessmentRequested(overrides as never))).toEqual([path]);
  });
});

describe('payment contracts', () => {
  test('when a payment id is built, then it is <awardId>:<beneficiaryId>:<YYYY-MM>', () => {
    expect(paymentIdFor('AW-1', 'C-2026-000123-D1', '2026-10')).toBe('AW-1:C-2026-000123-D1:2026-10');
  });

  test('when an award id contains a colon, then no payment id can be built', () => {
    expect(() => paymentIdFor('AW:1', 'IP-0000012345', '2026-10')).toThrow();
  });

  const instruction = aPaymentInstruction();
  test.each([
    [
      'the payment id is not derived from award, beneficiary and month',
      { paymentId: 'AW-X:IP-0000012345:2026-10' },
      'paymentId',
    ],
    ['the payment id is random', { paymentId: 'b7c1f0c2' }, 'paymentId'],
    [
      'the amount is zero',
      { amountSen: 0, breakdown: [{ ...instruction.breakdown[0]!, amountSen: sen(0) }] },
      'amountSen',
    ],
    ['the amount is floating-point ringgit', { amountSen: 3186.0001 }, 'amountSen'],
    ['the lines do not sum to the amount', { amountSen: sen(318_601) }, 'breakdown'],
    ['a line lies outside the period', { period: { from: '2026-09-01', to: '2026-10-31' } }, 'breakdown[0].period'],
    ['a line cites no rule', { breakdown: [{ ...instruction.breakdown[0]!, ruleIds: [] }] }, 'breakdown[0].ruleIds'],
    [
      'a line cites a malformed rule id',
      { breakdown: [{ ...instruction.breakdown[0]!, ruleIds: ['tdb'] }] },
      'breakdown[0].ruleIds[0]',
    ],
    ['the payee has no bank account', { payee: { name: 'A', paidToGuardian: false } }, 'payee.bankAccount'],
    ['the benefit type is unknown', { benefitType: 'bonus' }, 'benefitType'],
  ])('when %s, then the instruction error names %s', (_title, overrides, path) => {
    expect(pathsOf(PaymentInstructionV1, { ...instruction, ...overrides })).toContain(path);
  });

  test('when a payment failed with a reason, then the result is valid', () => {
    const result = {
      ...aPaymentResult(),
      status: 'failed',
      reasonCode: 'ACCOUNT_CLOSED',
      reasonText: 'Account closed',
    };
    const { bankReference: _ref, ...withoutReference } = result;
    expect(issuesOf(PaymentResultV1, withoutReference)).toEqual([]);
  });

  test.each([
    ['a paid result has no bank reference', { bankReference: undefined }, 'bankReference'],
    ['a returned payment has no reason', { status: 'returned' }, 'reasonCode'],
    ['the reason code is lower case', { status: 'failed', reasonCode: 'closed', reasonText: 'x' }, 'reasonCode'],
    ['the status is unknown', { status: 'pending' }, 'status'],
  ])('when %s, then the result error names %s', (_title, overrides, path) => {
    expect(pathsOf(PaymentResultV1, { ...aPaymentResult(), ...overrides })).toContain(path);
  });

  test('when an awarded line has a fractional amount, then the error names line.amountSen', () => {
    const event = aBenefitAwarded({ line: { ...anAwardLine(), amountSen: 10.5 as never } });
    expect(pathsOf(BenefitAwardedV1, event)).toEqual(['line.amountSen']);
  });
});
