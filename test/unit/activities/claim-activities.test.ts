import { MockActivityEnvironment } from '@temporalio/testing';
import { createClaimActivities, type StoredAward } from '../../../activities/claims';
import { deterministicEventId } from '../../../activities/claims/event-ids';
import { EventId } from '../../../schemas/claim/ids';
import { PaymentInstructionV1 } from '../../../schemas/events/payment-instruction.v1';
import { ClaimLifecycleEventV1 } from '../../../schemas/events/claim-lifecycle-event.v1';
import {
  aBankAccount,
  aCommutingAccidentClaim,
  aContributionRecord,
  anAwardLine,
  anEmployer,
  anIncident,
  anInsuredPerson,
  aNonEmploymentInjuryClaim,
  anInvalidityClaim,
  aMedicalBoardDecision,
  aWorkAccidentClaim,
  CLAIM_ID,
  INSURED_PERSON_ID,
} from '../../support/builders';
import { sen } from '../../../schemas/common/money';
import { inMemoryPorts } from './in-memory-ports';

const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const seed = () => ({
  persons: [anInsuredPerson()],
  employers: [anEmployer()],
  contributions: months.flatMap((month) => [
    aContributionRecord({ month }),
    aContributionRecord({ month, scheme: 'NEI', actualWageSen: sen(300_000), contributionSen: sen(375) }),
  ]),
});

/** The first lifecycle event of the claim. */
const claimReceived = {
  claimId: CLAIM_ID,
  sequence: 1,
  type: 'claim-received' as const,
  stage: 'received' as const,
  reason: 'The claim was received at intake.',
  details: {},
  occurredAt: '2026-07-20T02:15:00.000Z',
};

function setup() {
  const ports = inMemoryPorts(seed());
  const acts = createClaimActivities(ports);
  const env = new MockActivityEnvironment();
  return {
    ports,
    acts,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    run: <F extends (...a: any[]) => Promise<unknown>>(fn: F, ...args: Parameters<F>) =>
      env.run(fn, ...args) as ReturnType<F>,
  };
}

const lumpSum = anAwardLine({
  lineId: 'PDB-1',
  kind: 'lump-sum',
  amountSen: sen(800_000),
  amountBasis: 'lump-sum',
  period: { from: '2026-07-25', to: '2026-07-25' },
});
const paymentInput = {
  claimId: CLAIM_ID,
  awardId: `${CLAIM_ID}-AWD-1`,
  beneficiaryId: INSURED_PERSON_ID,
  month: '2026-10',
  line: lumpSum,
  payee: { name: 'Aminah binti Test', bankAccount: aBankAccount(), paidToGuardian: false },
  issuedAt: '2026-10-06T01:00:00.000Z',
};

describe('claim activities with in-memory ports', () => {
  it('when the same payment is issued twice, then the ledger returns the first and Kafka sees one instruction', async () => {
    const { ports, acts, run } = setup();
    const first = await run(acts.issuePayment, paymentInput);
    const second = await run(acts.issuePayment, { ...paymentInput, issuedAt: '2026-10-07T01:00:00.000Z' });
    expect(first).toEqual({
      paymentId: `${CLAIM_ID}-AWD-1:${INSURED_PERSON_ID}:2026-10`,
      amountSen: 800_000,
      status: 'issued',
    });
    expect(second).toEqual({ ...first, status: 'already-issued' });
    expect(ports.published).toHaveLength(1);
    const sent = ports.published[0];
    expect(sent).toMatchObject({
      topic: 'payments.instructions',
      key: CLAIM_ID,
      headers: { 'payment-id': first.paymentId },
    });
    expect(PaymentInstructionV1.parse(JSON.parse(sent?.value ?? '{}')).issuedAt).toBe(paymentInput.issuedAt);
  });

  it('when two paid-now lines of one award go to one person in one month, then each has its own payment id and both are paid', async () => {
    const { ports, acts, run } = setup();
    const tdb = anAwardLine({
      lineId: 'TDB-1',
      benefitType: 'temporary-disablement',
      amountSen: sen(123_400),
      amountBasis: 'period-total',
      period: { from: '2026-07-15', to: '2026-08-15' },
    });
    const a = await run(acts.issuePayment, { ...paymentInput, line: tdb, lineId: 'TDB-1' });
    const b = await run(acts.issuePayment, { ...paymentInput, lineId: 'PDB-1' });
    expect([a.paymentId, b.paymentId]).toEqual([
      `${CLAIM_ID}-AWD-1.TDB-1:${INSURED_PERSON_ID}:2026-10`,
      `${CLAIM_ID}-AWD-1.PDB-1:${INSURED_PERSON_ID}:2026-10`,
    ]);
    expect([a.status, b.status, a.amountSen, b.amountSen]).toEqual(['issued', 'issued', 123_400, 800_000]);
    expect(ports.published).toHaveLength(2);
    const sent = ports.published.map((m) => PaymentInstructionV1.parse(JSON.parse(m.value)));
    expect(sent.map((i) => i.awardId)).toEqual([`${CLAIM_ID}-AWD-1.TDB-1`, `${CLAIM_ID}-AWD-1.PDB-1`]);
  });

  it('when a different payment arrives under a payment id already in the ledger, then it is refused, not dropped', async () => {
    const { ports, acts, run } = setup();
    await run(acts.issuePayment, paymentInput);
    const other = { ...lumpSum, lineId: 'FUN-1', benefitType: 'funeral' as const, amountSen: sen(200_000) };
    // Claims from before the per-line ids: a second line for the same person and month collides.
    await expect(run(acts.issuePayment, { ...paymentInput, line: other })).rejects.toMatchObject({
      type: 'InvalidState',
      nonRetryable: true,
    });
    expect(ports.published).toHaveLength(1);
  });

  it('when a publish failed after the ledger write, then the retry publishes the same instruction once', async () => {
    const { ports, acts, run } = setup();
    const publish = ports.events.publish;
    ports.events.publish = jest.fn().mockRejectedValueOnce(new Error('broker down')).mockImplementation(publish);
    await expect(run(acts.issuePayment, paymentInput)).rejects.toThrow('broker down');
    const retried = await run(acts.issuePayment, paymentInput);
    expect(retried.status).toBe('issued');
    expect(ports.published).toHaveLength(1);
  });

  it('when a lifecycle event is published twice, then both copies carry the same derived UUID', async () => {
    const { ports, acts, run } = setup();
    const input = claimReceived;
    const a = await run(acts.publishLifecycleEvent, input);
    const b = await run(acts.publishLifecycleEvent, input);
    expect(a).toBe(b);
    expect(EventId.safeParse(a).success).toBe(true);
    expect(a).toBe(deterministicEventId(`claims.events:${CLAIM_ID}:1`));
    expect(ClaimLifecycleEventV1.parse(JSON.parse(ports.published[0]?.value ?? '{}')).sequence).toBe(1);
  });

  it('when storing the stage fails, then nothing is published until the retry stores it and publishes once', async () => {
    const ports = inMemoryPorts(seed());
    const updateStage = ports.claims.updateStage.bind(ports.claims);
    let calls = 0;
    ports.claims.updateStage = async (...args) => {
      calls += 1;
      if (calls === 1) throw new Error('FerretDB: operation timed out');
      return updateStage(...args);
    };
    const acts = createClaimActivities(ports);
    const env = new MockActivityEnvironment();
    const input = claimReceived;
    await expect(env.run(acts.publishLifecycleEvent, input)).rejects.toThrow('timed out');
    expect(ports.published).toHaveLength(0);
    await env.run(acts.publishLifecycleEvent, input);
    expect(ports.published).toHaveLength(1);
  });

  it('when a work-accident claim is complete and covered, then verification continues', async () => {
    const { acts, run } = setup();
    const result = await run(acts.verifyClaim, { claim: aWorkAccidentClaim() });
    expect(result).toMatchObject({ outcome: 'continue', code: 'VERIFIED', claimClass: 'EI' });
  });

  it('when a LINDUNG accident happened abroad, then verification refuses it with the rule in words', async () => {
    const { acts, run } = setup();
    const incident = anIncident({
      occurredAt: '2026-07-12T16:00:00+08:00',
      circumstance: 'outside-working-hours',
      place: { countryCode: 'TH', inMalaysia: false, description: 'Hat Yai' },
      employerNotification: { notified: true, reportedAt: '2026-07-13T09:00:00+08:00' },
    });
    const result = await run(acts.verifyClaim, { claim: aNonEmploymentInjuryClaim({ incident }) });
    expect(result).toMatchObject({ outcome: 'reject', code: 'NEI_OUTSIDE_MALAYSIA' });
    expect(result.reason).toMatch(/outside Malaysia/);
  });

  it('when a commuting claim lacks the police report attachment, then verification asks for it', async () => {
    const { acts, run } = setup();
    const result = await run(acts.verifyClaim, { claim: aCommutingAccidentClaim() });
    expect(result).toMatchObject({ outcome: 'request-information', missing: ['police-report'] });
  });

  it('when the insured person is not registered and the claim names no registered employer, then verification refuses it (EI-COV-003)', async () => {
    const { acts, run } = setup();
    const claim = aWorkAccidentClaim({ insuredPersonId: 'IP-0000099999', employerId: 'E-0000099999' });
    const result = await run(acts.verifyClaim, { claim });
    expect(result).toMatchObject({ outcome: 'reject', code: 'NOT_REGISTERED' });
    expect(result.reason).toMatch(/EI-COV-003/);
  });

  it('when an unknown insured person works for a registered employer, then the claim goes on to officer review, never refused (EI-COV-005)', async () => {
    const { acts, run } = setup();
    const claim = aWorkAccidentClaim({ insuredPersonId: 'IP-0000099999' });
    const result = await run(acts.verifyClaim, { claim });
    expect(result).toMatchObject({ outcome: 'continue', code: 'EMPLOYER_DEFAULT' });
    expect(result.flags).toEqual(expect.arrayContaining(['EMPLOYER_DEFAULT', 'INSURED_PERSON_NOT_REGISTERED']));
    expect(result.checks).toEqual([expect.objectContaining({ outcome: 'officer-review', ruleIds: ['EI-COV-005'] })]);
    expect(result.reason).toMatch(/EI-COV-005/);
    // The award has nothing to compute from: no lines, referred to an officer with the rule.
    const award = await run(acts.computeAward, {
      claim,
      awardId: `${claim.claimId}-AWD-1`,
      scope: 'final',
      certificates: claim.medicalCertificates,
      asOf: '2026-08-05',
      alreadyAwardedTdbSen: 0,
      createdAt: '2026-08-05T01:00:00.000Z',
    });
    expect(award).toMatchObject({ totalSen: 0, lines: [], eligibility: { outcome: 'officer-review' } });
    expect(award.ruleIds).toEqual(['EI-COV-005']);
  });

  it('when an invalidity claim has 120 contributions, then the pension counts all of them: 58 % of RM2,950.00 = RM1,711.00 (INV-PEN-001, rules 4.10)', async () => {
    // 120 months of RM3,000.00 (assumed wage RM2,950.00) before the notice month 2026-07: 96 beyond the first 24.
    const history = Array.from({ length: 120 }, (_, i) => {
      const total = 2026 * 12 + 6 - 120 + i; // 2016-07 … 2026-06
      const month = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
      return aContributionRecord({ month, actualWageSen: sen(300_000) });
    });
    const ports = inMemoryPorts({ persons: [anInsuredPerson()], employers: [anEmployer()], contributions: history });
    const acts = createClaimActivities(ports);
    const claim = anInvalidityClaim();
    const award = await new MockActivityEnvironment().run(acts.computeAward, {
      claim,
      awardId: `${claim.claimId}-AWD-1`,
      scope: 'final' as const,
      certificates: [],
      decision: aMedicalBoardDecision({ loecBasisPoints: 0, invalidityCertified: true }),
      asOf: '2026-08-05',
      alreadyAwardedTdbSen: 0,
      createdAt: '2026-08-05T01:00:00.000Z',
    });
    const pension = (award as StoredAward).lines.find((l) => l.benefitType === 'invalidity-pension');
    expect(pension?.amountSen).toBe(171_100);
    expect(pension?.ruleIds).toContain('INV-PEN-001');
  });

  it('when a second claim names the same person and accident date, then it is linked to the first', async () => {
    const { acts, run } = setup();
    await run(acts.verifyClaim, { claim: aWorkAccidentClaim() });
    const second = aWorkAccidentClaim({ claimId: 'C-2026-000999', submittedAt: '2026-07-21T10:15:00+08:00' });
    const result = await run(acts.verifyClaim, { claim: second });
    expect(result).toMatchObject({ outcome: 'duplicate', duplicateOfClaimId: CLAIM_ID });
  });

  it('when MC periods are awarded one by one, then each pays only the TDB not yet awarded and the final award skips it', async () => {
    const { acts, run, ports } = setup();
    const claim = aWorkAccidentClaim();
    const common = { claim, asOf: '2026-08-05', createdAt: '2026-08-05T01:00:00.000Z', scope: 'tdb-period' as const };
    const first = await run(acts.computeAward, {
      ...common,
      awardId: `${CLAIM_ID}-TDB-1`,
      certificates: claim.medicalCertificates,
      alreadyAwardedTdbSen: 0,
    });
    expect(first.lines.map((l) => l.benefitType)).toEqual(['temporary-disablement']);
    const mc2 = { ...claim.medicalCertificates[0]!, certId: 'MC-2', from: '2026-07-25', to: '2026-08-03' };
    const second = await run(acts.computeAward, {
      ...common,
      awardId: `${CLAIM_ID}-TDB-2`,
      certificates: [...claim.medicalCertificates, mc2],
      alreadyAwardedTdbSen: first.totalSen,
    });
    expect(second.totalSen).toBe(first.totalSen); // 10 more days at the same daily rate
    const final = await run(acts.computeAward, {
      ...common,
      scope: 'final',
      awardId: `${CLAIM_ID}-AWD-1`,
      certificates: [...claim.medicalCertificates, mc2],
      alreadyAwardedTdbSen: first.totalSen + second.totalSen,
    });
    expect(final.lines.some((l) => l.benefitType === 'temporary-disablement')).toBe(false);
    expect(ports.awards.size).toBe(3);
    // Stored once: a retry returns the first result.
    const again = await run(acts.computeAward, {
      ...common,
      awardId: `${CLAIM_ID}-TDB-1`,
      certificates: [...claim.medicalCertificates, mc2],
      alreadyAwardedTdbSen: 0,
    });
    expect(again).toEqual(first);
  });

  it('when the maker tries to approve their own award, then the activity refuses it', async () => {
    const { acts, run } = setup();
    await expect(
      run(acts.recordAwardApproval, {
        awardId: 'A1',
        makerId: 'officer.a',
        approverId: 'officer.a',
        reason: 'Looks fine.',
        approvedAt: '2026-10-06T01:00:00.000Z',
      })
    ).rejects.toMatchObject({ type: 'InvalidState' });
  });
});
