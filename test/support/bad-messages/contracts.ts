import fc from 'fast-check';
import { ClaimSubmitted, type EmploymentInjuryClaimV1 } from '../../../schemas/events/claim-submitted.v1';
import {
  MedicalAssessmentDecided,
  type MedicalAssessmentDecidedV1,
} from '../../../schemas/events/medical-assessment-decided.v1';
import { PaymentInstruction, type PaymentInstructionV1 } from '../../../schemas/events/payment-instruction.v1';
import { PaymentResult, type PaymentResultV1 } from '../../../schemas/events/payment-result.v1';
import { sen } from '../../../schemas/common/money';
import { invalidClaim, type InvalidKind } from '../../../workers/demo/bad-messages';
import type { GeneratedMessage, TopicContract } from './types';
import {
  aBankAccount,
  aCommutingAccidentClaim,
  aDeathClaim,
  aForeignClaimant,
  aMedicalAssessmentDecided,
  aMedicalBoardDecision,
  aNonEmploymentInjuryClaim,
  anEventId,
  anInvalidityClaim,
  anOccupationalDiseaseClaim,
  aPaymentInstruction,
  aPaymentResult,
  aWorkAccidentClaim,
} from '../builders';

/*
 * The consumed topics of the platform as the bad-message property test sees them: valid messages built like the
 * other tests build them (unique ids per run), the key and headers a producer gives them, and each schema's
 * cross-field rules as ways to break a valid message.
 */

/** A consumed topic's valid messages and the contract its bad messages are generated from. */
export interface TopicCase<T> {
  valid: T[];
  contract: TopicContract;
}

/** Samples broken one way each (on a copy). */
export const broken = <T>(samples: readonly T[], breakIt: (sample: T) => unknown) =>
  fc.constantFrom(...samples).map((s) => breakIt(structuredClone(s)));

/** `claims.submitted`: one claim of each kind; the demo's schema-invalid claims are its rules. */
export function claimsCase(ids: (i: number) => string, maxValueBytes: number): TopicCase<ClaimSubmitted> {
  const builders = [
    aWorkAccidentClaim,
    aCommutingAccidentClaim,
    anOccupationalDiseaseClaim,
    aNonEmploymentInjuryClaim,
    anInvalidityClaim,
    aDeathClaim,
  ] as const;
  const valid: ClaimSubmitted[] = builders.map((build, i) =>
    build({ claimId: `C-2026-${ids(i)}`, eventId: anEventId() } as never)
  );
  valid.push(aWorkAccidentClaim({ claimId: `C-2026-${ids(6)}`, eventId: anEventId(), claimant: aForeignClaimant() }));
  const accidents = valid.filter((c): c is EmploymentInjuryClaimV1 => c.claimType === 'employment-injury');
  const demo = (kind: InvalidKind) => broken(accidents, (c) => JSON.parse(invalidClaim(c, kind).value) as unknown);
  const deaths = valid.filter((c) => c.claimType === 'death');
  return {
    valid,
    contract: {
      schema: ClaimSubmitted,
      samples: valid,
      keyOf: (c) => (c as ClaimSubmitted).claimId,
      checksKey: true,
      maxValueBytes,
      rules: {
        'rule:missing-police-report': demo('missing-police-report'),
        'rule:ic-date-mismatch': demo('ic-date-mismatch'),
        'rule:accident-after-submission': demo('accident-after-submission'),
        'rule:mc-ends-before-start': demo('mc-ends-before-start'),
        'rule:attachment-hash-not-sha256': demo('bad-attachment-hash'),
        'rule:death-claimed-by-self': broken(deaths, (c) => ({ ...c, claimantRelationship: 'self' })),
        'rule:dependants-and-no-dependants': broken(deaths, (c) => ({ ...c, noDependants: true })),
        'rule:dependant-listed-twice': broken(deaths, (c) => ({
          ...c,
          dependants: [c.dependants[0], c.dependants[0]],
        })),
        'rule:invalidity-notice-after-submission': broken(
          valid.filter((c) => c.claimType === 'invalidity'),
          (c) => ({ ...c, invalidity: { ...c.invalidity, noticeReceivedOn: '2027-01-04' } })
        ),
      },
    },
  };
}

/** `medical.assessments`: final, provisional (with a review date), with remarks, and constant attendance. */
export function medicalCase(ids: (i: number) => string, maxValueBytes: number): TopicCase<MedicalAssessmentDecidedV1> {
  const decision = (i: number, overrides: Parameters<typeof aMedicalBoardDecision>[0]) =>
    aMedicalAssessmentDecided({
      decision: aMedicalBoardDecision({ claimId: `C-2026-${ids(i)}`, assessmentId: `MA-${ids(i)}`, ...overrides }),
    });
  const valid = [
    decision(0, {}),
    decision(1, { kind: 'provisional', reviewDate: '2027-10-05', remarks: 'Review after physiotherapy.' }),
    decision(2, { loecBasisPoints: 10_000, constantAttendanceNeeded: true, board: 'special-medical-board' }),
    decision(3, { loecBasisPoints: 2_500, invalidityCertified: true, constantAttendanceNeeded: true }),
    decision(4, { loecBasisPoints: 1_250, board: 'appellate-medical-board', remarks: 'Appeal allowed in part.' }),
  ];
  const rule = (breakIt: (d: MedicalAssessmentDecidedV1['decision']) => object) =>
    broken(valid, (m) => ({ ...m, decision: { ...m.decision, ...breakIt(m.decision) } }));
  return {
    valid,
    contract: {
      schema: MedicalAssessmentDecided,
      samples: valid,
      keyOf: (m) => (m as MedicalAssessmentDecidedV1).decision.claimId,
      checksKey: true,
      maxValueBytes,
      rules: {
        'rule:provisional-without-review-date': rule(() => ({ kind: 'provisional', reviewDate: undefined })),
        'rule:final-with-review-date': rule(() => ({ kind: 'final', reviewDate: '2030-01-01' })),
        'rule:review-not-after-decision': rule((d) => ({ kind: 'provisional', reviewDate: d.decidedAt.slice(0, 10) })),
        'rule:attendance-without-total-loec': rule(() => ({
          loecBasisPoints: 5_000,
          invalidityCertified: false,
          constantAttendanceNeeded: true,
        })),
      },
    },
  };
}

/** `payments.results`: paid (with and without an amount), failed and returned. */
export function paymentResultsCase(ids: (i: number) => string, maxValueBytes: number): TopicCase<PaymentResultV1> {
  const paymentId = (i: number) => `AW-BM-${ids(i)}:IP-0000012345:2026-10`;
  const unpaid = { reasonCode: 'ACCOUNT_CLOSED', reasonText: 'Beneficiary account is closed' };
  const valid: PaymentResultV1[] = [
    aPaymentResult({ paymentId: paymentId(0) }),
    aPaymentResult({ paymentId: paymentId(1), amountSen: sen(318_600) }),
    aPaymentResult({ paymentId: paymentId(2), status: 'failed', ...unpaid, reasonCode: 'BANK_TIMEOUT' } as never),
    aPaymentResult({ paymentId: paymentId(3), status: 'returned', ...unpaid, amountSen: sen(1_000) } as never),
    aPaymentResult({ paymentId: paymentId(4), status: 'returned', ...unpaid, bankReference: 'MBB-RET-1' } as never),
  ];
  return {
    valid,
    contract: {
      schema: PaymentResult,
      samples: valid,
      keyOf: (r) => (r as PaymentResultV1).paymentId,
      checksKey: true,
      maxValueBytes,
      rules: {
        'rule:paid-with-a-reason': broken(
          valid.filter((r) => r.status === 'paid'),
          (r) => ({ ...r, ...unpaid })
        ),
        'rule:failed-without-a-reason': broken(
          valid.filter((r) => r.status !== 'paid'),
          (r) => ({ ...r, status: 'failed', reasonCode: undefined, reasonText: undefined, bankReference: 'X1' })
        ),
      },
    },
  };
}

/** `payments.instructions` (the simulated bank): instructions to distinct accounts, keyed by claimId. */
export function instructionsCase(ids: (i: number) => string, maxValueBytes: number): TopicCase<PaymentInstructionV1> {
  const valid = Array.from({ length: 6 }, (_, i) =>
    aPaymentInstruction({
      awardId: `AW-BM-${ids(i)}`,
      claimId: `C-2026-${ids(i)}`,
      payee: {
        name: 'Aminah binti Test',
        bankAccount: aBankAccount({ accountNumber: `000${ids(i)}` }),
        paidToGuardian: i % 2 === 1,
      },
    })
  );
  const keyOf = (p: unknown) => (p as PaymentInstructionV1).claimId;
  const headersOf = (p: unknown) => ({ 'payment-id': (p as PaymentInstructionV1).paymentId });
  const headerMismatch: fc.Arbitrary<GeneratedMessage> = fc.constantFrom(...valid).map((p) => ({
    kind: 'payment-id-header-mismatch',
    key: Buffer.from(p.claimId),
    value: Buffer.from(JSON.stringify(p)),
    headers: { 'payment-id': `${p.awardId}:${p.beneficiaryId}:2031-01` },
  }));
  return {
    valid,
    contract: {
      schema: PaymentInstruction,
      samples: valid,
      keyOf,
      headersOf,
      checksKey: true,
      maxValueBytes,
      extraKinds: { 'payment-id-header-mismatch': headerMismatch },
      rules: {
        'rule:breakdown-does-not-sum': broken(valid, (p) => ({ ...p, amountSen: p.amountSen + 1 })),
        'rule:payment-id-not-composite': broken(valid, (p) => ({ ...p, paymentId: `${p.awardId}:OTHER:${p.month}` })),
        'rule:zero-amount': broken(valid, (p) => ({
          ...p,
          amountSen: 0,
          breakdown: p.breakdown.map((l) => ({ ...l, amountSen: 0 })),
        })),
        'rule:breakdown-outside-period': broken(valid, (p) => ({
          ...p,
          breakdown: p.breakdown.map((l, i) => (i === 0 ? { ...l, period: { ...l.period, from: '2025-01-01' } } : l)),
        })),
      },
    },
  };
}
