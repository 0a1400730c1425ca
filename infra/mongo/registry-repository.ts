import { Schema, type Connection, type Model } from 'mongoose';
import { ContributionRecord } from '../../schemas/registry/contribution';
import { Employer } from '../../schemas/registry/employer';
import { InsuredPerson } from '../../schemas/registry/insured-person';

/**
 * The registry read model (insured persons, employers, monthly contributions), kept current from the upstream
 * contribution system's Kafka topics and read by claim verification. Each collection stores the zod-validated
 * record under `record`, plus the natural keys it is found by, with unique indexes on those keys.
 */
export interface RegistryRepository {
  /** Applies a person's latest record; an older record than the stored one is ignored (`stale`). */
  upsertInsuredPerson(person: InsuredPerson): Promise<'applied' | 'stale'>;
  upsertEmployer(employer: Employer): Promise<'applied' | 'stale'>;
  /** Records a month's contribution; a repeat for the same person, employer, month and scheme replaces it. */
  recordContribution(contribution: ContributionRecord): Promise<void>;
  /**
   * Applies many records in one round trip per collection (the registry topics carry tens of thousands of
   * records). Within the call the latest record per key wins; outcomes are returned in input order.
   */
  applyBatch(items: RegistryItem[]): Promise<Array<'applied' | 'stale'>>;
  findInsuredPerson(insuredPersonId: string): Promise<InsuredPerson | null>;
  findEmployer(employerId: string): Promise<Employer | null>;
  /** The person's contribution records for months `fromMonth`..`toMonth` inclusive (YYYY-MM), oldest first. */
  listContributions(insuredPersonId: string, fromMonth: string, toMonth: string): Promise<ContributionRecord[]>;
}

/** One registry record to apply. */
export type RegistryItem =
  | { kind: 'insured-persons'; record: InsuredPerson }
  | { kind: 'employers'; record: Employer }
  | { kind: 'contributions'; record: ContributionRecord };

const contributionKeyOf = (c: ContributionRecord): string =>
  [c.insuredPersonId, c.employerId, c.month, c.scheme].join(':');

const insuredPersonSchema = new Schema(
  {
    /** The natural key. FerretDB's SQLite backend pushes only `_id` filters down to an index, so upserts by
     * natural key stay O(1) only when the key is the `_id`. */
    _id: { type: String, required: true },
    insuredPersonId: { type: String, required: true },
    updatedAt: { type: String, required: true },
    record: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'registry_insured_persons', versionKey: false, minimize: false }
);

const employerSchema = new Schema(
  {
    /** The natural key. FerretDB's SQLite backend pushes only `_id` filters down to an index, so upserts by
     * natural key stay O(1) only when the key is the `_id`. */
    _id: { type: String, required: true },
    employerId: { type: String, required: true },
    updatedAt: { type: String, required: true },
    record: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'registry_employers', versionKey: false, minimize: false }
);

const contributionSchema = new Schema(
  {
    /** The natural key. FerretDB's SQLite backend pushes only `_id` filters down to an index, so upserts by
     * natural key stay O(1) only when the key is the `_id`. */
    _id: { type: String, required: true },
    /** `<insuredPersonId>:<employerId>:<month>:<scheme>`: the natural key as one field (FerretDB-friendly). */
    contributionKey: { type: String, required: true },
    insuredPersonId: { type: String, required: true },
    month: { type: String, required: true },
    record: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'registry_contributions', versionKey: false, minimize: false }
);
contributionSchema.index({ insuredPersonId: 1, month: 1 });

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

/**
 * Upserts `record` keyed by `key` only when it is newer than the stored one. When the stored record is newer the
 * filter matches nothing, the upsert tries an insert and the unique index refuses it: that is the "stale" case.
 */
async function upsertIfNewer(
  model: Model<{ updatedAt: string; record: unknown }>,
  key: Record<string, string>,
  updatedAt: string,
  record: unknown
): Promise<'applied' | 'stale'> {
  try {
    await model.updateOne(
      { _id: Object.values(key)[0], updatedAt: { $lte: updatedAt } },
      { $set: { ...key, updatedAt, record } },
      { upsert: true }
    );
    return 'applied';
  } catch (err) {
    if (isDuplicateKey(err)) return 'stale';
    throw err;
  }
}

/** Builds the repository on a dedicated connection and ensures its indexes (fails loudly if one cannot be built). */
export async function createRegistryRepository(conn: Connection): Promise<RegistryRepository> {
  const InsuredPersons = conn.model('RegistryInsuredPerson', insuredPersonSchema);
  const Employers = conn.model('RegistryEmployer', employerSchema);
  const Contributions = conn.model('RegistryContribution', contributionSchema);
  await Promise.all([InsuredPersons.init(), Employers.init(), Contributions.init()]);

  return {
    upsertInsuredPerson: (person) =>
      upsertIfNewer(
        InsuredPersons as never,
        { insuredPersonId: person.insuredPersonId },
        person.updatedAt,
        InsuredPerson.parse(person)
      ),
    upsertEmployer: (employer) =>
      upsertIfNewer(
        Employers as never,
        { employerId: employer.employerId },
        employer.updatedAt,
        Employer.parse(employer)
      ),
    async applyBatch(items) {
      const outcomes: Array<'applied' | 'stale'> = items.map(() => 'applied');
      // Latest per key within the batch (partition order; for persons and employers also the newer updatedAt).
      const latest = new Map<string, number>();
      items.forEach((item, i) => {
        const key =
          item.kind === 'contributions'
            ? `c:${contributionKeyOf(item.record)}`
            : item.kind === 'employers'
              ? `e:${item.record.employerId}`
              : `p:${item.record.insuredPersonId}`;
        const previous = latest.get(key);
        const prevItem = previous === undefined ? undefined : items[previous];
        const newer =
          prevItem === undefined ||
          prevItem.kind === 'contributions' ||
          (prevItem.record as { updatedAt: string }).updatedAt <= (item.record as { updatedAt: string }).updatedAt;
        if (newer) {
          if (previous !== undefined) outcomes[previous] = 'stale';
          latest.set(key, i);
        } else {
          outcomes[i] = 'stale';
        }
      });
      const chosen = [...latest.values()].map((i) => ({ i, item: items[i]! }));
      const versioned = async (
        model: Model<never>,
        entries: Array<{ i: number; key: Record<string, string>; updatedAt: string; record: unknown }>
      ): Promise<void> => {
        if (entries.length === 0) return;
        try {
          await model.bulkWrite(
            entries.map((e) => ({
              updateOne: {
                filter: { _id: Object.values(e.key)[0], updatedAt: { $lte: e.updatedAt } },
                update: { $set: { ...e.key, updatedAt: e.updatedAt, record: e.record } },
                upsert: true,
              },
            })) as never,
            { ordered: false }
          );
        } catch (err) {
          const writeErrors = (err as { writeErrors?: Array<{ code: number }> }).writeErrors;
          if (!writeErrors || writeErrors.some((w) => w.code !== 11000)) throw err;
          // A duplicate key on a versioned upsert means the stored record is newer: stale, not an error. The
          // error's op index is not reliable on every server (FerretDB reports 0), so ask the store which
          // entries it holds a newer record for.
          const [keyField] = Object.keys(entries[0]!.key);
          const stored = (await model
            .find({ _id: { $in: entries.map((e) => e.key[keyField!]) } } as never)
            .lean()) as unknown as Array<Record<string, string>>;
          const storedAt = new Map(stored.map((d) => [d[keyField!], d.updatedAt]));
          for (const e of entries) {
            const at = storedAt.get(e.key[keyField!]!);
            if (at !== undefined && at > e.updatedAt) outcomes[e.i] = 'stale';
          }
        }
      };
      await versioned(
        InsuredPersons as never,
        chosen.flatMap(({ i, item }) =>
          item.kind === 'insured-persons'
            ? [
                {
                  i,
                  key: { insuredPersonId: item.record.insuredPersonId },
                  updatedAt: item.record.updatedAt,
                  record: InsuredPerson.parse(item.record),
                },
              ]
            : []
        )
      );
      await versioned(
        Employers as never,
        chosen.flatMap(({ i, item }) =>
          item.kind === 'employers'
            ? [
                {
                  i,
                  key: { employerId: item.record.employerId },
                  updatedAt: item.record.updatedAt,
                  record: Employer.parse(item.record),
                },
              ]
            : []
        )
      );
      const contributions = chosen.flatMap(({ item }) =>
        item.kind === 'contributions' ? [ContributionRecord.parse(item.record)] : []
      );
      if (contributions.length > 0) {
        await Contributions.bulkWrite(
          contributions.map((record) => {
            const contributionKey = contributionKeyOf(record);
            return {
              updateOne: {
                filter: { _id: contributionKey },
                update: {
                  $set: { contributionKey, insuredPersonId: record.insuredPersonId, month: record.month, record },
                },
                upsert: true,
              },
            };
          }),
          { ordered: false }
        );
      }
      return outcomes;
    },
    async recordContribution(contribution) {
      const record = ContributionRecord.parse(contribution);
      const contributionKey = contributionKeyOf(record);
      await Contributions.updateOne(
        { _id: contributionKey },
        { $set: { contributionKey, insuredPersonId: record.insuredPersonId, month: record.month, record } },
        { upsert: true }
      );
    },
    async findInsuredPerson(insuredPersonId) {
      const doc = await InsuredPersons.findOne({ _id: insuredPersonId }).lean();
      return doc ? InsuredPerson.parse(doc.record) : null;
    },
    async findEmployer(employerId) {
      const doc = await Employers.findOne({ _id: employerId }).lean();
      return doc ? Employer.parse(doc.record) : null;
    },
    async listContributions(insuredPersonId, fromMonth, toMonth) {
      const docs = await Contributions.find({ insuredPersonId, month: { $gte: fromMonth, $lte: toMonth } })
        .sort({ month: 1, contributionKey: 1 })
        .lean();
      return docs.map((d) => ContributionRecord.parse(d.record));
    },
  };
}
