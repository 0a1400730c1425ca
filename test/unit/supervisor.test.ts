import { spawn, type ChildProcess } from 'node:child_process';
import { EXIT_STALLED } from '../../workers/stall-watchdog';
import { createSupervisor } from '../../workers/supervisor';
import { eventually } from '../support/unique';

/** A child running `script` with node: real processes, as `npm start` runs its own. */
const node = (script: string): ChildProcess => spawn(process.execPath, ['-e', script], { stdio: 'ignore' });

describe('npm start supervision (workers/supervisor.ts)', () => {
  it('when a child names a stall and exits EXIT_STALLED, then the supervisor says so and restarts it with backoff', async () => {
    const said: string[] = [];
    const launched: ChildProcess[] = [];
    const supervisor = createSupervisor<{ name: string }>({
      // First run: the stall watchdog has fired (exit 3); second run: it keeps working.
      launch: () => {
        const child = node(launched.length === 0 ? `process.exit(${EXIT_STALLED})` : 'setInterval(() => {}, 1000)');
        launched.push(child);
        return child;
      },
      say: (line) => said.push(line),
      backoff: { baseMs: 50 },
    });
    try {
      supervisor.supervise({ name: 'consumers' });
      await eventually(async () => launched.length === 2 && supervisor.children.get('consumers') === launched[1]);
      expect(said).toEqual([
        `consumers stalled (exit code ${EXIT_STALLED}; its last lines name the cause); restarting in 0.05 s`,
      ]);
      expect(launched[1]?.exitCode).toBeNull();
    } finally {
      await supervisor.stopAll(2_000);
    }
    expect(launched[1]?.signalCode).toBe('SIGTERM');
  });

  it('when a child keeps failing, then each restart waits twice as long, up to the maximum', async () => {
    const said: string[] = [];
    let launches = 0;
    const supervisor = createSupervisor<{ name: string }>({
      launch: () => {
        launches += 1;
        return node('process.exit(1)');
      },
      say: (line) => said.push(line),
      backoff: { baseMs: 20, maxMs: 80 },
    });
    try {
      supervisor.supervise({ name: 'worker' });
      await eventually(async () => launches >= 5);
    } finally {
      await supervisor.stopAll(2_000);
    }
    expect(said.slice(0, 4).map((l) => /restarting in ([\d.]+) s/.exec(l)?.[1])).toEqual([
      '0.02',
      '0.04',
      '0.08',
      '0.08',
    ]);
    expect(said[0]).toBe('worker exited (code 1, signal null); restarting in 0.02 s');
  });

  it('when a child finishes its work (exit 0), then it is not restarted', async () => {
    const said: string[] = [];
    let launches = 0;
    const supervisor = createSupervisor<{ name: string }>({
      launch: () => {
        launches += 1;
        return node('process.exit(0)');
      },
      say: (line) => said.push(line),
      backoff: { baseMs: 10 },
    });
    supervisor.supervise({ name: 'demo' });
    await eventually(async () => said.length > 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(said).toEqual(['demo finished']);
    expect(launches).toBe(1);
    await supervisor.stopAll();
  });
});
