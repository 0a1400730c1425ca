import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { ROOT } from '../../infra/servers/paths';
import { POSTGRES_PORT } from '../../infra/servers/store';
import { up } from '../../infra/servers/stack';

const run = promisify(execFile);

/** PostgreSQL is part of the stack only when the stack runs the store itself, on PostgreSQL. */
const ownPostgres = !process.env.MONGODB_URI && (process.env.CLAIMS_STORE_BACKEND ?? 'postgresql') === 'postgresql';

type Status = Record<string, { address: string; healthy: boolean; version: string | null; pid: number | null }>;

async function stackStatus(): Promise<Status> {
  const { stdout } = await run('npm', ['run', '-s', 'stack:status'], { cwd: ROOT });
  return JSON.parse(stdout) as Status;
}

/** The real uid a process runs as (/proc/<pid>/status, `Uid:` line). */
const uidOf = (pid: number): number => Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

describe('the local stack scripts', () => {
  it('when stack:status runs, then it prints one JSON object with a protocol-checked health per server', async () => {
    const status = await stackStatus();
    expect(Object.keys(status).sort()).toEqual(
      ownPostgres ? ['kafka', 'mongodb', 'postgres', 'temporal'] : ['kafka', 'mongodb', 'temporal']
    );
    expect(status.temporal).toMatchObject({ address: '127.0.0.1:7233', healthy: true });
    expect(status.kafka).toMatchObject({ address: '127.0.0.1:9092', healthy: true, version: '3.9.2' });
    expect(status.mongodb?.healthy).toBe(true);
    expect(status.temporal?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  (ownPostgres ? it : it.skip)(
    'when the store is FerretDB on PostgreSQL, then stack:status shows PostgreSQL 18 healthy and FerretDB on it',
    async () => {
      const status = await stackStatus();
      expect(status.postgres).toMatchObject({ address: `127.0.0.1:${POSTGRES_PORT}`, healthy: true });
      expect(status.postgres?.version).toMatch(/^PostgreSQL 18\.\d+/);
      expect(status.mongodb).toMatchObject({ implementation: expect.stringMatching(/^FerretDB .* on PostgreSQL 18/) });
      const pid = status.postgres?.pid;
      if (pid) {
        // PostgreSQL refuses root: under root the stack runs it as an unprivileged account, else as the caller.
        const uid = uidOf(pid);
        if (process.geteuid?.() === 0) expect(uid).not.toBe(0);
        else expect(uid).toBe(process.geteuid?.());
      }
    }
  );

  it('when every server is already healthy, then up() reuses them and starts nothing', async () => {
    expect(await up()).toEqual([]);
  });
});
