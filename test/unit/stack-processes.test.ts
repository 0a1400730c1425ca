import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { RUN_DIR } from '../../infra/servers/paths';
import { liveRecord, pidFile, recordedCommandLine, spawnDetached, stopRecorded } from '../../infra/servers/processes';
import type { ServerSpec } from '../../infra/servers/servers';
import { ensureServer, StackError } from '../../infra/servers/stack';
import { uniqueSuffix } from '../support/unique';

describe('stack process control (no servers needed)', () => {
  it('when a recorded process is stopped, then exactly that pid is terminated and its pid file removed', async () => {
    const name = `test-fake-${uniqueSuffix()}`;
    const record = spawnDetached(name, '/bin/sleep', ['60']);
    expect(liveRecord(name)?.pid).toBe(record.pid);
    expect(recordedCommandLine(name)).toEqual(['/bin/sleep', '60']);
    expect(await stopRecorded(name, 5_000)).toBe(true);
    expect(liveRecord(name)).toBeUndefined();
    expect(recordedCommandLine(name)).toBeUndefined();
  });

  it('when a server records its own stop signal, then stopRecorded sends that one (PostgreSQL: SIGINT)', async () => {
    const name = `test-sigint-${uniqueSuffix()}`;
    // Ignores SIGTERM and exits on SIGINT, as a server whose SIGTERM shutdown waits for its clients would appear.
    spawnDetached(name, '/bin/sh', ['-c', 'trap "" TERM; trap "exit 0" INT; while :; do sleep 0.1; done'], {
      stopSignal: 'SIGINT',
    });
    const t0 = Date.now();
    expect(await stopRecorded(name, 10_000)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5_000); // not the 10 s grace that ends in SIGKILL
  });

  it('when a pid file points at a process running another program, then nothing is signalled', async () => {
    const name = `test-recycled-${uniqueSuffix()}`;
    // A live process that is not the recorded executable: a recycled pid must never be killed.
    const other = spawn('/bin/sleep', ['30'], { stdio: 'ignore' });
    mkdirSync(RUN_DIR, { recursive: true });
    writeFileSync(pidFile(name), JSON.stringify({ pid: other.pid, command: '/opt/not/kafka', startedAt: '' }));
    expect(await stopRecorded(name, 1_000)).toBe(false);
    expect(other.exitCode).toBeNull();
    expect(() => process.kill(other.pid!, 0)).not.toThrow();
    other.kill('SIGKILL');
  });

  it('when the port of a server is taken by another program, then the error names the server and the port', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const spec: ServerSpec = {
      name: 'kafka',
      host: '127.0.0.1',
      ports: [port],
      address: `127.0.0.1:${port}`,
      external: false,
      readyTimeoutMs: 1_000,
      probe: async () => ({ healthy: false, detail: 'not kafka' }),
      start: () => {
        throw new Error('must not start on a taken port');
      },
    };
    try {
      await expect(ensureServer(spec)).rejects.toThrow(StackError);
      await expect(ensureServer(spec)).rejects.toThrow(new RegExp(`kafka: port ${port} is already taken`));
    } finally {
      blocker.close();
    }
  });

  it('when a server exits during start-up, then the error carries the last lines of its log', async () => {
    const name = `test-crash-${uniqueSuffix()}`;
    const spec = {
      name,
      host: '127.0.0.1',
      ports: [],
      address: 'nowhere',
      external: false,
      readyTimeoutMs: 10_000,
      probe: async () => ({ healthy: false }),
      start: () => spawnDetached(name, '/bin/sh', ['-c', 'echo "FATAL: bad config line 7"; exit 3']),
    } as unknown as ServerSpec;
    await expect(ensureServer(spec)).rejects.toThrow(/exited during start-up[\s\S]*FATAL: bad config line 7/);
  });
});
