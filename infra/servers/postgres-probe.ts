import net from 'node:net';

/*
 * A PostgreSQL readiness probe that speaks the protocol itself (frontend/backend protocol 3.0): a startup message
 * as `user` to `database`, then AuthenticationOk, the server's ParameterStatus messages and ReadyForQuery. It needs
 * no client binary, and it proves what FerretDB needs: the server accepts `user` without a password on TCP and
 * `database` exists. A PostgreSQL that asks for a password (e.g. a distribution's own cluster on the same port) is
 * reported as not the stack's.
 */

/** One backend message: its type byte as a character and its body. */
export interface BackendMessage {
  type: string;
  body: Buffer;
}

/** What the probe found. */
export interface PostgresProbeResult {
  ready: boolean;
  /** `server_version` as the server reports it, e.g. `18.6`. */
  serverVersion?: string;
  detail?: string;
}

/** The StartupMessage of protocol 3.0 for `user` and `database`. */
export function startupMessage(user: string, database: string): Buffer {
  const params = Buffer.from(`user\0${user}\0database\0${database}\0\0`, 'utf8');
  const head = Buffer.alloc(8);
  head.writeInt32BE(8 + params.length, 0);
  head.writeInt32BE(196608, 4); // protocol 3.0
  return Buffer.concat([head, params]);
}

/** Splits `buffer` into complete backend messages; `rest` is an incomplete tail to prepend to the next chunk. */
export function splitMessages(buffer: Buffer): { messages: BackendMessage[]; rest: Buffer } {
  const messages: BackendMessage[] = [];
  let at = 0;
  while (buffer.length - at >= 5) {
    const length = buffer.readInt32BE(at + 1); // counts itself, not the type byte
    if (buffer.length - at < 1 + length) break;
    messages.push({ type: String.fromCharCode(buffer[at] ?? 0), body: buffer.subarray(at + 5, at + 1 + length) });
    at += 1 + length;
  }
  return { messages, rest: buffer.subarray(at) };
}

/** The fields of an ErrorResponse ('E'), keyed by their one-letter codes (S severity, C SQLSTATE, M message). */
export function errorFields(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const code = String.fromCharCode(body[at] ?? 0);
    const end = body.indexOf(0, at + 1);
    if (end < 0) break;
    out[code] = body.toString('utf8', at + 1, end);
    at = end + 1;
  }
  return out;
}

/**
 * Reads the answer to a startup message until ReadyForQuery or an error: pure, so the exchange is testable
 * without a server. `undefined` means "not finished yet, read more".
 */
export function interpretStartup(messages: BackendMessage[]): PostgresProbeResult | undefined {
  let serverVersion: string | undefined;
  for (const { type, body } of messages) {
    if (type === 'R') {
      const method = body.readInt32BE(0);
      if (method !== 0) {
        return { ready: false, detail: `asks for authentication (method ${method}): not the stack's PostgreSQL` };
      }
    } else if (type === 'S') {
      const [name, value] = body.toString('utf8').split('\0');
      if (name === 'server_version') serverVersion = value;
    } else if (type === 'E') {
      const f = errorFields(body);
      return { ready: false, detail: `${f.S ?? 'ERROR'} ${f.C ?? ''}: ${f.M ?? 'unknown error'}`.trim() };
    } else if (type === 'Z') {
      return { ready: true, serverVersion };
    }
  }
  return undefined;
}

/** Connects to host:port, sends the startup message and reads the answer, within `timeoutMs`. */
export function probePostgres(
  host: string,
  port: number,
  user: string,
  database: string,
  timeoutMs = 2_000
): Promise<PostgresProbeResult> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let pending: Buffer = Buffer.alloc(0);
    const seen: BackendMessage[] = [];
    let done = false;
    const finish = (result: PostgresProbeResult): void => {
      if (done) return;
      done = true;
      // A session that started ends with Terminate ('X'), so the server logs no lost connection.
      if (result.ready) socket.end(Buffer.from([0x58, 0, 0, 0, 4]));
      else socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish({ ready: false, detail: `no answer within ${timeoutMs} ms` }));
    socket.once('connect', () => socket.write(startupMessage(user, database)));
    socket.on('data', (chunk: Buffer) => {
      const { messages, rest } = splitMessages(Buffer.concat([pending, chunk]));
      pending = rest;
      seen.push(...messages);
      const result = interpretStartup(seen);
      if (result) finish(result);
    });
    socket.once('error', (err) => finish({ ready: false, detail: err.message }));
    socket.once('close', () => finish({ ready: false, detail: 'connection closed before ReadyForQuery' }));
  });
}
