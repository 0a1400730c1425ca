import { ContributionRecorded, type ContributionRecordedV1 } from '../../../schemas/events/contribution-recorded.v1';
import { EmployerUpserted, type EmployerUpsertedV1 } from '../../../schemas/events/employer-upserted.v1';
import {
  InsuredPersonUpserted,
  type InsuredPersonUpsertedV1,
} from '../../../schemas/events/insured-person-upserted.v1';
import {
  aClaimant,
  aContact,
  aContributionRecord,
  aContributionRecorded,
  aForeignClaimant,
  anEmployer,
  anEmployerUpserted,
  anInsuredPerson,
  anInsuredPersonUpserted,
} from '../builders';
import { broken, type TopicCase } from './contracts';

/* The registry topics as the bad-message property test sees them (see contracts.ts). */

/** `registry.insured-persons`: local and foreign workers, with and without contact details. */
export function insuredPersonsCase(
  ids: (i: number) => string,
  maxValueBytes: number
): TopicCase<InsuredPersonUpsertedV1> {
  const id = (i: number) => `IP-${ids(i).slice(-10).padStart(10, '0')}`;
  const valid = [
    anInsuredPersonUpserted({ insuredPerson: anInsuredPerson({ insuredPersonId: id(0) }) }),
    anInsuredPersonUpserted({
      insuredPerson: anInsuredPerson({ insuredPersonId: id(1), workerType: 'foreign', personal: aForeignClaimant() }),
    }),
    anInsuredPersonUpserted({
      insuredPerson: anInsuredPerson({
        insuredPersonId: id(2),
        category: 'second',
        personal: aClaimant({ contact: aContact(), bankAccount: undefined }),
        nonEmploymentCover: {
          current: 'opted-out',
          history: [
            { status: 'covered', effectiveFrom: '2026-06-01', recordedAt: '2026-06-01T00:00:00+08:00' },
            { status: 'opted-out', effectiveFrom: '2026-08-01', recordedAt: '2026-07-20T00:00:00+08:00' },
          ],
        },
      }),
    }),
  ];
  const cover = (breakIt: (p: InsuredPersonUpsertedV1['insuredPerson']) => object) =>
    broken(valid, (e) => ({ ...e, insuredPerson: { ...e.insuredPerson, ...breakIt(e.insuredPerson) } }));
  return {
    valid,
    contract: {
      schema: InsuredPersonUpserted,
      samples: valid,
      keyOf: (e) => (e as InsuredPersonUpsertedV1).insuredPerson.insuredPersonId,
      checksKey: true,
      maxValueBytes,
      rules: {
        'rule:foreign-worker-opted-out': cover(() => ({
          workerType: 'foreign',
          nonEmploymentCover: {
            current: 'opted-out',
            history: [{ status: 'opted-out', effectiveFrom: '2026-06-01', recordedAt: '2026-06-01T00:00:00+08:00' }],
          },
        })),
        'rule:cover-current-not-latest': cover((p) => ({
          nonEmploymentCover: {
            ...p.nonEmploymentCover,
            current: p.nonEmploymentCover.history.at(-1)?.status === 'covered' ? 'opted-out' : 'covered',
          },
        })),
        'rule:cover-history-out-of-order': cover((p) => ({
          nonEmploymentCover: {
            ...p.nonEmploymentCover,
            history: [
              { status: 'covered', effectiveFrom: '2026-09-01', recordedAt: '2026-06-01T00:00:00+08:00' },
              ...p.nonEmploymentCover.history,
            ],
          },
        })),
        'rule:ic-not-matching-birth-date': cover((p) => ({
          personal: { ...p.personal, dateOfBirth: '1970-01-01', identity: { type: 'mykad', icNumber: '800101001231' } },
        })),
      },
    },
  };
}

/** `registry.employers`: active and closed employers. */
export function employersCase(ids: (i: number) => string, maxValueBytes: number): TopicCase<EmployerUpsertedV1> {
  const id = (i: number) => `E-${ids(i).slice(-10).padStart(10, '0')}`;
  const valid = [
    anEmployerUpserted({ employer: anEmployer({ employerId: id(0) }) }),
    anEmployerUpserted({ employer: anEmployer({ employerId: id(1), status: 'closed', name: 'Kedai Runcit Ah Kow' }) }),
    anEmployerUpserted({ employer: anEmployer({ employerId: id(2), registrationNumber: 'SA0123456-X' }) }),
  ];
  return {
    valid,
    contract: {
      schema: EmployerUpserted,
      samples: valid,
      keyOf: (e) => (e as EmployerUpsertedV1).employer.employerId,
      checksKey: true,
      maxValueBytes,
    },
  };
}

/** `registry.contributions`: paid and payable months of several schemes. */
export function contributionsCase(
  ids: (i: number) => string,
  maxValueBytes: number
): TopicCase<ContributionRecordedV1> {
  const person = (i: number) => `IP-${ids(i).slice(-10).padStart(10, '0')}`;
  const valid = [
    aContributionRecorded({ contribution: aContributionRecord({ insuredPersonId: person(0), month: '2026-04' }) }),
    aContributionRecorded({
      contribution: aContributionRecord({ insuredPersonId: person(0), month: '2026-05', scheme: 'INV' }),
    }),
    aContributionRecorded({
      contribution: aContributionRecord({
        insuredPersonId: person(1),
        month: '2026-06',
        scheme: 'NEI',
        payment: { status: 'payable' },
      }),
    }),
  ];
  return {
    valid,
    contract: {
      schema: ContributionRecorded,
      samples: valid,
      keyOf: (e) => (e as ContributionRecordedV1).contribution.insuredPersonId,
      checksKey: true,
      maxValueBytes,
      rules: {
        'rule:payable-with-paid-at': broken(valid, (e) => ({
          ...e,
          contribution: { ...e.contribution, payment: { status: 'payable', paidAt: '2026-07-10T09:00:00+08:00' } },
        })),
      },
    },
  };
}
