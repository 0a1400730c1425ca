import { Schema, type Connection } from 'mongoose';
import type { AuditEntry, AuditLog } from '../../activities/periodic/ports';

/**
 * The audit collection (`audit_log`): one document per operator action on a periodic award (actor, reason, action,
 * workflow id, time), `_id` = `<workflowId>:<n>` so a retried write keeps one. Details hold dates, codes and
 * outcomes, never personal data (a new bank account is audited as "changed", not by its number).
 */
const auditSchema = new Schema(
  {
    _id: { type: String, required: true },
    workflowId: { type: String, required: true },
    action: { type: String, required: true },
    actorId: { type: String, required: true },
    reason: { type: String, required: true },
    details: { type: Schema.Types.Mixed, required: true },
    at: { type: String, required: true },
  },
  { collection: 'audit_log', versionKey: false, minimize: false, _id: false }
);
auditSchema.index({ workflowId: 1 });

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

/** Builds the audit log on an injected connection. */
export async function createAuditLog(conn: Connection): Promise<AuditLog> {
  const Audit = conn.model('AuditEntry', auditSchema);
  await Audit.init();
  return {
    async write(entry) {
      const { auditId, ...rest } = entry;
      try {
        await Audit.updateOne({ _id: auditId }, { $setOnInsert: rest }, { upsert: true });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    },
    async listFor(workflowId) {
      const docs = await Audit.find({ workflowId })
        .sort({ at: 1, _id: 1 })
        .lean<(Omit<AuditEntry, 'auditId'> & { _id: string })[]>();
      return docs.map(({ _id, ...d }) => ({ auditId: _id, ...d }));
    },
  };
}
