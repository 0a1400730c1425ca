import { Schema, type Connection } from 'mongoose';
import { DlqReplayRecord } from '../../schemas/dlq/replay-record';
import type { DlqReplayStore } from '../../workers/dlq/replay';

/** The collection of dead-letter replays. */
export const DLQ_REPLAYS_COLLECTION = 'dlq_replays';

/**
 * One document per replayed DLQ entry, `_id` = `<dlqTopic>:<partition>:<offset>`, and a unique index on the original
 * message's coordinates, so neither the entry nor another dead letter of the same message is replayed twice.
 */
const replaySchema = new Schema(
  {
    _id: { type: String, required: true },
    original: { type: String, required: true },
    targetTopic: { type: String, required: true },
    state: { type: String, required: true },
    corrected: { type: Boolean, required: true },
    valueSha256: { type: String, required: true },
    actorId: { type: String, required: true },
    reason: { type: String, required: true },
    startedAt: { type: String, required: true },
    published: { type: Schema.Types.Mixed, required: false },
  },
  { collection: DLQ_REPLAYS_COLLECTION, versionKey: false, minimize: false, _id: false }
);
replaySchema.index({ original: 1 }, { unique: true });

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

type ReplayDoc = Omit<DlqReplayRecord, 'replayId'> & { _id: string };

const toRecord = ({ _id, ...rest }: ReplayDoc): DlqReplayRecord => DlqReplayRecord.parse({ replayId: _id, ...rest });

/** Builds the replay store on an injected connection and ensures its indexes. */
export async function createDlqReplayStore(conn: Connection): Promise<DlqReplayStore> {
  const Replays = conn.model('DlqReplay', replaySchema);
  await Replays.init();
  return {
    async begin(record) {
      const { replayId, ...rest } = DlqReplayRecord.parse(record);
      try {
        await Replays.create({ _id: replayId, ...rest });
        return { created: true, record };
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      // Either this entry was replayed, or another DLQ entry of the same original message was.
      const existing =
        (await Replays.findOne({ _id: replayId }).lean<ReplayDoc>()) ??
        (await Replays.findOne({ original: rest.original }).lean<ReplayDoc>());
      if (!existing) throw new Error(`dlq replay ${replayId}: duplicate key, but no record found`);
      return { created: false, record: toRecord(existing) };
    },
    async markDone(replayId, published) {
      await Replays.updateOne({ _id: replayId }, { $set: { state: 'done', published } });
      const doc = await Replays.findOne({ _id: replayId }).lean<ReplayDoc>();
      if (!doc) throw new Error(`dlq replay ${replayId} not found`);
      return toRecord(doc);
    },
    async find(replayIds) {
      if (replayIds.length === 0) return [];
      const docs = await Replays.find({ _id: { $in: [...replayIds] } }).lean<ReplayDoc[]>();
      return docs.map(toRecord);
    },
  };
}
