import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

/**
 * Stores a finished run's history in test/replay/histories/`file` for the replay test (STYLE H21), in protobufjs
 * object form (longs and bytes as strings): historyToJSON's protojson fails under Jest's module registry.
 */
export async function recordHistory(handle: WorkflowHandle, file: string): Promise<void> {
  const history = await handle.fetchHistory();
  const json = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), {
    longs: String,
    enums: String,
    bytes: String,
  });
  writeFileSync(path.resolve(__dirname, '../replay/histories', file), `${JSON.stringify(json, null, 1)}\n`);
}
