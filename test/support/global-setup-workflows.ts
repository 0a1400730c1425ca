import { existsSync } from 'node:fs';
import { TEMPORAL_TEST_SERVER_BIN } from '../../infra/servers/paths';
import { install } from '../../infra/servers/stack';

/** Workflow tests need only the time-skipping test server executable; install it when missing. */
export default function globalSetup(): void {
  if (!existsSync(TEMPORAL_TEST_SERVER_BIN)) install(['temporal']);
}
