import { ApproveAward, ProvideInformation, WithdrawClaim } from '../../../schemas/claim/operator-inputs';
import { ClaimStatus } from '../../../schemas/claim/status';
import { ClaimLifecycleEventV1 } from '../../../schemas/events/claim-lifecycle-event.v1';
import { FailureType } from '../../../schemas/failures';
import { Topics } from '../../../schemas/topics';
import { aClaimLifecycleEvent, aClaimStatus, anAttachment } from '../../support/builders';
import { issuesOf, pathsOf } from './helpers';

describe('ClaimLifecycleEventV1', () => {
  test.each([
    ['details carry an IC number', { details: { icNumber: '900115001232' } }, 'details.icNumber'],
    ['details carry a name in another case', { details: { Name: 'Aminah' } }, 'details.Name'],
    ['details nest a claimant object', { details: { claimant: { name: 'Aminah' } } }, 'details.claimant'],
    ['details nest a list', { details: { awardIds: ['AW-1'] } }, 'details.awardIds'],
    ['the stage does not follow from the event type', { type: 'claim-rejected' }, 'stage'],
    ['claim-received is not the first event', { type: 'claim-received', stage: 'received', sequence: 3 }, 'sequence'],
    ['the sequence starts at zero', { sequence: 0 }, 'sequence'],
    ['the reason is empty', { reason: '  ' }, 'reason'],
    ['the event type is unknown', { type: 'claim-archived' }, 'type'],
  ])('when %s, then the error names %s', (_title, overrides, path) => {
    expect(pathsOf(ClaimLifecycleEventV1, { ...aClaimLifecycleEvent(), ...overrides })).toContain(path);
  });

  test('when an award is approved and the claim is awarded, then the event is valid', () => {
    const event = aClaimLifecycleEvent({
      type: 'award-approved',
      stage: 'awarded',
      details: { awardId: 'AW-C-2026-000123-PDB', approvedBy: 'officer.aminah' },
    });
    expect(issuesOf(ClaimLifecycleEventV1, event)).toEqual([]);
  });
});

describe('ClaimStatus and operator inputs', () => {
  test('when a status carries a lower-case flag, then the flag is named', () => {
    expect(pathsOf(ClaimStatus, aClaimStatus({ flags: ['late'] }))).toEqual(['flags[0]']);
  });

  test('when a status is valid, then it parses', () => {
    expect(issuesOf(ClaimStatus, aClaimStatus())).toEqual([]);
  });

  const provided = {
    actorId: 'officer.aminah',
    reason: 'Attendance record received at the counter.',
    providedAt: '2026-07-22T10:00:00+08:00',
    attachments: [anAttachment({ kind: 'attendance-record', fileName: 'kehadiran.pdf' })],
    medicalCertificates: [],
  };

  test('when information is provided with an attachment, then it is valid', () => {
    expect(issuesOf(ProvideInformation, provided)).toEqual([]);
  });

  test.each([
    ['nothing is provided', 'attachments', ProvideInformation, { ...provided, attachments: [] }],
    ['the actor is an e-mail address', 'actorId', ProvideInformation, { ...provided, actorId: 'Aminah@x.my' }],
    ['a withdrawal has no reason', 'reason', WithdrawClaim, { actorId: 'officer.a', requestedBy: 'claimant' }],
    [
      'the requester is unknown',
      'requestedBy',
      WithdrawClaim,
      { actorId: 'officer.a', reason: 'Asked', requestedBy: 'x' },
    ],
    ['the award id has a colon', 'awardId', ApproveAward, { actorId: 'officer.a', awardId: 'AW:1', reason: 'Checked' }],
  ] as const)('when %s, then the error names %s', (_title, path, schema, value) => {
    expect(pathsOf(schema, value)).toEqual([path]);
  });
});

describe('FailureType and Topics', () => {
  test('when a failure type is thrown, then its wire name equals its key', () => {
    for (const [key, value] of Object.entries(FailureType)) expect(value).toBe(key);
  });

  test('when topics are listed, then every name is unique and dot-separated', () => {
    const names = Object.values(Topics);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^[a-z-]+(\.[a-z-]+)+$/);
  });
});
