import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from '../../infra/servers/paths';
import { up } from '../../infra/servers/stack';

const run = promisify(execFile);

describe('the local stack scripts', () => {
  it('when stack:status runs, then it prints one JSON object with a protocol-checked health per server', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'stack:status'], { cwd: ROOT });
    const status = JSON.parse(stdout) as Record<
      string,
      { address: string; healthy: boolean; version: string | null; pid: number | null }
    >;
    expect(Object.keys(status).sort()).toEqual(['kafka', 'mongodb', 'temporal']);
    expect(status.temporal).toMatchObject({ address: '127.0.0.1:7233', healthy: true });
    expect(status.kafka).toMatchObject({ address: '127.0.0.1:9092', healthy: true, version: '3.9.2' });
    expect(status.mongodb?.healthy).toBe(true);
    expect(status.temporal?.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('when every server is already healthy, then up() reuses them and starts nothing', async () => {
    expect(await up()).toEqual([]);
  });
});
