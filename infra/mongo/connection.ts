import mongoose, { type Connection, type ConnectOptions } from 'mongoose';
import { loadConfig, type Config } from '../config';
import { mongoUriHasCredentials, mongoUriOptions } from './uri-options';

/** The MongoDB settings of {@link Config}. */
export type MongoSettings = Pick<
  Config,
  | 'MONGODB_URI'
  | 'MONGODB_MAX_POOL_SIZE'
  | 'MONGODB_MIN_POOL_SIZE'
  | 'MONGODB_SERVER_SELECTION_TIMEOUT_MS'
  | 'MONGODB_SOCKET_TIMEOUT_MS'
  | 'MONGODB_TLS'
  | 'MONGODB_TLS_CA_FILE'
  | 'MONGODB_TLS_CERT_KEY_FILE'
  | 'MONGODB_REPLICA_SET'
  | 'MONGODB_AUTH_SOURCE'
  | 'MONGODB_USERNAME'
  | 'MONGODB_PASSWORD'
>;

/** Per-call choices of one connection: another database, or a shorter wait for a server (the stack's probe). */
export interface MongoConnectionOptions {
  dbName?: string;
  serverSelectionTimeoutMS?: number;
}

/**
 * The driver options of a connection built from `settings`. Precedence, highest first: the per-call `options`; an
 * option written in `MONGODB_URI` (the variable is then left out, because the driver would prefer it to the URI);
 * the `MONGODB_*` variable; the driver's default. Writes always wait for a majority (`w: 'majority'`): payments
 * must survive a replica-set failover, and the config refuses a URI asking for less. Reads stay on the primary
 * (the driver's default; the config refuses another readPreference), since the repositories read their own writes.
 */
export function mongoConnectOptions(settings: MongoSettings, options: MongoConnectionOptions = {}): ConnectOptions {
  const inUri = mongoUriOptions(settings.MONGODB_URI);
  const unlessInUri = <K extends keyof ConnectOptions>(key: K, value: ConnectOptions[K] | undefined) =>
    value === undefined || inUri.has(key.toLowerCase()) ? {} : { [key]: value };
  const tlsFiles = settings.MONGODB_TLS_CA_FILE !== undefined || settings.MONGODB_TLS_CERT_KEY_FILE !== undefined;
  const tls = settings.MONGODB_TLS ?? (tlsFiles ? true : undefined);
  const credentials =
    settings.MONGODB_USERNAME !== undefined &&
    settings.MONGODB_PASSWORD !== undefined &&
    !mongoUriHasCredentials(settings.MONGODB_URI)
      ? { auth: { username: settings.MONGODB_USERNAME, password: settings.MONGODB_PASSWORD } }
      : {};
  return {
    ...(options.dbName !== undefined ? { dbName: options.dbName } : {}),
    ...unlessInUri('maxPoolSize', settings.MONGODB_MAX_POOL_SIZE),
    ...unlessInUri('minPoolSize', settings.MONGODB_MIN_POOL_SIZE),
    ...(options.serverSelectionTimeoutMS !== undefined
      ? { serverSelectionTimeoutMS: options.serverSelectionTimeoutMS }
      : unlessInUri('serverSelectionTimeoutMS', settings.MONGODB_SERVER_SELECTION_TIMEOUT_MS)),
    ...unlessInUri('socketTimeoutMS', settings.MONGODB_SOCKET_TIMEOUT_MS),
    ...(inUri.has('ssl') ? {} : unlessInUri('tls', tls)),
    ...unlessInUri('tlsCAFile', settings.MONGODB_TLS_CA_FILE),
    ...unlessInUri('tlsCertificateKeyFile', settings.MONGODB_TLS_CERT_KEY_FILE),
    ...unlessInUri('replicaSet', settings.MONGODB_REPLICA_SET),
    ...unlessInUri('authSource', settings.MONGODB_AUTH_SOURCE),
    ...credentials,
    ...(inUri.has('w') ? {} : { writeConcern: { w: 'majority' } }),
    // Repositories await Model.init() at start-up, which builds the indexes, so an index the server cannot
    // build (FerretDB has no TTL, partial or text indexes) fails loudly instead of as an unhandled 'index' event.
    autoIndex: true,
    autoCreate: true,
  };
}

/**
 * Opens a dedicated mongoose connection (never the global default connection): models are bound to it with
 * `conn.model(...)` by the repositories' factories. Works against FerretDB locally and a MongoDB replica set in
 * production; nothing here uses transactions or change streams (INFRA.md, FerretDB limits). Processes pass their
 * {@link Config}; a bare URI (tests) gets every other setting at its default.
 */
export async function createMongoConnection(
  target: string | MongoSettings,
  options: MongoConnectionOptions = {}
): Promise<Connection> {
  const settings = typeof target === 'string' ? loadConfig({ MONGODB_URI: target }) : target;
  const conn = mongoose.createConnection(settings.MONGODB_URI, mongoConnectOptions(settings, options));
  await conn.asPromise();
  return conn;
}
