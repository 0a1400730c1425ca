import { quietBundlerLogger } from '../support/quiet-temporal';
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createPayloadCodec, ENCODING_ENCRYPTED } from '../../infra/temporal/codec';
import {
  FAILURE_CONVERTER_PATH,
  getClientDataConverter,
  getPayloadCodec,
  getWorkerDataConverter,
} from '../../infra/temporal/data-converter';
import { createCodecServer } from '../../workers/codec-server';
import { codecEchoWorkflow, codecFailingWorkflow, type CodecProbeInput } from './fixtures/codec-workflows';
import { connectDevServerEnv } from '../support/temporal-env';
import { taskQueueFor, uniqueSuffix } from '../support/unique';

const IC_NUMBER = '000000-00-0000'; // synthetic
const TOKEN = `operator-${randomBytes(12).toString('hex')}`;
const UI_ORIGINS = ['http://localhost:8233', 'http://127.0.0.1:8233'];

type JsonPayload = { metadata: Record<string, string>; data: string };
const toJson = (p: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});
const fromJson = (p: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});

describe('codec server (HTTP)', () => {
  const codec = createPayloadCodec(`it-key:${randomBytes(32).toString('base64')}`);
  let server: http.Server;
  let base: string;
  const original = defaultPayloadConverter.toPayload({ claimant: { icNumber: IC_NUMBER } });
  let encrypted: JsonPayload;

  beforeAll(async () => {
    server = createCodecServer({ codec, token: TOKEN });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const [enc] = await codec.encode([original]);
    encrypted = toJson(enc!);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-namespace': 'default', ...headers },
      body: JSON.stringify(body),
    });

  const decodedValue = async (res: Response): Promise<unknown> => {
    const body = (await res.json()) as { payloads: JsonPayload[] };
    return defaultPayloadConverter.fromPayload(fromJson(body.payloads[0]!));
  };

  it.each(UI_ORIGINS)('when the UI at %s sends a preflight, then the CORS headers echo its origin', async (origin) => {
    for (const path of ['/decode', `/t/${TOKEN}/decode`]) {
      const res = await fetch(`${base}${path}`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type,x-namespace',
        },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('vary')).toBe('Origin');
      expect(res.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
      expect(res.headers.get('access-control-allow-headers')).toBe('content-type, x-namespace, authorization');
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    }
  });

  it('when a foreign origin sends a preflight or a POST, then no CORS headers are returned', async () => {
    const preflight = await fetch(`${base}/decode`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    const res = await post('/decode', { payloads: [encrypted] }, { Origin: 'http://evil.example' });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when the UI posts to /decode without a token, then the payload comes back unchanged (still encrypted)', async () => {
    const res = await post('/decode', { payloads: [encrypted] }, { Origin: UI_ORIGINS[0]! });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI_ORIGINS[0]);
    const body = (await res.json()) as { payloads: JsonPayload[] };
    expect(body.payloads).toEqual([encrypted]);
    expect(JSON.stringify(body)).not.toContain(Buffer.from(IC_NUMBER).toString('base64').slice(0, 12));
  });

  it('when the token is in the endpoint path, then /decode returns the original payload', async () => {
    const res = await post(`/t/${TOKEN}/decode`, { payloads: [encrypted] });
    expect(res.status).toBe(200);
    expect(await decodedValue(res)).toEqual({ claimant: { icNumber: IC_NUMBER } });
  });

  it('when the token is a Bearer header, then /decode returns the original payload', async () => {
    const res = await post('/decode', { payloads: [encrypted] }, { Authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { payloads: JsonPayload[] };
    expect(body.payloads[0]).toEqual(toJson(original));
  });

  it('when /encode is called without a token, then it answers 401; with the token it encrypts', async () => {
    const plain = { payloads: [toJson(original)] };
    expect((await post('/encode', plain)).status).toBe(401);
    const res = await post(`/t/${TOKEN}/encode`, plain);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { payloads: JsonPayload[] };
    const [roundTrip] = await codec.decode([fromJson(body.payloads[0]!)]);
    expect(defaultPayloadConverter.fromPayload(roundTrip!)).toEqual({ claimant: { icNumber: IC_NUMBER } });
  });

  it('when the token is wrong, then it behaves as no token', async () => {
    const wrong = `${TOKEN}x`;
    const viaPath = await post(`/t/${wrong}/decode`, { payloads: [encrypted] });
    expect(((await viaPath.json()) as { payloads: JsonPayload[] }).payloads).toEqual([encrypted]);
    const viaHeader = await post('/decode', { payloads: [encrypted] }, { Authorization: `Bearer ${wrong}` });
    expect(((await viaHeader.json()) as { payloads: JsonPayload[] }).payloads).toEqual([encrypted]);
    expect((await post(`/t/${wrong}/encode`, { payloads: [toJson(original)] })).status).toBe(401);
    expect((await post('/encode', { payloads: [] }, { Authorization: 'Bearer ' })).status).toBe(401);
  });

  it('when the body is not payloads JSON, then 400; GET /healthz answers 200', async () => {
    expect((await post(`/t/${TOKEN}/decode`, { nope: true })).status).toBe(400);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/elsewhere`, { method: 'POST' })).status).toBe(404);
  });
});

describe('payload encryption end to end (Temporal dev server)', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;
  const config = {
    PAYLOAD_KEYS: `e2e-${uniqueSuffix().replace(/[^A-Za-z0-9-]/g, '')}:${randomBytes(32).toString('base64')}`,
  };
  const icBytes = Buffer.from(IC_NUMBER);

  beforeAll(async () => {
    env = await connectDevServerEnv(getClientDataConverter(config));
    bundle = await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/codec-workflows'),
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: quietBundlerLogger,
    });
  });

  afterAll(async () => {
    await env?.teardown();
  });

  /** The raw history as the server stores it, fetched by a client with no codec. */
  async function rawHistory(workflowId: string): Promise<temporal.api.history.v1.IHistory> {
    const plainClient = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
    return plainClient.workflow.getHandle(workflowId).fetchHistory();
  }

  /** Every Payload message anywhere in the history (objects with Uint8Array `data` or byte-valued `metadata`). */
  function payloadsIn(node: unknown, found: Payload[] = []): Payload[] {
    if (node === null || typeof node !== 'object' || node instanceof Uint8Array) return found;
    const record = node as Record<string, unknown>;
    if (record.data instanceof Uint8Array && record.metadata && typeof record.metadata === 'object') {
      found.push(record as Payload);
      return found;
    }
    for (const value of Object.values(record)) payloadsIn(value, found);
    return found;
  }

  function expectNoPlaintext(history: temporal.api.history.v1.IHistory): Payload[] {
    const wire = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
    expect(wire.includes(icBytes)).toBe(false);
    const asJson = JSON.stringify(temporal.api.history.v1.History.fromObject(history).toJSON());
    expect(asJson).not.toContain(IC_NUMBER);
    const payloads = payloadsIn(history);
    for (const p of payloads) {
      expect(Buffer.from(p.metadata?.encoding ?? new Uint8Array()).toString()).toBe(ENCODING_ENCRYPTED);
      expect(Buffer.from(p.data!).includes(icBytes)).toBe(false);
      expect(Buffer.from(Buffer.from(p.data!).toString('base64'), 'base64').includes(icBytes)).toBe(false);
    }
    return payloads;
  }

  it('when a workflow runs with a claimant IC number, then the raw history holds only ciphertext and the codec reads it back', async () => {
    const taskQueue = taskQueueFor('codec e2e echo');
    const workflowId = `codec-e2e-${uniqueSuffix()}`;
    const input: CodecProbeInput = { claimId: 'C-CODEC-1', claimant: { name: 'Test Claimant', icNumber: IC_NUMBER } };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      dataConverter: getWorkerDataConverter(config),
    });
    const result = await worker.runUntil(
      env.client.workflow.execute(codecEchoWorkflow, { taskQueue, workflowId, args: [input] })
    );
    expect(result).toEqual(input);

    const history = await rawHistory(workflowId);
    const payloads = expectNoPlaintext(history);
    expect(payloads.length).toBeGreaterThanOrEqual(2); // input and result

    // The input payload, decrypted with the codec, is the original input.
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    const [inputPayload] = started?.input?.payloads ?? [];
    const [decoded] = await getPayloadCodec(config).decode([inputPayload!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(input);
  });

  it('when a workflow fails with personal data in the message, then the failure is encrypted too', async () => {
    const taskQueue = taskQueueFor('codec e2e failure');
    const workflowId = `codec-e2e-${uniqueSuffix()}`;
    const input: CodecProbeInput = { claimId: 'C-CODEC-2', claimant: { name: 'Test Claimant', icNumber: IC_NUMBER } };
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: bundle,
      dataConverter: getWorkerDataConverter(config),
    });
    const error = await worker.runUntil(
      env.client.workflow.execute(codecFailingWorkflow, { taskQueue, workflowId, args: [input] }).then(
        () => undefined,
        (err: unknown) => err
      )
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const cause = (error as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('NotEligible');
    expect(cause?.message).toBe(`refused claimant ${IC_NUMBER}`);

    const history = await rawHistory(workflowId);
    expectNoPlaintext(history);
    const failed = history.events?.find((e) => e.workflowExecutionFailedEventAttributes);
    expect(failed?.workflowExecutionFailedEventAttributes?.failure?.message).toBe('Encoded failure');
  });
});
