import { Schema, type Connection } from 'mongoose';
import { loadConfig } from '../../infra/config';
import { createMongoConnection } from '../../infra/mongo/connection';
import { uniqueSuffix } from '../support/unique';

const probeSchema = new Schema(
  {
    claimId: { type: String, required: true },
    amountSen: { type: Number, required: true },
  },
  { collection: 'stack_probe' }
);
probeSchema.index({ claimId: 1 }, { unique: true });

describe('MongoDB-wire store (FerretDB or MONGODB_URI, real connection)', () => {
  let conn: Connection;

  beforeAll(async () => {
    // A database per test file: isolation by name, nothing to clean between runs.
    conn = await createMongoConnection(loadConfig().MONGODB_URI, {
      dbName: `it_mongo_${uniqueSuffix().replace(/-/g, '_')}`,
    });
  });

  afterAll(async () => {
    await conn.dropDatabase().catch(() => undefined);
    await conn.close();
  });

  it('when a document is written through a connection-bound model, then it reads back', async () => {
    const Probe = conn.model('Probe', probeSchema);
    await Probe.init();
    await Probe.create({ claimId: 'C-2026-000001', amountSen: 78_670 });
    const found = await Probe.findOne({ claimId: 'C-2026-000001' }).lean();
    expect(found).toMatchObject({ claimId: 'C-2026-000001', amountSen: 78_670 });
  });

  it('when a duplicate natural key is inserted, then the unique index rejects it with E11000', async () => {
    const Probe = conn.model('Probe', probeSchema);
    await Probe.init();
    await Probe.create({ claimId: 'C-2026-000002', amountSen: 1 });
    await expect(Probe.create({ claimId: 'C-2026-000002', amountSen: 2 })).rejects.toMatchObject({ code: 11000 });
    expect(await Probe.countDocuments({ claimId: 'C-2026-000002' })).toBe(1);
  });

  it('when an idempotent upsert runs twice, then the first write wins ($setOnInsert, no projection)', async () => {
    const Probe = conn.model('Probe', probeSchema);
    await Probe.init();
    const first = await Probe.findOneAndUpdate(
      { claimId: 'C-2026-000003' },
      { $setOnInsert: { amountSen: 100 } },
      { upsert: true, new: true }
    ).lean();
    const second = await Probe.findOneAndUpdate(
      { claimId: 'C-2026-000003' },
      { $setOnInsert: { amountSen: 999 } },
      { upsert: true, new: true }
    ).lean();
    expect(first?.amountSen).toBe(100);
    expect(second?.amountSen).toBe(100);
  });
});
