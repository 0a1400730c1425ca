import type { Client } from '@temporalio/client';
import type { AuditLog } from '../../activities/periodic/ports';
import { loadConfig, type Config } from '../../infra/config';
import { createAuditLog } from '../../infra/mongo/audit-log';
import { createMongoConnection } from '../../infra/mongo/connection';
import { createTemporalClient, createTemporalConnection } from '../../infra/temporal/connection';
import { getClientDataConverter } from '../../infra/temporal/data-converter';

/** Opens a Temporal client (with payload encryption) for one CLI command, and closes it afterwards. */
export async function withTemporal<T>(body: (client: Client, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const connection = await createTemporalConnection(config);
  try {
    return await body(createTemporalClient(connection, config, getClientDataConverter(config)), config);
  } finally {
    await connection.close();
  }
}

/** Opens the audit collection (`audit_log` in `MONGODB_URI`'s database) for one CLI command, and closes it afterwards. */
export async function withAuditLog<T>(body: (audit: AuditLog) => Promise<T>): Promise<T> {
  const conn = await createMongoConnection(loadConfig());
  try {
    return await body(await createAuditLog(conn));
  } finally {
    await conn.close();
  }
}
