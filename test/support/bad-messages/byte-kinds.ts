import fc from 'fast-check';
import { withField } from '../zod-fields';
import type { At, BadKind, TopicContract } from './types';

/** A string field the schema leaves free (no format), so text with any character in it is otherwise valid. */
function freeTextField(contract: TopicContract, byPath: Map<string, At[]>): At | undefined {
  const candidates = [...byPath.values()].flat().filter((a) => a.field.type === 'string');
  const accepts = (a: At) =>
    typeof a.field.sample === 'string' &&
    contract.schema.safeParse(withField(a.sample, a.field.path, `${a.field.sample} Müller`)).success;
  return candidates.find((a) => !a.field.formatted && accepts(a)) ?? candidates.find((a) => a.field.sample);
}

/** A deterministic stream of bytes from a seed (xorshift32): incompressible, reproducible from the run's seed. */
function noise(seed: number, length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed | 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Invalid UTF-8 byte sequences, by what is wrong with them. */
const INVALID_UTF8: Record<string, number[]> = {
  'byte-ff': [0xff],
  'lone-continuation': [0x80],
  'overlong-nul': [0xc0, 0x80],
  'truncated-sequence': [0xe2, 0x82],
  'encoded-surrogate': [0xed, 0xa0, 0x80],
  'above-u10ffff': [0xf4, 0x90, 0x80, 0x80],
  'five-byte-form': [0xf8, 0x88, 0x80, 0x80, 0x80],
};

/**
 * Kinds where the bytes are wrong rather than a field: cut, empty, absent, not JSON, JSON of another shape, other
 * encodings (UTF-16, Latin-1, invalid UTF-8, a BOM), characters no store keeps (NUL, unpaired surrogates), tricks
 * of the JSON text (duplicate keys, `__proto__`, deep nesting) and sizes just under the topic's limit.
 */
export function byteKinds(contract: TopicContract, byPath: Map<string, At[]>): BadKind[] {
  const text = fc.constantFrom(...contract.samples).map((sample) => ({ sample, json: JSON.stringify(sample) }));
  const key = (sample: unknown) => Buffer.from(contract.keyOf(sample));
  const headers = (sample: unknown) => contract.headersOf?.(sample) ?? {};
  const kinds: BadKind[] = [];
  const add = (kind: string, make: fc.Arbitrary<{ sample: unknown; value: Buffer | null; key?: Buffer | null }>) =>
    kinds.push({
      kind,
      arbitrary: make.map(({ sample, value, key: k }) => ({
        kind,
        key: k === undefined ? key(sample) : k,
        value,
        headers: headers(sample),
      })),
    });
  const bytes = (kind: string, f: (json: string) => Buffer | string | null) =>
    add(
      kind,
      text.map(({ sample, json }) => {
        const v = f(json);
        return { sample, value: typeof v === 'string' ? Buffer.from(v) : v };
      })
    );
  add(
    'truncated-json',
    text.chain(({ sample, json }) =>
      fc.integer({ min: 1, max: json.length - 1 }).map((n) => ({ sample, value: Buffer.from(json.slice(0, n)) }))
    )
  );
  bytes('empty-value', () => Buffer.alloc(0));
  bytes('null-value', () => null);
  bytes('whitespace-only', () => ' \n\t\r ');
  add(
    'plain-text',
    fc.tuple(text, fc.lorem({ maxCount: 12 })).map(([t, words]) => ({ ...t, value: Buffer.from(words) }))
  );
  bytes('single-quoted-json', (json) => json.replace(/"/g, "'"));
  bytes('trailing-comma', (json) => `${json.slice(0, -1)},}`);
  bytes('json-array', (json) => `[${json}]`);
  bytes('double-encoded-json', (json) => JSON.stringify(json));
  bytes('json-number', () => '42');
  bytes('json-null', () => 'null');
  bytes('json-boolean', () => 'true');
  bytes('empty-object', () => '{}');
  bytes('utf8-bom', (json) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]));
  bytes('utf16le-bom', (json) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]));
  bytes('utf16le', (json) => Buffer.from(json, 'utf16le'));
  bytes('utf16be-bom', (json) => Buffer.from(Buffer.from(`\ufeff${json}`, 'utf16le')).swap16());
  bytes('duplicate-key-last-wins', (json) => `${json.slice(0, -1)},"schemaVersion":2}`);
  bytes('proto-key', (json) => `{"__proto__":{"polluted":true},${json.slice(1)}`);
  bytes('constructor-key', (json) => `{"constructor":{"prototype":{"polluted":true}},${json.slice(1)}`);

  // Text in a free field: the message is valid but for the bytes or characters of that text.
  const free = freeTextField(contract, byPath);
  if (free) {
    const MARK = 'XqMARKqX';
    const [before, after] = JSON.stringify(withField(free.sample, free.field.path, MARK)).split(MARK) as [
      string,
      string,
    ];
    const sample = free.sample;
    const around = (inner: Buffer | string) =>
      Buffer.concat([Buffer.from(before), Buffer.from(inner), Buffer.from(after)]);
    const name = fc.constantFrom('Müller', 'Nuñez', 'Séverine', 'Zoë Ångström');
    add(
      'latin1-text',
      name.map((n) => ({ sample, value: Buffer.from(`${before}${n}${after}`, 'latin1') }))
    );
    for (const [variant, seq] of Object.entries(INVALID_UTF8)) {
      add(
        `invalid-utf8:${variant}`,
        fc.tuple(fc.stringMatching(/^[A-Za-z ]{0,8}$/), fc.stringMatching(/^[A-Za-z ]{0,8}$/)).map(([a, b]) => ({
          sample,
          value: around(Buffer.concat([Buffer.from(a), Buffer.from(seq), Buffer.from(b)])),
        }))
      );
    }
    const escaped = (ch: string) =>
      fc
        .constantFrom('Ami', 'Siti', 'Raj')
        .map((n) => ({ sample, value: around(JSON.stringify(`${n}${ch}nah`).slice(1, -1)) }));
    add('escaped-nul', escaped('\u0000'));
    add('escaped-lone-surrogate', escaped('\ud800'));
    add(
      'raw-control-char',
      fc.constantFrom('\t', '\n', '\u0007').map((c) => ({ sample, value: around(`Ami${c}nah`) }))
    );
    add(
      'deeply-nested',
      fc.integer({ min: 1_000, max: 20_000 }).map((n) => ({
        sample,
        value: Buffer.from(`${before.slice(0, -1)}${'['.repeat(n)}${']'.repeat(n)}${after.slice(1)}`),
      }))
    );
    add(
      'huge-string',
      fc.integer({ min: 100_000, max: 300_000 }).map((n) => ({ sample, value: around('Lorem ipsum '.repeat(n / 12)) }))
    );
  }

  // Sizes just under what the topic accepts: 2 MB where it allows that much.
  const limit = Math.min(2 * 1024 * 1024, contract.maxValueBytes);
  add(
    'near-limit-json',
    text.map(({ sample, json }) => {
      const padding = limit - Buffer.byteLength(json) - ',"padding":""'.length;
      return { sample, value: Buffer.from(`${json.slice(0, -1)},"padding":"${'x'.repeat(padding)}"}`) };
    })
  );
  add(
    'near-limit-binary',
    fc.tuple(text, fc.integer()).map(([{ sample }, seed]) => ({ sample, value: noise(seed, limit) }))
  );

  if (contract.checksKey) {
    const ids = contract.samples.map((s) => contract.keyOf(s));
    add(
      'key-mismatch',
      text.chain(({ sample, json }) =>
        fc
          .constantFrom(...ids.filter((id) => id !== contract.keyOf(sample)))
          .map((other) => ({ sample, value: Buffer.from(json), key: Buffer.from(other) }))
      )
    );
    add(
      'key-invalid-utf8',
      text.map(({ sample, json }) => ({
        sample,
        value: Buffer.from(json),
        key: Buffer.concat([key(sample), Buffer.from([0xff])]),
      }))
    );
    add(
      'key-empty',
      text.map(({ sample, json }) => ({ sample, value: Buffer.from(json), key: Buffer.alloc(0) }))
    );
  }
  return kinds;
}
