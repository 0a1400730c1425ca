import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type FailureConverter, type Payload } from '@temporalio/common';
import {
  createPayloadCodec,
  ENCODING_ENCRYPTED,
  METADATA_KEY_ID,
  parsePayloadKeys,
  PayloadDecryptionError,
  PayloadKeyConfigError,
} from '../../infra/temporal/codec';
import { getClientDataConverter, getWorkerDataConverter } from '../../infra/temporal/data-converter';
import { loadConfig } from '../../infra/config';

const IC_NUMBER = '000000-00-0000'; // synthetic, not a real identity card number
const claimInput = { claimId: 'C-1', claimant: { name: 'Test Claimant', icNumber: IC_NUMBER } };

const newKey = (): string => randomBytes(32).toString('base64');
const keyA = `key-a:${newKey()}`;
const keyB = `key-b:${newKey()}`;

const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
const toPayload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const fromPayload = (payload: Payload | undefined): unknown => defaultPayloadConverter.fromPayload(payload!);

describe('AES-GCM payload codec', () => {
  it('when a payload is encoded and decoded, then the original payload comes back with its metadata', async () => {
    const codec = createPayloadCodec(keyA);
    const original = toPayload(claimInput);
    const [encrypted] = await codec.encode([original]);
    expect(text(encrypted?.metadata?.encoding)).toBe(ENCODING_ENCRYPTED);
    expect(text(encrypted?.metadata?.[METADATA_KEY_ID])).toBe('key-a');

    const [decoded] = await codec.decode([encrypted!]);
    expect(text(decoded?.metadata?.encoding)).toBe('json/plain');
    expect(fromPayload(decoded)).toEqual(claimInput);
  });

  it('when the same payload is encoded twice, then the ciphertexts differ and neither contains the plaintext', async () => {
    const codec = createPayloadCodec(keyA);
    const original = toPayload(claimInput);
    const [first] = await codec.encode([original]);
    const [second] = await codec.encode([original]);
    expect(Buffer.from(first!.data!).equals(Buffer.from(second!.data!))).toBe(false);
    for (const encrypted of [first!, second!]) {
      const bytes = Buffer.from(encrypted.data!);
      expect(bytes.includes(IC_NUMBER)).toBe(false);
      expect(bytes.includes('json/plain')).toBe(false);
      expect(JSON.stringify(encrypted)).not.toContain(IC_NUMBER);
      // iv (12) || ciphertext || tag (16): the plaintext is the length-delimited payload, so it is longer than 28 bytes
      expect(bytes.length).toBeGreaterThan(28);
    }
  });

  it('when keys rotate to [B, A], then old payloads still decode and new ones use key B', async () => {
    const before = createPayloadCodec(keyA);
    const [old] = await before.encode([toPayload(claimInput)]);

    const after = createPayloadCodec(`${keyB},${keyA}`);
    expect(after.encryptionKeyId).toBe('key-b');
    expect(fromPayload((await after.decode([old!]))[0])).toEqual(claimInput);

    const [fresh] = await after.encode([toPayload(claimInput)]);
    expect(text(fresh?.metadata?.[METADATA_KEY_ID])).toBe('key-b');
    expect(fromPayload((await after.decode([fresh!]))[0])).toEqual(claimInput);
    await expect(before.decode([fresh!])).rejects.toThrow(/"key-b"/);
  });

  it('when a payload names a key id that is not configured, then decode fails naming that key id', async () => {
    const [encrypted] = await createPayloadCodec(keyA).encode([toPayload(claimInput)]);
    const promise = createPayloadCodec(keyB).decode([encrypted!]);
    await expect(promise).rejects.toThrow(PayloadDecryptionError);
    await expect(createPayloadCodec(keyB).decode([encrypted!])).rejects.toThrow(
      /encryption key id "key-a" is not in PAYLOAD_KEYS/
    );
  });

  it('when the ciphertext or tag is tampered with, then decode fails authentication', async () => {
    const codec = createPayloadCodec(keyA);
    const [encrypted] = await codec.encode([toPayload(claimInput)]);
    const data = encrypted!.data!;
    for (const index of [0, 20, data.length - 1]) {
      const tampered = Uint8Array.from(data);
      tampered[index] = tampered[index]! ^ 0x01;
      await expect(codec.decode([{ ...encrypted, data: tampered }])).rejects.toThrow(/authentication failed/);
    }
    await expect(codec.decode([{ ...encrypted, data: data.subarray(0, 20) }])).rejects.toThrow(/truncated/);

    // Same key id, different key material: also an authentication failure, not garbage output.
    const impostor = createPayloadCodec(`key-a:${newKey()}`);
    await expect(impostor.decode([encrypted!])).rejects.toThrow(/authentication failed/);
  });

  it('when a payload is not encrypted, then decode passes it through unchanged', async () => {
    const codec = createPayloadCodec(keyA);
    const plain = toPayload(claimInput);
    const binary: Payload = { metadata: { encoding: Buffer.from('binary/null') } };
    const decoded = await codec.decode([plain, binary]);
    expect(decoded[0]).toBe(plain);
    expect(decoded[1]).toBe(binary);
  });

  it('when several payloads are encoded, then each decodes back in order', async () => {
    const codec = createPayloadCodec(`${keyB},${keyA}`);
    const values = [claimInput, 42, 'text', null, [1, 2]];
    const decoded = await codec.decode(await codec.encode(values.map(toPayload)));
    expect(decoded.map(fromPayload)).toEqual(values);
  });
});

describe('PAYLOAD_KEYS parsing', () => {
  it('when the config lists several keys, then the first encrypts and all are kept in order', () => {
    const keys = parsePayloadKeys(` ${keyB} , ${keyA} `);
    expect(keys.map((k) => k.id)).toEqual(['key-b', 'key-a']);
    expect(keys.every((k) => k.key.length === 32)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['missing colon', newKey()],
    ['empty id', `:${newKey()}`],
    ['bad id characters', `bad id:${newKey()}`],
    ['duplicate id', `${keyA},${keyA}`],
    ['not base64', 'k1:not*base64!'],
    ['16-byte key', `k1:${randomBytes(16).toString('base64')}`],
    ['second entry bad', `${keyA},k2:${randomBytes(31).toString('base64')}`],
  ])('when the key config is malformed (%s), then the error names PAYLOAD_KEYS', (_case, value) => {
    expect(() => parsePayloadKeys(value)).toThrow(PayloadKeyConfigError);
    expect(() => parsePayloadKeys(value)).toThrow(/PAYLOAD_KEYS/);
  });

  it('when a key is malformed, then the error shows no key material', () => {
    const material = randomBytes(16).toString('base64');
    expect(() => parsePayloadKeys(`k1:${material}`)).toThrow(/k1.*16 bytes, expected 32/);
    try {
      parsePayloadKeys(`k1:${material}`);
    } catch (err) {
      expect(String(err)).not.toContain(material);
    }
  });

  it('when loadConfig sees a malformed PAYLOAD_KEYS, then it fails naming the variable without the value', () => {
    const bad = `k1:${randomBytes(16).toString('base64')}`;
    expect(() => loadConfig({ PAYLOAD_KEYS: bad })).toThrow(/PAYLOAD_KEYS/);
    expect(() => loadConfig({ PAYLOAD_KEYS: bad })).not.toThrow(bad);
    expect(loadConfig({ PAYLOAD_KEYS: `${keyB},${keyA}` }).PAYLOAD_KEYS).toBe(`${keyB},${keyA}`);
  });

  it('when NODE_ENV is production, then the development key and token are refused', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', CODEC_SERVER_TOKEN: 'a-real-operator-token' })).toThrow(
      /PAYLOAD_KEYS: the development key/
    );
    expect(() => loadConfig({ NODE_ENV: 'production', PAYLOAD_KEYS: keyA })).toThrow(/CODEC_SERVER_TOKEN/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', PAYLOAD_KEYS: keyA, CODEC_SERVER_TOKEN: 'a-real-operator-token' })
    ).not.toThrow();
  });
});

describe('data converters', () => {
  it('when asked twice for the same key set, then the same converters and codec come back', () => {
    const config = { PAYLOAD_KEYS: keyA };
    const client = getClientDataConverter(config);
    const worker = getWorkerDataConverter(config);
    expect(getClientDataConverter({ PAYLOAD_KEYS: keyA })).toBe(client);
    expect(getWorkerDataConverter({ PAYLOAD_KEYS: keyA })).toBe(worker);
    expect(client.payloadCodecs?.[0]).toBe(worker.payloadCodecs?.[0]);
    expect(getClientDataConverter({ PAYLOAD_KEYS: keyB })).not.toBe(client);
  });

  it('when the worker loads its failure converter by path, then failure messages become encoded attributes', () => {
    const worker = getWorkerDataConverter({ PAYLOAD_KEYS: keyA });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { failureConverter } = require(worker.failureConverterPath!) as { failureConverter: FailureConverter };
    const failure = failureConverter.errorToFailure(new Error(`refused for ${IC_NUMBER}`), defaultPayloadConverter);
    expect(failure.message).toBe('Encoded failure');
    expect(JSON.stringify(failure)).not.toContain(IC_NUMBER);
    expect(failure.encodedAttributes).toBeDefined();
  });
});
