import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RUN_DIR } from '../../infra/servers/paths';
import { up } from '../../infra/servers/stack';

/**
 * Jest globalSetup of the integration project: the same `up()` as `npm run stack:up` and `npm start`. Servers
 * that already answer are reused; missing ones are installed and started. What this run started is recorded so
 * the teardown stops exactly those under CI=true (developers keep their servers between runs).
 */
export default async function globalSetup(): Promise<void> {
  const started = await up();
  mkdirSync(RUN_DIR, { recursive: true });
  writeFileSync(path.join(RUN_DIR, 'started-by-jest.json'), JSON.stringify(started));
}
