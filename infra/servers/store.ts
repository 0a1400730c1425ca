/*
 * How the stack makes its MongoDB-wire store, all set here: FerretDB in front of PostgreSQL (the default) or, with
 * CLAIMS_STORE_BACKEND=sqlite, in front of SQLite files (slower, and SQLITE_BUSY under concurrent writes: INFRA.md
 * (0); kept for machines the PostgreSQL wheel does not support). With MONGODB_URI set, the stack runs no store.
 */

/** FerretDB's storage backend, its `-handler` flag. */
export type StoreBackend = 'postgresql' | 'sqlite';

/** The backend chosen by CLAIMS_STORE_BACKEND (unset: postgresql); any other value is an error naming it. */
export function storeBackend(env: NodeJS.ProcessEnv = process.env): StoreBackend {
  const value = env.CLAIMS_STORE_BACKEND ?? '';
  if (value === '' || value === 'postgresql') return 'postgresql';
  if (value === 'sqlite') return 'sqlite';
  throw new Error(`CLAIMS_STORE_BACKEND: expected postgresql or sqlite (got "${value}")`);
}

/*
 * Ports, each set here only. The two environment variables exist to run a second store beside a running stack (to
 * try or measure one); the platform's processes reach FerretDB through MONGODB_URI, whose default is port 27017.
 */

/** PostgreSQL, the store behind FerretDB (loopback only). */
export const POSTGRES_PORT = portFromEnv('CLAIMS_POSTGRES_PORT', 5432);

/** FerretDB's MongoDB wire protocol. */
export const FERRETDB_PORT = portFromEnv('CLAIMS_FERRETDB_PORT', 27017);

function portFromEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}: expected a port number between 1 and 65535 (got "${text}")`);
  }
  return port;
}
