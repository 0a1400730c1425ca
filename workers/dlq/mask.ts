import { PERSONAL_DATA_KEYS } from '../../schemas/claim/event-details';
import { isPlausibleYymmdd } from '../../schemas/registry/personal';

/** What a masked value reads as. */
export const MASKED = '***';

/**
 * Field names whose values are masked with everything under them: the names refused in lifecycle events
 * ({@link PERSONAL_DATA_KEYS}: names, identity and IC numbers, contact, address, bank account) plus other fields of
 * the contracts that hold personal data or free text about a person, and the address parts (a truncated message
 * may have lost the `address` around them).
 */
const MASKED_KEYS = new Set(
  [
    ...PERSONAL_DATA_KEYS,
    'estatePayee',
    'dateOfDeath',
    'lines',
    'postcode',
    'city',
    'remarks',
    'note',
    'conditionDescription',
  ].map((k) => k.toLowerCase())
);

const isMaskedKey = (key: string): boolean => MASKED_KEYS.has(key.toLowerCase());

/**
 * Masks personal data in free text: MyKad numbers (12 digits, dashed or not, whose first six are a date), E.164
 * phone numbers, and the quoted input V8 echoes in a `JSON.parse` error (`"Ahmad bin "... is not valid JSON`), which
 * is how a DLQ reason for malformed JSON can carry a name.
 */
export function maskText(text: string): string {
  return text
    .replace(/(^|, |: )"[\s\S]*?"(?:\.\.\.)?(?= is not valid JSON)/g, `$1"${MASKED}"`)
    .replace(/(?<![\d])(\d{6})-?\d{2}-?\d{4}(?!\d)/g, (match, yymmdd: string) =>
      isPlausibleYymmdd(yymmdd) ? MASKED : match
    )
    .replace(/\+\d{7,15}(?!\d)/g, MASKED);
}

/**
 * A copy of a decoded JSON value with personal data masked: every non-empty scalar under a masked field name
 * (however deep) becomes `***`, and every other string goes through {@link maskText}. Empty strings and nulls stay,
 * since "the name was empty" is often why a message was dead-lettered.
 */
export function maskPersonalData(value: unknown, personal = false): unknown {
  if (Array.isArray(value)) return value.map((v) => maskPersonalData(v, personal));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [maskText(k), maskPersonalData(v, personal || isMaskedKey(k))])
    );
  }
  if (personal) return value === null || value === '' ? value : MASKED;
  return typeof value === 'string' ? maskText(value) : value;
}

const TOKEN = /"(?:[^"\\]|\\.)*(?:"|$)|[{}[\]:,]|\s+|[^\s{}[\]:,"]+/g;

/**
 * Masks JSON-like text that does not parse (truncated, a stray comma): the same rule as {@link maskPersonalData},
 * applied token by token, so `{"claimant":{"name":"Ahmad` shows as `{"claimant":{"name":"***"` with the structure
 * kept for diagnosis. Any other text goes through {@link maskText}.
 */
export function maskJsonLikeText(text: string): string {
  const tokens = text.match(TOKEN) ?? [];
  const stack: boolean[] = [false];
  let valuePersonal: boolean | undefined;
  const inPersonal = (): boolean => valuePersonal ?? stack[stack.length - 1] ?? false;
  const nextSignificant = (i: number): string | undefined => tokens.slice(i + 1).find((t) => t.trim() !== '');
  return tokens
    .map((token, i) => {
      if (token.trim() === '') return token;
      if (token === '{' || token === '[') {
        stack.push(inPersonal());
        valuePersonal = undefined;
        return token;
      }
      if (token === '}' || token === ']') {
        if (stack.length > 1) stack.pop();
        valuePersonal = undefined;
        return token;
      }
      if (token === ',') {
        valuePersonal = undefined;
        return token;
      }
      if (token === ':') return token;
      if (token.startsWith('"') && nextSignificant(i) === ':') {
        const key = token.replace(/^"|"$/g, '');
        valuePersonal = (stack[stack.length - 1] ?? false) || isMaskedKey(key);
        return maskText(token);
      }
      // A value runs to the next comma or bracket, so unquoted words (`"name": Ahmad bin Ali,`) stay masked.
      const personal = inPersonal();
      if (!personal || token === '""' || token === 'null') return maskText(token);
      return token.startsWith('"') ? `"${MASKED}"` : MASKED;
    })
    .join('');
}

/** A message value as an operator may see it: JSON or text with personal data masked, or only its size. */
export type MaskedValue =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: number };

/**
 * Decodes a message value for display with personal data masked: JSON when it parses, else UTF-8 text (masked
 * token by token), else only its size. Bytes that are not UTF-8 are never shown: they cannot be masked.
 */
export function maskedValue(value: Buffer | null): MaskedValue {
  if (value === null || value.length === 0) return { kind: 'empty' };
  const text = value.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(value)) return { kind: 'binary', bytes: value.length };
  try {
    return { kind: 'json', value: maskPersonalData(JSON.parse(text)) };
  } catch {
    return { kind: 'text', text: maskJsonLikeText(text) };
  }
}
