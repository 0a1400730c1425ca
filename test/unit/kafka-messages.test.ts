import { createHash } from 'node:crypto';
import { z } from 'zod';
import { deadLetterRecord, decodeJson, withoutValue } from '../../workers/kafka-messages';

const Named = z.object({ name: z.string().min(1) }).strict();
const decode = (value: Buffer | null) => decodeJson(Named, value);

describe('decodeJson: the bytes of a message as a contract, or why not', () => {
  it('when the value is UTF-8 JSON with any Unicode text, then it decodes', () => {
    expect(decode(Buffer.from(JSON.stringify({ name: 'Zoë Ångström 😀' })))).toEqual({
      ok: true,
      data: { name: 'Zoë Ångström 😀' },
    });
  });

  it.each([
    ['Latin-1 text', Buffer.from('{"name":"Müller"}', 'latin1')],
    ['UTF-16 with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"name":"A"}', 'utf16le')])],
    ['a cut multi-byte sequence', Buffer.from([...Buffer.from('{"name":"A'), 0xe2, 0x82, ...Buffer.from('"}')])],
  ])('when the value is %s, then it is refused as not UTF-8 (not read with U+FFFD in place)', (_what, value) => {
    expect(decode(value)).toEqual({ ok: false, reason: expect.stringMatching(/^not UTF-8/) });
  });

  it('when the value starts with a byte order mark, then it is refused as malformed JSON', () => {
    const value = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"name":"A"}')]);
    expect(decode(value)).toEqual({ ok: false, reason: expect.stringMatching(/^malformed JSON/) });
  });

  it.each([
    ['U+0000', '{"name":"Ami\\u0000nah"}'],
    ['an unpaired surrogate', '{"name":"Ami\\ud800nah"}'],
    ['an unpaired surrogate in a key', '{"name":"A","\\udc00":1}'],
  ])('when a string holds %s, then it is refused before the schema (no store keeps it as sent)', (_what, text) => {
    expect(decode(Buffer.from(text))).toEqual({ ok: false, reason: expect.stringMatching(/^text: /) });
  });
});

describe('withoutValue: a dead letter too large for its topic', () => {
  it('when the value is dropped, then the reason keeps the original reason and names the size and digest', () => {
    const value = Buffer.from('x'.repeat(1_000));
    const source = {
      topic: 'claims.submitted',
      partition: 2,
      message: { key: Buffer.from('k'), value, offset: '7', timestamp: '0', attributes: 0, headers: {} },
    };
    const record = withoutValue(deadLetterRecord(source, 'malformed JSON'));
    const digest = createHash('sha256').update(value).digest('hex');
    expect(record.value).toBeNull();
    expect(record.key?.toString()).toBe('k');
    expect(String(record.headers['x-dlq-reason'])).toBe(
      `malformed JSON; value omitted: its 1000 bytes (sha256 ${digest}) do not fit the DLQ topic; read them at the source offset`
    );
    expect(record.headers['x-source-offset']).toBe('7');
  });
});
