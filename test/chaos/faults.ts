import { execFileSync } from 'node:child_process';
import { ensureServer } from '../../infra/servers/stack';
import { stackServers, type ServerSpec } from '../../infra/servers/servers';
import { stopRecorded } from '../../infra/servers/processes';

/*
 * The chaos run's faults, done to the real servers and processes: a kill -9 of a platform process (its supervisor,
 * workers/start.ts, restarts it), and a stop and start of a server through the stack's own scripts (its state on
 * disk survives, as a crashed server's would).
 */

const serverNamed = (name: ServerSpec['name']): ServerSpec => {
  const spec = stackServers().find((s) => s.name === name);
  if (!spec) throw new Error(`no stack server named ${name}`);
  return spec;
};

/** Every descendant of `root` whose command line contains `marker` (ps; Linux). */
export function descendantsMatching(root: number, marker: string): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' }));
  const children = new Map<number, number[]>();
  for (const r of rows) children.set(r.ppid, [...(children.get(r.ppid) ?? []), r.pid]);
  const below = new Set<number>();
  const walk = (pid: number): void => {
    for (const c of children.get(pid) ?? []) {
      below.add(c);
      walk(c);
    }
  };
  walk(root);
  return rows.filter((r) => below.has(r.pid) && r.args.includes(marker)).map((r) => r.pid);
}

/** kill -9 every process under `root` running `script` (the tsx wrapper and the node process it runs). */
export function killProcess(root: number, script: string): number[] {
  const pids = descendantsMatching(root, script);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  return pids;
}

/** Stops a server (its stop signal, then SIGKILL after a grace period). */
export async function stopServer(name: ServerSpec['name']): Promise<void> {
  await stopRecorded(name, 10_000);
}

/** Starts a server again and waits until its probe answers. */
export async function startServer(name: ServerSpec['name']): Promise<void> {
  await ensureServer(serverNamed(name));
}

/** Stops, then starts a server (state on disk kept). */
export async function restartServer(name: ServerSpec['name']): Promise<void> {
  await stopServer(name);
  await startServer(name);
}
