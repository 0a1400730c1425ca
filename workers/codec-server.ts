import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { loadConfig, type Config } from '../infra/config';
import { getPayloadCodec } from '../infra/temporal/data-converter';

/**
 * The codec server of the Temporal UI and CLI (INFRA.md (e), shaped like samples-typescript
 * `encryption/src/codec-server.ts`), on 127.0.0.1 only.
 *
 * Decoding needs the operator token (CODEC_SERVER_TOKEN). The UI sends `Authorization: Bearer` only to https
 * endpoints, so locally the token travels in the endpoint path: the operator sets `http://127.0.0.1:8888/t/<token>`
 * as the UI's codec endpoint and the UI calls `…/t/<token>/decode`. Behind https the header works as well. Without a
 * valid token `/decode` answers the payloads unchanged (the UI shows ciphertext) and `/encode` answers 401.
 * Logs carry counts and status codes only, never payloads, and never the path (it holds the token).
 */

/** The Temporal UI's origins for the local dev server (`start-dev --ui-port 8233`). */
export const DEFAULT_ALLOWED_ORIGINS: readonly string[] = ['http://localhost:8233', 'http://127.0.0.1:8233'];

/** Largest accepted request body; a history page of payloads stays far below it. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** The operator token; decode and encode require it. */
  token: string;
  /** Browser origins that may call the server (CORS); default {@link DEFAULT_ALLOWED_ORIGINS}. */
  allowedOrigins?: readonly string[];
  /** Receives one line per request: method, route, status, payload count. Default: none. */
  log?: (line: string) => void;
}

/** proto3 JSON of `temporal.api.common.v1.Payloads`: every metadata value and `data` base64. */
const PayloadsBody = z.object({
  payloads: z.array(
    z.object({
      metadata: z.record(z.string(), z.string()).nullish(),
      data: z.string().nullish(),
    })
  ),
});
type JsonPayload = z.infer<typeof PayloadsBody>['payloads'][number];

const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
const toBase64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

function fromJson(p: JsonPayload): Payload {
  const metadata: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata[k] = fromBase64(v);
  return { metadata, data: fromBase64(p.data ?? '') };
}

function toJson(p: Payload): { metadata: Record<string, string>; data: string } {
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(p.metadata ?? {})) {
    if (v != null) metadata[k] = toBase64(v);
  }
  return { metadata, data: toBase64(p.data ?? new Uint8Array()) };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Constant-time token check; hashing first gives both sides the same length. */
function tokenMatches(candidate: string | undefined, expected: Buffer): boolean {
  if (candidate === undefined || candidate.length === 0) return false;
  return timingSafeEqual(createHash('sha256').update(candidate).digest(), expected);
}

/** `/decode`, `/encode`, `/t/<token>/decode`, `/t/<token>/encode` → the operation and the path token. */
function route(pathname: string): { op: 'decode' | 'encode'; pathToken?: string } | undefined {
  const match = /^(?:\/t\/([^/]+))?\/(decode|encode)\/?$/.exec(pathname);
  if (!match) return undefined;
  let pathToken: string | undefined;
  if (match[1] !== undefined) {
    try {
      pathToken = decodeURIComponent(match[1]);
    } catch {
      pathToken = undefined;
    }
  }
  return { op: match[2] === 'encode' ? 'encode' : 'decode', pathToken };
}

function bearer(req: http.IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Creates (does not start) the codec server. The caller listens, e.g. `server.listen(8888, '127.0.0.1')`, and
 * closes it. No process-level side effects, so tests run it on an ephemeral port.
 */
export function createCodecServer(options: CodecServerOptions): http.Server {
  const { codec } = options;
  const allowedOrigins = new Set(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS);
  const expectedToken = createHash('sha256').update(options.token).digest();
  const log = options.log ?? (() => undefined);

  const cors = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    res.setHeader('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin === undefined || !allowedOrigins.has(origin)) return;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'content-type, x-namespace, authorization');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Max-Age', '600');
  };

  const send = (res: http.ServerResponse, status: number, body?: unknown): void => {
    if (body === undefined) {
      res.writeHead(status).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<string> => {
    cors(req, res);
    const pathname = new URL(req.url ?? '/', 'http://codec.invalid').pathname;
    if (req.method === 'GET' && pathname === '/healthz') {
      send(res, 200, { status: 'ok' });
      return 'healthz 200';
    }
    const target = route(pathname);
    if (!target) {
      send(res, 404, { error: 'not found' });
      return 'unknown route 404';
    }
    if (req.method === 'OPTIONS') {
      send(res, 204);
      return `${target.op} preflight 204`;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST, OPTIONS');
      send(res, 405, { error: 'method not allowed' });
      return `${target.op} ${req.method ?? '?'} 405`;
    }
    const authorized = tokenMatches(target.pathToken, expectedToken) || tokenMatches(bearer(req), expectedToken);
    if (target.op === 'encode' && !authorized) {
      req.resume();
      send(res, 401, { error: 'a valid operator token is required' });
      return 'encode 401';
    }
    let parsed: z.infer<typeof PayloadsBody>;
    try {
      parsed = PayloadsBody.parse(JSON.parse(await readBody(req)));
    } catch (err) {
      if (err instanceof HttpError) throw err;
      throw new HttpError(400, 'expected {"payloads":[{"metadata":{…},"data":"<base64>"}]}');
    }
    const count = parsed.payloads.length;
    if (!authorized) {
      // No token: the caller gets exactly what it sent, still encrypted.
      send(res, 200, { payloads: parsed.payloads.map((p) => toJson(fromJson(p))) });
      return `decode ${count} payloads unauthorized (unchanged) 200`;
    }
    const input = parsed.payloads.map(fromJson);
    let output: Payload[];
    try {
      output = target.op === 'decode' ? await codec.decode(input) : await codec.encode(input);
    } catch (err) {
      // Codec errors name key ids and causes, never payload contents.
      throw new HttpError(422, err instanceof Error ? err.message : 'codec failed');
    }
    send(res, 200, { payloads: output.map(toJson) });
    return `${target.op} ${count} payloads 200`;
  };

  return http.createServer((req, res) => {
    handle(req, res).then(
      (line) => log(line),
      (err: unknown) => {
        const status = err instanceof HttpError ? err.status : 500;
        const message = err instanceof HttpError ? err.message : 'internal error';
        if (!res.headersSent) send(res, status, { error: message });
        else res.end();
        if (status === 413) req.destroy();
        log(`${req.method ?? '?'} ${status}`);
      }
    );
  });
}

/** Composition root (STYLE H6): config, codec, listen on loopback, close gracefully on SIGINT/SIGTERM. */
export async function main(config: Config = loadConfig()): Promise<void> {
  const server = createCodecServer({
    codec: getPayloadCodec(config),
    token: config.CODEC_SERVER_TOKEN,
    log: (line) => process.stdout.write(`codec-server: ${line}\n`),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.CODEC_SERVER_PORT, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  process.stdout.write(
    `codec server on http://127.0.0.1:${port}; decoded payloads need the operator token: ` +
      `set the UI codec endpoint to http://127.0.0.1:${port}/t/<CODEC_SERVER_TOKEN>\n`
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve());
      server.closeIdleConnections();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`codec server failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  );
}
