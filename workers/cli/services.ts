import type { Client } from '@temporalio/client';
import { loadConfig, type Config } from '../../infra/config';
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
