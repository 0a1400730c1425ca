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

/** One upsert per person setting each of the given months (the last record per month wins). */
const historyUpserts = (records: readonly ContributionRecord[]) => {
  const byPerson = new Map<string, Record<string, ContributionRecord>>();
  for (const record of records) {
    const fields = byPerson.get(record.insuredPersonId) ?? {};
    fields[monthFieldOf(record)] = record;
    byPerson.set(record.insuredPersonId, fields);
  }
  return [...byPerson].map(([insuredPersonId, fields]) => ({
    updateOne: { filter: { _id: insuredPersonId }, update: { $set: fields }, upsert: true },
  }));
};

const insuredPersonSchema = new Schema(
  {
    /** The natural key. Chosen when the local FerretDB ran on SQLite, whose backend pushes only `_id` filters down,
     * so upserts by natural key stayed cheap only when the key was the `_id` (see the history note below). */
    _id: { type: String, required: true },
    insuredPersonId: { type: String, required: true },
    updatedAt: { type: String, required: true },
    record: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'registry_insured_persons', versionKey: false, minimize: false }
);

const employerSchema = new Schema(
  {
    /** The natural key. Chosen when the local FerretDB ran on SQLite, whose backend pushes only `_id` filters down,
     * so upserts by natural key stayed cheap only when the key was the `_id` (see the history note below). */
    _id: { type: String, required: true },
    employerId: { type: String, required: true },
    updatedAt: { type: String, required: true },
    record: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'registry_employers', versionKey: false, minimize: false }
);

/**
 * Contributions are stored as one history document per insured person (`_id` = insuredPersonId), each month's
 * record under `months["<month>:<employerId>:<scheme>"]`. History: this shape was chosen when the local FerretDB ran
 * on SQLite, whose backend matches `_id` by scanning an unindexed expression (its `_id_` index is declared on a
 * differently written expression, FerretDB#3235), and any other filter by parsing every document. FerretDB 1.24 on
 * PostgreSQL, the local store now, pushes equality on any field down to SQL but still scans: its filter
 * `_jsonb->'_id' @> $1` cannot use the btree `_id_` index on `_jsonb->'_id'` (measured: about 400 updates by `_id`
 * a second at 5,000 documents, 46 at 50,000). So on both backends the write and the read cost grow with the
 * collection: with one document per person, a batch costs one upsert per person rather than per month, and claim
 * verification reads one document by `_id`. On MongoDB the same shape is one indexed lookup.
 */
const contributionHistorySchema = new Schema(
  {
    _id: { type: String, required: true },
    months: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'registry_contribution_histories', versionKey: false, minimize: false }
);

/** The field of one contribution inside its person's history (no `.` or leading `$`: a valid key everywhere). */
const monthFieldOf = (c: ContributionRecord): string => `months.${c.month}:${c.employerId}:${c.scheme}`;

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
  const Contributions = conn.model('RegistryContributionHistory', contributionHistorySchema);
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
        await Contributions.bulkWrite(historyUpserts(contributions) as never, { ordered: false });
      }
      return outcomes;
    },
    async recordContribution(contribution) {
      await Contributions.bulkWrite(historyUpserts([ContributionRecord.parse(contribution)]) as never);
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
      const doc = await Contributions.findOne({ _id: insuredPersonId }).lean();
      const months = (doc?.months ?? {}) as Record<string, unknown>;
      return Object.keys(months)
        .filter((key) => key.slice(0, 7) >= fromMonth && key.slice(0, 7) <= toMonth)
        .sort()
        .map((key) => ContributionRecord.parse(months[key]));
    },
  };
}
