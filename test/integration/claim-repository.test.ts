import { Types, type Connection } from 'mongoose';
import type { StoredAward } from '../../activities/claims';
import { loadConfig } from '../../infra/config';
import { createClaimRepository } from '../../infra/mongo/claim-repository';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createPaymentLedger } from '../../infra/mongo/payment-ledger';
import { aPaymentInstruction, anAwardLine, CLAIM_ID, INSURED_PERSON_ID } from '../support/builders';
import { uniqueSuffix } from '../support/unique';

const anAward = (overrides: Partial<StoredAward> = {}): StoredAward => ({
  awardId: `${CLAIM_ID}-AWD-1`,
  claimId: CLAIM_ID,
  asOf: '2026-10-06',
  scope: 'final',
  totalSen: 106_200,
  lines: [anAwardLine()],
  ruleIds: ['EI-PDB-002', 'EI-PDB-003'],
  eligibility: { outcome: 'eligible', reasons: [] },
  flags: [],
  rateTableVersions: { benefitRates: 'ei-rates-2024-10-01' },
  createdAt: '2026-10-06T01:00:00.000Z',
  ...overrides,
});

describe('Mongo claim repository and payment ledger (FerretDB, real connection)', () => {
  let conn: Connection;

  beforeAll(async () => {
    conn = await createMongoConnection(loadConfig().MONGODB_URI, {
      dbName: `it_claims_${uniqueSuffix().replace(/-/g, '_')}`,
    });
  });

  afterAll(async () => {
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
  });

  it('when the same payment is recorded twice, then the ledger keeps the first and one document', async () => {
    const ledger = await createPaymentLedger(conn);
    const first = aPaymentInstruction();
    const entry = await ledger.record(first);
    expect(entry).toEqual({ instruction: first, published: false });
    await ledger.markPublished(first.paymentId);
    const again = await ledger.record({ ...first, issuedAt: '2026-10-21T09:00:00+08:00' });
    expect(again).toEqual({ instruction: first, published: true });
    expect(await conn.collection('payments').countDocuments({ paymentId: first.paymentId })).toBe(1);
  });

  it('when the unique paymentId index exists, then a raw duplicate insert is refused with E11000', async () => {
    await createPaymentLedger(conn);
    const doc = {
      paymentId: `X-1:${INSURED_PERSON_ID}:2026-10`,
      claimId: CLAIM_ID,
      awardId: 'X-1',
      instruction: {},
      published: false,
    };
    await conn.collection('payments').insertOne({ ...doc });
    await expect(conn.collection('payments').insertOne({ ...doc })).rejects.toMatchObject({ code: 11000 });
  });

  it('when an award is saved twice and approved twice, then the first award and first approval stand', async () => {
    const claims = await createClaimRepository(conn);
    const saved = await claims.saveAward(anAward());
    const again = await claims.saveAward(anAward({ totalSen: 1 }));
    expect(again).toEqual(saved);
    const approval = {
      makerId: 'officer.a',
      approverId: 'officer.b',
      approvedAt: '2026-10-07T01:00:00.000Z',
      reason: 'Checked.',
    };
    const approved = await claims.approveAward(saved.awardId, approval);
    const reapproved = await claims.approveAward(saved.awardId, { ...approval, approverId: 'officer.c' });
    expect(approved.approval).toEqual(approval);
    expect(reapproved.approval).toEqual(approval);
    const stored = await conn.collection('awards').findOne({ awardId: saved.awardId });
    expect(stored?.ruleIds).toEqual(['EI-PDB-002', 'EI-PDB-003']);
  });

  it('when two claims name the same person and accident date, then the later one is linked to the earlier', async () => {
    const claims = await createClaimRepository(conn);
    const base = {
      insuredPersonId: INSURED_PERSON_ID,
      accidentDate: '2026-07-15',
      claimType: 'employment-injury' as const,
    };
    expect(
      await claims.registerClaim({ ...base, claimId: 'C-2026-000501', receivedAt: '2026-07-20T10:00:00+08:00' })
    ).toEqual({});
    const later = { ...base, claimId: 'C-2026-000502', receivedAt: '2026-07-21T10:00:00+08:00' };
    expect(await claims.registerClaim(later)).toEqual({ duplicateOfClaimId: 'C-2026-000501' });
    expect(await claims.registerClaim(later)).toEqual({ duplicateOfClaimId: 'C-2026-000501' });
    expect(await conn.collection('claims').countDocuments({ insuredPersonId: INSURED_PERSON_ID })).toBe(2);
  });

  it('when stages arrive out of order, then an older sequence does not overwrite a newer one', async () => {
    const claims = await createClaimRepository(conn);
    await claims.updateStage('C-2026-000601', 'received', 1);
    await claims.updateStage('C-2026-000601', 'verifying', 3);
    await claims.updateStage('C-2026-000601', 'received', 2);
    const doc = await conn.collection('claims').findOne({ claimId: 'C-2026-000601' });
    expect(doc).toMatchObject({ _id: 'C-2026-000601', stage: 'verifying', lastSequence: 3 });
  });

  it('when claims and awards are stored, then each is keyed by its business id as _id', async () => {
    const claims = await createClaimRepository(conn);
    await claims.registerClaim({
      claimId: 'C-2026-000701',
      insuredPersonId: INSURED_PERSON_ID,
      claimType: 'employment-injury',
      receivedAt: '2026-07-20T10:00:00+08:00',
    });
    await claims.updateStage('C-2026-000701', 'verifying', 1);
    const saved = await claims.saveAward(anAward({ awardId: 'C-2026-000701-AWD-1', claimId: 'C-2026-000701' }));
    const db = conn.db!;
    expect(await db.collection<{ _id: string }>('claims').findOne({ _id: 'C-2026-000701' })).toMatchObject({
      claimId: 'C-2026-000701',
      stage: 'verifying',
    });
    expect(await db.collection<{ _id: string }>('awards').findOne({ _id: saved.awardId })).toMatchObject({
      awardId: saved.awardId,
      claimId: 'C-2026-000701',
    });
    expect((await conn.collection('claims').indexes()).map((i) => i.name)).not.toContain('claimId_1');
  });

  it('when a database holds claims and awards keyed the old way (ObjectId, unique claimId), then the first start re-keys them once and they are read and updated by id', async () => {
    const old = await createMongoConnection(loadConfig().MONGODB_URI, {
      dbName: `it_claims_old_${uniqueSuffix().replace(/-/g, '_')}`,
    });
    try {
      const db = old.db!;
      await db.collection('claims').createIndex({ claimId: 1 }, { unique: true });
      await db.collection('awards').createIndex({ awardId: 1 }, { unique: true });
      await db.collection('claims').insertOne({
        _id: new Types.ObjectId(),
        claimId: 'C-2025-000001',
        stage: 'awaiting-medical-assessment',
        lastSequence: 7,
      } as never);
      const award = anAward({ awardId: 'C-2025-000001-AWD-1', claimId: 'C-2025-000001' });
      const { approval: _none, ...record } = award;
      await db.collection('awards').insertOne({
        _id: new Types.ObjectId(),
        awardId: award.awardId,
        claimId: award.claimId,
        ruleIds: award.ruleIds,
        record,
      } as never);

      const claims = await createClaimRepository(old);
      await claims.updateStage('C-2025-000001', 'awarded', 8);
      await claims.updateStage('C-2025-000001', 'verifying', 3);
      const approval = {
        makerId: 'officer.a',
        approverId: 'officer.b',
        approvedAt: '2026-10-07T01:00:00.000Z',
        reason: 'Checked.',
      };
      expect((await claims.approveAward(award.awardId, approval)).approval).toEqual(approval);

      const stored = await db.collection('claims').find({ claimId: 'C-2025-000001' }).toArray();
      expect(stored).toEqual([{ _id: 'C-2025-000001', claimId: 'C-2025-000001', stage: 'awarded', lastSequence: 8 }]);
      expect(await db.collection('awards').countDocuments({ awardId: award.awardId })).toBe(1);
      const migration = await db
        .collection<{ _id: string }>('migrations')
        .findOne({ _id: 'claims-and-awards-keyed-by-business-id' });
      expect(migration).toMatchObject({ rekeyed: 2 });
      // A second start reads the record and re-keys nothing.
      await createClaimRepository(old);
      expect(await db.collection('claims').countDocuments({})).toBe(1);
    } finally {
      await old.dropDatabase().catch(() => undefined);
      await old.close();
    }
  });
});
