import { ClaimSubmitted, ClaimSubmittedV1 } from '../../../schemas/events/claim-submitted.v1';
import {
  aClaimant,
  aCommutingAccidentClaim,
  aDeathClaim,
  aDependant,
  aForeignClaimant,
  aMedicalCertificate,
  aNonEmploymentInjuryClaim,
  anAttachment,
  anIncident,
  anInvalidityClaim,
  anOccupationalDiseaseClaim,
  aSyntheticIcNumber,
  aWorkAccidentClaim,
} from '../../support/builders';
import { issuesOf, pathsOf, viaJson } from './helpers';

const validClaims = [
  ['a work accident', aWorkAccidentClaim()],
  ['a commuting accident', aCommutingAccidentClaim()],
  ['an occupational disease', anOccupationalDiseaseClaim()],
  ['a LINDUNG 24 Jam accident', aNonEmploymentInjuryClaim()],
  ['an invalidity claim', anInvalidityClaim()],
  ['a death claim', aDeathClaim()],
  ['a foreign worker identified by passport', aWorkAccidentClaim({ claimant: aForeignClaimant() })],
] as const;

describe('ClaimSubmittedV1 round trip', () => {
  test.each(validClaims)('when %s goes through JSON, then it parses equal to the original', (_title, claim) => {
    expect(ClaimSubmittedV1.parse(viaJson(claim))).toEqual(claim);
    expect(ClaimSubmitted.parse(viaJson(claim))).toEqual(claim);
  });
});

describe('ClaimSubmittedV1 field checks', () => {
  const claim = aWorkAccidentClaim();
  const withClaimant = (overrides: Parameters<typeof aClaimant>[0]) =>
    aWorkAccidentClaim({ claimant: aClaimant(overrides) });
  test.each([
    ['the claim id has no year', { ...claim, claimId: 'C-000123' }, 'claimId'],
    ['the event id is not a UUID', { ...claim, eventId: 'evt-1' }, 'eventId'],
    ['submittedAt has no offset', { ...claim, submittedAt: '2026-07-20 10:15' }, 'submittedAt'],
    ['the claim type is unknown', { ...claim, claimType: 'maternity' }, 'claimType'],
    ['the subtype is unknown', { ...claim, subtype: 'sports-injury' }, 'subtype'],
    ['an unknown field is sent', { ...claim, urgent: true }, 'urgent'],
    ['the insured person id is an IC number', { ...claim, insuredPersonId: '900115001232' }, 'insuredPersonId'],
    [
      'the IC number has 11 digits',
      withClaimant({ identity: { type: 'mykad', icNumber: '90011500123' } }),
      'claimant.identity.icNumber',
    ],
    [
      'the IC number has dashes',
      withClaimant({ identity: { type: 'mykad', icNumber: '900115-00-1232' } }),
      'claimant.identity.icNumber',
    ],
    [
      'the IC number starts with no date',
      withClaimant({ identity: { type: 'mykad', icNumber: '901340001232' } }),
      'claimant.identity.icNumber',
    ],
    [
      'the IC number does not match the date of birth',
      withClaimant({
        dateOfBirth: '1991-01-15',
        identity: { type: 'mykad', icNumber: aSyntheticIcNumber('1990-01-15', 'female') },
      }),
      'claimant.identity.icNumber',
    ],
    [
      'the IC gender digit contradicts the gender',
      withClaimant({
        gender: 'male',
        identity: { type: 'mykad', icNumber: aSyntheticIcNumber('1990-01-15', 'female') },
      }),
      'claimant.identity.icNumber',
    ],
    ['the date of birth is not a date', withClaimant({ dateOfBirth: '15/01/1990' }), 'claimant.dateOfBirth'],
    ['the nationality is a name', withClaimant({ nationality: 'Malaysian' }), 'claimant.nationality'],
    [
      'the bank account number has letters',
      withClaimant({ bankAccount: { bankCode: 'MBBEMYKL', accountNumber: '1234-ABC', accountHolderName: 'A' } }),
      'claimant.bankAccount.accountNumber',
    ],
    [
      'the phone number is not E.164',
      withClaimant({ contact: { ...aClaimant().contact!, phone: '012-3456789' } }),
      'claimant.contact.phone',
    ],
    [
      'a Malaysian address has no state',
      withClaimant({
        contact: {
          phone: '+60001234567',
          address: { lines: ['1 Jalan'], postcode: '46000', city: 'PJ', countryCode: 'MY' },
        },
      }),
      'claimant.contact.address.state',
    ],
    [
      'an attachment hash is not SHA-256',
      { ...claim, attachments: [anAttachment({ sha256: 'abc' })] },
      'attachments[0].sha256',
    ],
    [
      'an attachment kind is unknown',
      { ...claim, attachments: [{ ...anAttachment(), kind: 'selfie' }] },
      'attachments[0].kind',
    ],
    [
      'an attachment name is a path',
      { ...claim, attachments: [anAttachment({ fileName: '../x.pdf' })] },
      'attachments[0].fileName',
    ],
    [
      'an MC ends before it starts',
      { ...claim, medicalCertificates: [aMedicalCertificate({ from: '2026-07-20', to: '2026-07-15' })] },
      'medicalCertificates[0].to',
    ],
    [
      'an MC has more days worked than days',
      { ...claim, medicalCertificates: [aMedicalCertificate({ daysWorkedForWages: 11 })] },
      'medicalCertificates[0].daysWorkedForWages',
    ],
    [
      'an unknown field is inside the incident',
      { ...claim, incident: { ...anIncident(), weather: 'rain' } },
      'incident.weather',
    ],
    [
      'the place says Malaysia but the country is Thailand',
      { ...claim, incident: anIncident({ place: { countryCode: 'TH', inMalaysia: true, description: 'Hatyai' } }) },
      'incident.place.inMalaysia',
    ],
    [
      'a place in Malaysia has no state',
      { ...claim, incident: anIncident({ place: { countryCode: 'MY', inMalaysia: true, description: 'Depot' } }) },
      'incident.place.state',
    ],
  ])('when %s, then the error names %s', (_title, value, path) => {
    expect(pathsOf(ClaimSubmittedV1, value)).toContain(path);
  });

  test('when the schema version is 2, then the versioned union names schemaVersion', () => {
    expect(pathsOf(ClaimSubmitted, { ...claim, schemaVersion: 2 })).toEqual(['schemaVersion']);
  });

  test('when a field is wrong, then the message line starts with its path', () => {
    const lines = issuesOf(ClaimSubmittedV1, withClaimant({ identity: { type: 'mykad', icNumber: '123' } }));
    expect(lines).toEqual([expect.stringMatching(/^claimant\.identity\.icNumber: expected 12 digits/)]);
  });
});

describe('ClaimSubmittedV1 cross-field rules', () => {
  test('when a commuting accident has no police report, then policeReportRef is required', () => {
    const claim = aCommutingAccidentClaim();
    const { policeReportRef: _ref, ...incident } = claim.incident;
    expect(pathsOf(ClaimSubmittedV1, { ...claim, incident })).toEqual(['incident.policeReportRef']);
  });

  test('when a work accident is said to happen while commuting, then circumstance is rejected', () => {
    const claim = aWorkAccidentClaim({
      incident: anIncident({ circumstance: 'commuting', policeReportRef: 'IPD/1/26' }),
    });
    expect(pathsOf(ClaimSubmittedV1, claim)).toEqual(['incident.circumstance']);
  });

  test('when an occupational disease has an accident time and no onset date, then both are named', () => {
    const claim = aWorkAccidentClaim({ subtype: 'occupational-disease' });
    expect(pathsOf(ClaimSubmittedV1, claim)).toEqual(['incident.onsetDate', 'incident.occurredAt']);
  });

  test('when a LINDUNG 24 Jam claim describes a disease, then an accident time is required', () => {
    const { occurredAt: _at, ...incident } = anIncident({
      onsetDate: '2026-07-01',
      circumstance: 'outside-working-hours',
    });
    const claim = aNonEmploymentInjuryClaim({ incident });
    expect(pathsOf(ClaimSubmittedV1, claim)).toEqual(['incident.occurredAt', 'incident.onsetDate']);
  });

  test('when a LINDUNG 24 Jam accident happened at work, then circumstance is rejected', () => {
    const claim = aNonEmploymentInjuryClaim({ incident: anIncident({ circumstance: 'at-work' }) });
    expect(pathsOf(ClaimSubmittedV1, claim)).toEqual(['incident.circumstance']);
  });

  test('when a LINDUNG 24 Jam accident happened abroad, then it is still a valid submission (refusal is NEI-EXC-001)', () => {
    const incident = {
      ...aNonEmploymentInjuryClaim().incident,
      place: { countryCode: 'TH', inMalaysia: false, description: 'Hatyai' },
    };
    expect(issuesOf(ClaimSubmittedV1, aNonEmploymentInjuryClaim({ incident }))).toEqual([]);
  });

  test('when the accident is after submission, then occurredAt is rejected', () => {
    const claim = aWorkAccidentClaim({
      incident: anIncident({
        occurredAt: '2026-07-21T08:00:00+08:00',
        employerNotification: { notified: false },
      }),
    });
    expect(pathsOf(ClaimSubmittedV1, claim)).toEqual(['incident.occurredAt']);
  });

  test('when the employer was told before the accident, then reportedAt is rejected', () => {
    const incident = anIncident({ employerNotification: { notified: true, reportedAt: '2026-07-15T08:00:00+08:00' } });
    expect(pathsOf(ClaimSubmittedV1, aWorkAccidentClaim({ incident }))).toEqual([
      'incident.employerNotification.reportedAt',
    ]);
  });

  test('when the employer was notified but no time is given, then reportedAt is required', () => {
    const incident = { ...anIncident(), employerNotification: { notified: true } };
    expect(pathsOf(ClaimSubmittedV1, aWorkAccidentClaim({ incident: incident as never }))).toEqual([
      'incident.employerNotification.reportedAt',
    ]);
  });

  test("when an injury claim is filed by the insured person's spouse, then claimantRelationship is rejected", () => {
    expect(pathsOf(ClaimSubmittedV1, aWorkAccidentClaim({ claimantRelationship: 'spouse' }))).toEqual([
      'claimantRelationship',
    ]);
  });

  test('when the claimant was born after the submission, then dateOfBirth is rejected', () => {
    const claimant = aClaimant({ dateOfBirth: '2026-08-01' });
    expect(pathsOf(ClaimSubmittedV1, aWorkAccidentClaim({ claimant }))).toEqual(['claimant.dateOfBirth']);
  });

  test('when the invalidity condition began after the notice, then conditionStartedOn is rejected', () => {
    const claim = anInvalidityClaim();
    const invalidity = { ...claim.invalidity, conditionStartedOn: '2026-07-19' };
    expect(pathsOf(ClaimSubmittedV1, { ...claim, invalidity })).toEqual(['invalidity.conditionStartedOn']);
  });

  describe('death claims', () => {
    test('when the date of death is missing, then death.dateOfDeath is named', () => {
      const claim = aDeathClaim();
      const { dateOfDeath: _d, ...death } = claim.death;
      expect(pathsOf(ClaimSubmittedV1, { ...claim, death })).toEqual(['death.dateOfDeath']);
    });

    test('when no dependant is listed and noDependants is not set, then dependants is named', () => {
      expect(pathsOf(ClaimSubmittedV1, aDeathClaim({ dependants: [] }))).toEqual(['dependants']);
    });

    test('when no dependant is listed and noDependants is true, then the claim is valid', () => {
      expect(issuesOf(ClaimSubmittedV1, aDeathClaim({ dependants: [], noDependants: true }))).toEqual([]);
    });

    test('when dependants are listed and noDependants is true, then noDependants is named', () => {
      expect(pathsOf(ClaimSubmittedV1, aDeathClaim({ noDependants: true }))).toEqual(['noDependants']);
    });

    test('when a death from an injury has no incident, then incident is required', () => {
      expect(pathsOf(ClaimSubmittedV1, aDeathClaim({ incident: undefined }))).toEqual(['incident']);
    });

    test('when a death from an employment injury has no subtype, then death.injurySubtype is required', () => {
      const death = { dateOfDeath: '2026-07-16', cause: 'employment-injury' as const };
      expect(pathsOf(ClaimSubmittedV1, aDeathClaim({ death }))).toEqual(['death.injurySubtype']);
    });

    test('when a death from other causes has no incident or employer, then the claim is valid', () => {
      const claim = aDeathClaim({ death: { dateOfDeath: '2026-07-16', cause: 'other' }, incident: undefined });
      const { employerId: _e, ...withoutEmployer } = claim;
      expect(issuesOf(ClaimSubmittedV1, withoutEmployer)).toEqual([]);
    });

    test('when the death is before the accident, then death.dateOfDeath is rejected', () => {
      const death = {
        dateOfDeath: '2026-07-14',
        cause: 'employment-injury' as const,
        injurySubtype: 'work-accident' as const,
      };
      expect(pathsOf(ClaimSubmittedV1, aDeathClaim({ death }))).toEqual(['death.dateOfDeath']);
    });

    test('when the insured person is the claimant, then claimantRelationship is rejected', () => {
      expect(pathsOf(ClaimSubmittedV1, aDeathClaim({ claimantRelationship: 'self' }))).toEqual([
        'claimantRelationship',
      ]);
    });

    test('when two dependants share an id, then the second id is named', () => {
      const dependants = [aDependant(), aDependant({ relationship: 'child', married: false })];
      expect(pathsOf(ClaimSubmittedV1, aDeathClaim({ dependants }))).toEqual(['dependants[1].dependantId']);
    });

    test('when a child is marked remarried, then remarried is rejected', () => {
      const dependants = [aDependant({ dependantId: 'D2', relationship: 'child', remarried: true })];
      expect(pathsOf(ClaimSubmittedV1, aDeathClaim({ dependants }))).toEqual(['dependants[0].remarried']);
    });

    test("when a dependant's IC does not match their birth date, then the dependant's personal data is named", () => {
      const personal = { ...aClaimant(), dateOfBirth: '2000-01-01' };
      expect(pathsOf(ClaimSubmittedV1, aDeathClaim({ dependants: [aDependant({ personal })] }))).toEqual([
        'dependants[0].personal.identity.icNumber',
      ]);
    });
  });
});
