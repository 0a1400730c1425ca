import net from 'node:net';
import {
  blockedDirectories,
  FERRETDB_PG_POOL,
  ferretdbPostgresUrl,
  initdbArgs,
  parsePasswdLine,
  postgresArgs,
  serverAccount,
  type Account,
} from '../../infra/servers/postgres';
import {
  interpretStartup,
  probePostgres,
  splitMessages,
  startupMessage,
  type BackendMessage,
} from '../../infra/servers/postgres-probe';
import { storeBackend } from '../../infra/servers/store';

/** A backend message as the server sends it: type byte, Int32 length (counting itself), body. */
const message = (type: string, body: Buffer): Buffer => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const int32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n, 0);
  return b;
};
const authOk = message('R', int32(0));
const parameter = (name: string, value: string): Buffer => message('S', Buffer.from(`${name}\0${value}\0`));
const ready = message('Z', Buffer.from('I'));
const error = (code: string, text: string): Buffer => message('E', Buffer.from(`SFATAL\0C${code}\0M${text}\0\0`));
const parse = (bytes: Buffer): BackendMessage[] => splitMessages(bytes).messages;

describe('the local PostgreSQL behind FerretDB (no servers needed)', () => {
  it('when the postmaster command line is built, then it listens on loopback TCP with its socket in the data dir', () => {
    expect(postgresArgs('/work/app/.tools/state/postgres', 5432)).toEqual([
      '-D',
      '/work/app/.tools/state/postgres',
      '-p',
      '5432',
      '-h',
      '127.0.0.1',
      '-k',
      '/work/app/.tools/state/postgres',
      '-N',
      '220',
    ]);
  });

  it('when the socket path would exceed the 107 bytes Linux allows, then the server gets no Unix socket', () => {
    const deep = `/${'d'.repeat(100)}/.tools/state/postgres`;
    expect(postgresArgs(deep, 5432)).toEqual(expect.arrayContaining(['-k', '']));
  });

  it('when the data directory is initialised, then the superuser is postgres without passwords, C locale, UTF-8', () => {
    expect(initdbArgs('/d')).toEqual(
      expect.arrayContaining(['-D', '/d', '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'])
    );
  });

  it('when FerretDB is started, then it connects as postgres to the ferretdb database on loopback', () => {
    expect(ferretdbPostgresUrl(5432)).toBe(
      'postgres://postgres@127.0.0.1:5432/ferretdb?pool_max_conns=200&pool_max_conn_idle_time=1m'
    );
  });

  it("when the server starts, then it admits FerretDB's whole pool and a margin", () => {
    const args = postgresArgs('/d', 5432);
    expect(Number(args[args.indexOf('-N') + 1])).toBeGreaterThan(FERRETDB_PG_POOL);
  });

  it('when the stack runs as root, then PostgreSQL runs as claims-postgres; as anyone else, as that user', () => {
    const account: Account = { name: 'claims-postgres', uid: 995, gid: 994 };
    const lookup = jest.fn((_name: string) => account);
    expect(serverAccount(1000, lookup)).toBeUndefined();
    expect(lookup).not.toHaveBeenCalled();
    expect(serverAccount(0, lookup)).toBe(account);
    expect(lookup).toHaveBeenCalledWith('claims-postgres');
  });

  it('when getent prints a passwd entry, then its uid and gid are read; anything else is no account', () => {
    expect(parsePasswdLine('claims-postgres:x:995:994:PostgreSQL:/nonexistent:/usr/sbin/nologin\n')).toEqual({
      name: 'claims-postgres',
      uid: 995,
      gid: 994,
    });
    expect(parsePasswdLine('')).toBeUndefined();
    expect(parsePasswdLine('garbage')).toBeUndefined();
  });

  it('when a directory on the way is closed to others, then only that one is reported as blocking', () => {
    const account: Account = { name: 'claims-postgres', uid: 995, gid: 994 };
    const modes: Record<string, { mode: number; uid: number; gid: number }> = {
      '/': { mode: 0o755, uid: 0, gid: 0 },
      '/root': { mode: 0o700, uid: 0, gid: 0 },
      '/root/app': { mode: 0o755, uid: 0, gid: 0 },
      '/root/app/state': { mode: 0o750, uid: 0, gid: 994 }, // its group may enter
      '/root/app/bin': { mode: 0o700, uid: 995, gid: 995 }, // its owner may enter
    };
    const stat = (dir: string): { mode: number; uid: number; gid: number } => {
      const s = modes[dir];
      if (!s) throw new Error(`unexpected stat of ${dir}`);
      return s;
    };
    expect(blockedDirectories(['/root/app/state', '/root/app/bin'], account, stat)).toEqual(['/root']);
  });

  it('when CLAIMS_STORE_BACKEND is unset, then FerretDB stores in PostgreSQL; sqlite is the only alternative', () => {
    expect(storeBackend({})).toBe('postgresql');
    expect(storeBackend({ CLAIMS_STORE_BACKEND: 'sqlite' })).toBe('sqlite');
    expect(() => storeBackend({ CLAIMS_STORE_BACKEND: 'mysql' })).toThrow(/CLAIMS_STORE_BACKEND.*"mysql"/);
  });
});

describe('the PostgreSQL protocol probe', () => {
  it('when a startup message is built, then it carries its length, protocol 3.0, user and database', () => {
    const m = startupMessage('postgres', 'ferretdb');
    expect(m.readInt32BE(0)).toBe(m.length);
    expect(m.readInt32BE(4)).toBe(196608);
    expect(m.subarray(8).toString()).toBe('user\0postgres\0database\0ferretdb\0\0');
  });

  it('when a message arrives split across reads, then it is kept until complete', () => {
    const bytes = Buffer.concat([authOk, parameter('server_version', '18.6')]);
    const first = splitMessages(bytes.subarray(0, 12));
    expect(first.messages.map((m) => m.type)).toEqual(['R']);
    const second = splitMessages(Buffer.concat([first.rest, bytes.subarray(12)]));
    expect(second.messages.map((m) => m.type)).toEqual(['S']);
    expect(second.rest.length).toBe(0);
  });

  it('when the server accepts the session, then the probe is ready with the server version', () => {
    const answer = parse(Buffer.concat([authOk, parameter('server_version', '18.6'), parameter('TimeZone', 'UTC')]));
    expect(interpretStartup(answer)).toBeUndefined(); // not finished before ReadyForQuery
    expect(interpretStartup([...answer, ...parse(ready)])).toEqual({ ready: true, serverVersion: '18.6' });
  });

  it('when the server asks for a password, then it is not the stack PostgreSQL', () => {
    expect(interpretStartup(parse(message('R', int32(10))))).toMatchObject({
      ready: false,
      detail: expect.stringMatching(/authentication \(method 10\)/),
    });
  });

  it('when the database is missing, then the probe reports the server error', () => {
    expect(interpretStartup(parse(error('3D000', 'database "ferretdb" does not exist')))).toEqual({
      ready: false,
      detail: 'FATAL 3D000: database "ferretdb" does not exist',
    });
  });

  it('when a server answers the startup packet over TCP, then probePostgres reads it and says goodbye', async () => {
    const received: Buffer[] = [];
    const server = net.createServer((socket) => {
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        if (received.length === 1) {
          socket.write(Buffer.concat([authOk, parameter('server_version', '18.6')]));
          setTimeout(() => socket.write(ready), 20);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      await expect(probePostgres('127.0.0.1', port, 'postgres', 'ferretdb')).resolves.toEqual({
        ready: true,
        serverVersion: '18.6',
      });
      await new Promise((r) => setTimeout(r, 50));
      expect(Buffer.concat(received).subarray(-5)).toEqual(Buffer.from([0x58, 0, 0, 0, 4])); // Terminate
    } finally {
      server.close();
    }
  });

  it('when nothing listens, then probePostgres is not ready and says why', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    await expect(probePostgres('127.0.0.1', port, 'postgres', 'ferretdb')).resolves.toMatchObject({
      ready: false,
      detail: expect.stringMatching(/ECONNREFUSED/),
    });
  });
});
