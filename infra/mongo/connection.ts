import mongoose, { type Connection } from 'mongoose';

/**
 * Opens a dedicated mongoose connection (never the global default connection): models are bound to it with
 * `conn.model(...)` by the repositories' factories. Works against FerretDB locally and a MongoDB replica set in
 * production; nothing here uses transactions or change streams (INFRA.md, FerretDB limits).
 */
export async function createMongoConnection(
  uri: string,
  options: { dbName?: string; serverSelectionTimeoutMS?: number } = {}
): Promise<Connection> {
  const conn = mongoose.createConnection(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    // Repositories await Model.init() at start-up, which builds the indexes, so an index the server cannot
    // build (FerretDB has no TTL, partial or text indexes) fails loudly instead of as an unhandled 'index' event.
    autoIndex: true,
    autoCreate: true,
  });
  await conn.asPromise();
  return conn;
}
