import fc from 'fast-check';
import type { SchemaName } from '../../../schemas/catalog';
import { SchemaCatalog, schemaNames } from '../../../schemas/catalog';
import { sen } from '../../../schemas/common/money';
import { ClaimSubmitted } from '../../../schemas/events/claim-submitted.v1';
import { PaymentInstructionV1 } from '../../../schemas/events/payment-instruction.v1';
import {
  aBenefitAwarded,
  aClaimant,
  aClaimLifecycleEvent,
  aCommutingAccidentClaim,
  aContributionRecorded,
  aDeathClaim,
  aMedicalAssessmentDecided,
  aMedicalAssessmentRequested,
  aNonEmploymentInjuryClaim,
  anEmployerUpserted,
  anInsuredPersonUpserted,
  anInvalidityClaim,
  anOccupationalDiseaseClaim,
  aPaymentInstruction,
  aPaymentResult,
  aPeriodicAwardEvent,
  aSyntheticIcNumber,
  aWorkAccidentClaim,
} from '../../support/builders';
import { viaJson } from './helpers';

/** One valid example per Kafka contract in the catalog; a new contract without one fails the first test. */
const examples: Partial<Record<SchemaName, () => unknown>> = {
  'claim-submitted': aDeathClaim,
  'claim-submitted.v1': aWorkAccidentClaim,
  'claim-lifecycle-event.v1': aClaimLifecycleEvent,
  'periodic-award-event.v1': aPeriodicAwardEvent,
  'insured-person-upserted.v1': anInsuredPersonUpserted,
  'employer-upserted.v1': anEmployerUpserted,
  'contribution-recorded.v1': aContributionRecorded,
  'medical-assessment-requested.v1': aMedicalAssessmentRequested,
  'medical-assessment-decided.v1': aMedicalAssessmentDecided,
  'payment-instruction.v1': aPaymentInstruction,
  'payment-result.v1': aPaymentResult,
  'benefit-awarded.v1': aBenefitAwarded,
};

const kafkaContracts = schemaNames().filter((name) => 'topic' in SchemaCatalog[name]);

describe('Kafka contracts', () => {
  test('when the catalog lists a Kafka contract, then this suite has an example of it', () => {
    expect(kafkaContracts.filter((name) => examples[name] === undefined)).toEqual([]);
  });

  test.each(kafkaContracts)('when a valid %s goes through JSON, then it parses equal to the original', (name) => {
    const value = examples[name]!();
    expect(SchemaCatalog[name].schema.parse(viaJson(value))).toEqual(value);
  });

  test.each(kafkaContracts)('when %s carries schemaVersion 2, then it is rejected', (name) => {
    const value = { ...(examples[name]!() as object), schemaVersion: 2 };
    expect(SchemaCatalog[name].schema.safeParse(viaJson(value)).success).toBe(false);
  });
});

describe('round-trip properties', () => {
  const claimVariants = [
    aWorkAccidentClaim,
    aCommutingAccidentClaim,
    anOccupationalDiseaseClaim,
    aNonEmploymentInjuryClaim,
    anInvalidityClaim,
    aDeathClaim,
  ];
  const isoDay = fc
    .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2008-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  test('when any builder-made claim goes through JSON, then it parses equal to the original', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: claimVariants.length - 1 }),
        fc.stringMatching(/^[A-Z][a-z]{1,20}( [A-Z][a-z]{1,20}){0,3}$/),
        isoDay,
        fc.constantFrom('male' as const, 'female' as const),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 1, max: 99_999_999 }),
        (variant, name, dateOfBirth, gender, serial, sequence) => {
          const icNumber = aSyntheticIcNumber(dateOfBirth, gender, String(serial).padStart(3, '0'));
          const claimant = aClaimant({ name, dateOfBirth, gender, identity: { type: 'mykad', icNumber } });
          const claimId = `C-2026-${String(sequence).padStart(6, '0')}`;
          const claim = claimVariants[variant]!({ claimId, claimant });
          expect(ClaimSubmitted.parse(viaJson(claim))).toEqual(claim);
        }
      )
    );
  });

  test('when a payment of any monthly arrears goes through JSON, then it parses equal and its lines sum', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 12 }), (amounts) => {
        const breakdown = amounts.map((amount, i) => {
          const month = `2026-${String(i + 1).padStart(2, '0')}`;
          return {
            period: { from: `${month}-01`, to: `${month}-28` },
            amountSen: sen(amount),
            ruleIds: ['EI-PDB-003'],
            description: `Instalment ${month}`,
          };
        });
        const total = sen(amounts.reduce((a, b) => a + b, 0));
        const payment = aPaymentInstruction({
          breakdown,
          amountSen: total,
          period: { from: '2026-01-01', to: `2026-${String(amounts.length).padStart(2, '0')}-28` },
        });
        expect(PaymentInstructionV1.parse(viaJson(payment))).toEqual(payment);
      })
    );
  });
});
