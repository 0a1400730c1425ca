import { Schema, type Connection } from 'mongoose';
import { z } from 'zod';
import type { ClaimRepository, StoredAward } from '../../activities/claims/ports';
import { Award, AwardLine } from '../../schemas/benefits/award';

/**
 * The claims store behind the claim workflow's activities: one `claims` document per claim and one `awards` document
 * per award, each keyed by its business id as `_id` (the claim id, the award id), so every read and write by id goes
 * to the primary key and no secondary index is needed for it. `claimId`/`awardId` stay as fields for people reading
 * the collections. Writes are idempotent upserts on those keys (`$setOnInsert`, E11000 = already written); no
 * transactions, no projection on findOneAndUpdate, no partial or TTL indexes (FerretDB, INFRA.md (f)).
 */
const claimSchema = new Schema(
  {
    _id: { type: String, required: true },
    claimId: { type: String, required: true },
    insuredPersonId: { type: String },
    accidentDate: { type: String },
    claimType: { type: String },
    receivedAt: { type: String },
    stage: { type: String, required: true },
    lastSequence: { type: Number, required: true },
  },
  { collection: 'claims', versionKey: false, minimize: false }
);
claimSchema.index({ insuredPersonId: 1, accidentDate: 1 });

const awardSchema = new Schema(
  {
    _id: { type: String, required: true },
    awardId: { type: String, required: true },
    claimId: { type: String, required: true },
    ruleIds: { type: [String], required: true },
    record: { type: Schema.Types.Mixed, required: true },
    approval: { type: Schema.Types.Mixed },
  },
  { collection: 'awards', versionKey: false, minimize: false }
);
awardSchema.index({ claimId: 1 });

/**
 * Before the business ids became `_id`, both collections were keyed by an ObjectId with a unique index on
 * `claimId`/`awardId`. Re-keys such documents once, at the first start of this code on a database: drops the old
 * unique index (it would refuse the copy), inserts each old document again under its business id (a copy left by an
 * earlier, interrupted start is E11000 and kept), deletes the old one, and then records itself in `migrations`, so
 * later starts cost one read. Safe to run from several processes at once; run it with the old code stopped (a stage
 * written by an old process after the copy would be lost).
 */
async function rekeyByBusinessId(conn: Connection): Promise<void> {
  const migrations = conn.db!.collection<{ _id: string; at: string; rekeyed: number }>('migrations');
  const id = 'claims-and-awards-keyed-by-business-id';
  if ((await migrations.findOne({ _id: id })) !== null) return;
  let rekeyed = 0;
  for (const [name, key] of [
    ['claims', 'claimId'],
    ['awards', 'awardId'],
  ] as const) {
    const coll = conn.db!.collection<Record<string, unknown>>(name);
    // A database that never had the collection: nothing to re-key (MongoDB says NamespaceNotFound, code 26).
    const indexes = await coll.indexes().catch((err: unknown) => {
      if ((err as { code?: number }).code === 26) return [];
      throw err;
    });
    if (indexes.some((i) => i.name === `${key}_1`)) await coll.dropIndex(`${key}_1`);
    for (const doc of await coll.find({ _id: { $type: 'objectId' } }).toArray()) {
      const businessId = doc[key];
      if (typeof businessId !== 'string' || businessId === '') continue;
      try {
        await coll.insertOne({ ...doc, _id: businessId as never });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      await coll.deleteOne({ _id: doc._id });
      rekeyed += 1;
    }
  }
  try {
    await migrations.insertOne({ _id: id, at: new Date().toISOString(), rekeyed });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** The stored award, checked on the way out (STYLE H8). */
export const StoredAwardRecord = z
  .object({
    awardId: z.string().min(1),
    claimId: z.string().min(1),
    asOf: z.string(),
    scope: z.enum(['tdb-period', 'final']),
    totalSen: z.number().int().nonnegative(),
    lines: z.array(AwardLine),
    ruleIds: z.array(z.string()),
    eligibility: Award.shape.eligibility,
    flags: z.array(z.string()),
    rateTableVersions: z.record(z.string(), z.string()),
    createdAt: z.string(),
    approval: z
      .object({
        makerId: z.string(),
        approverId: z.string(),
        approvedAt: z.string(),
        reason: z.string(),
        lineDecisions: z
          .array(
            z
              .object({ lineId: z.string(), amountSen: z.number().int(), actorId: z.string(), reason: z.string() })
              .strict()
          )
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

/** Runs an upsert; a concurrent insert of the same natural key (E11000) means another attempt already wrote it. */
async function upsertOnce(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

/** Builds the repository on an injected connection and ensures its unique indexes (fails loudly if one cannot be built). */
export async function createClaimRepository(conn: Connection): Promise<ClaimRepository> {
  const Claims = conn.model('Claim', claimSchema);
  const Awards = conn.model('Award', awardSchema);
  await rekeyByBusinessId(conn);
  await Promise.all([Claims.init(), Awards.init()]);

  const readAward = async (awardId: string): Promise<StoredAward> => {
    const doc = await Awards.findOne({ _id: awardId }).lean();
    if (!doc) throw new Error(`award ${awardId} not found`);
    const approval = doc.approval == null ? {} : { approval: doc.approval as unknown };
    return StoredAwardRecord.parse({ ...(doc.record as object), ...approval }) as StoredAward;
  };

  return {
    async registerClaim(r) {
      await upsertOnce(() =>
        Claims.updateOne(
          { _id: r.claimId },
          {
            $set: {
              insuredPersonId: r.insuredPersonId,
              accidentDate: r.accidentDate ?? null,
              claimType: r.claimType,
              receivedAt: r.receivedAt,
            },
            $setOnInsert: { claimId: r.claimId, stage: 'received', lastSequence: 0 },
          },
          { upsert: true }
        )
      );
      if (r.accidentDate === undefined) return {};
      const mine = Date.parse(r.receivedAt);
      const others = await Claims.find({ insuredPersonId: r.insuredPersonId, accidentDate: r.accidentDate }).lean();
      const earlier = others
        .filter((o) => o.claimId !== r.claimId && typeof o.receivedAt === 'string')
        .map((o) => ({ claimId: o.claimId, at: Date.parse(o.receivedAt as string) }))
        .filter((o) => o.at < mine || (o.at === mine && o.claimId < r.claimId))
        .sort((a, b) => a.at - b.at || a.claimId.localeCompare(b.claimId));
      return earlier[0] === undefined ? {} : { duplicateOfClaimId: earlier[0].claimId };
    },

    async updateStage(claimId, stage, sequence) {
      // An older sequence matches nothing, the upsert then tries an insert and the unique index refuses it.
      await upsertOnce(() =>
        Claims.updateOne(
          { _id: claimId, lastSequence: { $lt: sequence } },
          { $set: { stage, lastSequence: sequence }, $setOnInsert: { claimId } },
          { upsert: true }
        )
      );
    },

    async saveAward(award) {
      const record = StoredAwardRecord.parse(award);
      const { approval: _ignored, ...stored } = record;
      await upsertOnce(() =>
        Awards.updateOne(
          { _id: record.awardId },
          {
            $setOnInsert: { awardId: record.awardId, claimId: record.claimId, ruleIds: record.ruleIds, record: stored },
          },
          { upsert: true }
        )
      );
      return readAward(record.awardId);
    },

    async approveAward(awardId, approval) {
      await Awards.updateOne({ _id: awardId, approval: null }, { $set: { approval } });
      return readAward(awardId);
    },
  };
}
