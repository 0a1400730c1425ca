import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/**
 * AES-256-GCM payload encryption with key ids (INFRA.md (e), STYLE H17). Shaped like samples-typescript
 * `encryption/src/encryption-codec.ts`. Codecs run in the main Node thread (client, worker, codec server), never
 * inside the workflow sandbox, so `node:crypto` is fine here.
 */

/** Metadata `encoding` of an encrypted payload. */
export const ENCODING_ENCRYPTED = 'binary/encrypted';
/** Metadata key naming the key that encrypted the payload, so keys can rotate. */
export const METADATA_KEY_ID = 'encryption-key-id';

const CIPHER = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** One named AES-256 key. */
export interface PayloadKey {
  readonly id: string;
  readonly key: Buffer;
}

/** A malformed `PAYLOAD_KEYS` value; the message names the variable and the entry, never key material. */
export class PayloadKeyConfigError extends Error {
  override readonly name = 'PayloadKeyConfigError';
}

/** A payload that cannot be decrypted: unknown key id, truncated or tampered ciphertext, wrong key. */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
}

/**
 * Parses `PAYLOAD_KEYS`: `id:base64key[,id:base64key…]`, each key exactly 32 bytes (`openssl rand -base64 32`).
 * The first key encrypts; all of them decrypt. Throws a {@link PayloadKeyConfigError} naming `PAYLOAD_KEYS` and the
 * offending entry (by position and id, never by value).
 */
export function parsePayloadKeys(text: string): PayloadKey[] {
  const entries = text
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 0) {
    throw new PayloadKeyConfigError('PAYLOAD_KEYS is empty: expected id:base64key[,id:base64key…]');
  }
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const where = `PAYLOAD_KEYS entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) {
      throw new PayloadKeyConfigError(`${where} is not of the form id:base64key`);
    }
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!KEY_ID.test(id)) {
      throw new PayloadKeyConfigError(`${where}: key id must be 1-64 characters of A-Z a-z 0-9 . _ - (got "${id}")`);
    }
    if (seen.has(id)) {
      throw new PayloadKeyConfigError(`${where}: key id "${id}" appears more than once`);
    }
    seen.add(id);
    if (encoded.length === 0 || !STRICT_BASE64.test(encoded)) {
      throw new PayloadKeyConfigError(`${where}: key "${id}" is not valid base64`);
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== KEY_BYTES) {
      throw new PayloadKeyConfigError(
        `${where}: key "${id}" is ${key.length} bytes, expected ${KEY_BYTES} (AES-256; generate with openssl rand -base64 32)`
      );
    }
    return { id, key };
  });
}

function metadataText(payload: Payload, key: string): string | undefined {
  const value = payload.metadata?.[key];
  return value == null ? undefined : fromUtf8.decode(value);
}

/**
 * A {@link PayloadCodec} that encrypts each whole payload (data and original metadata, serialized with
 * `Payload.encodeDelimited`) with AES-256-GCM under the first key. Output data is `iv (12) || ciphertext || tag (16)`;
 * output metadata is `encoding = binary/encrypted` and `encryption-key-id = <id>`. `decode` passes other encodings
 * through untouched and decrypts with whichever configured key the payload names.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keysById: ReadonlyMap<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(keys: readonly PayloadKey[]) {
    const [first] = keys;
    if (!first) throw new PayloadKeyConfigError('PAYLOAD_KEYS is empty: at least one key is required');
    this.current = first;
    this.keysById = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id of the key new payloads are encrypted with. */
  get encryptionKeyId(): string {
    return this.current.id;
  }

  /** The ids of every key this codec can decrypt with, encrypting key first. */
  get keyIds(): string[] {
    return [...this.keysById.keys()];
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encryptOne(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decryptOne(payload));
  }

  private encryptOne(payload: Payload): Payload {
    const plaintext = temporal.api.common.v1.Payload.encodeDelimited(payload).finish();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.current.key, iv, { authTagLength: TAG_BYTES });
    const data = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        encoding: utf8.encode(ENCODING_ENCRYPTED),
        [METADATA_KEY_ID]: utf8.encode(this.current.id),
      },
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    };
  }

  private decryptOne(payload: Payload): Payload {
    if (metadataText(payload, 'encoding') !== ENCODING_ENCRYPTED) return payload;
    const keyId = metadataText(payload, METADATA_KEY_ID);
    if (keyId === undefined) {
      throw new PayloadDecryptionError(`Cannot decrypt payload: it has no "${METADATA_KEY_ID}" metadata`);
    }
    const key = this.keysById.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `Cannot decrypt payload: encryption key id "${keyId}" is not in PAYLOAD_KEYS (configured: ${this.keyIds.join(', ')})`
      );
    }
    const data = payload.data ?? new Uint8Array();
    if (data.length < IV_BYTES + TAG_BYTES) {
      throw new PayloadDecryptionError(`Cannot decrypt payload with key "${keyId}": ciphertext is truncated`);
    }
    const iv = data.subarray(0, IV_BYTES);
    const tag = data.subarray(data.length - TAG_BYTES);
    const ciphertext = data.subarray(IV_BYTES, data.length - TAG_BYTES);
    let plaintext: Buffer;
    try {
      const decipher = createDecipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(
        `Cannot decrypt payload with key "${keyId}": authentication failed (tampered data or a different key under that id)`
      );
    }
    return temporal.api.common.v1.Payload.decodeDelimited(plaintext);
  }
}

/** Builds the codec from the `PAYLOAD_KEYS` configuration string. */
export function createPayloadCodec(payloadKeys: string): AesGcmPayloadCodec {
  return new AesGcmPayloadCodec(parsePayloadKeys(payloadKeys));
}
