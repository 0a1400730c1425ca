import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { RUN_DIR } from '../../infra/servers/paths';
import { down } from '../../infra/servers/stack';

/** Under CI=true, stops the servers the global setup started (and only those); otherwise leaves them running. */
export default async function globalTeardown(): Promise<void> {
  const file = path.join(RUN_DIR, 'started-by-jest.json');
  if (!existsSync(file)) return;
  const started = JSON.parse(readFileSync(file, 'utf8')) as string[];
  rmSync(file, { force: true });
  if (process.env.CI === 'true' && started.length > 0) {
    await down(started);
  }
}
