import fc from 'fast-check';
import { REMOVE, withField, type SchemaField } from '../zod-fields';
import type { At, BadKind, GeneratedMessage } from './types';

const refusedBy = (field: SchemaField) => (value: unknown) => !field.schema.safeParse(value).success;

/** Values of any JSON type other than the field's (null only where the field is not nullable). */
function wrongTypeValue(field: SchemaField): fc.Arbitrary<unknown> {
  const literal = typeof field.values[0];
  const by: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 12 }),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    boolean: fc.boolean(),
    array: fc.array(fc.integer(), { maxLength: 3 }),
    object: fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.integer(), { maxKeys: 2 }),
  };
  const own =
    field.type === 'literal' ? literal : field.type === 'enum' ? 'string' : field.type === 'other' ? '' : field.type;
  const others = Object.entries(by)
    .filter(([type]) => type !== own)
    .map(([, arbitrary]) => arbitrary);
  if (!field.nullable) others.push(fc.constant(null));
  return fc.oneof(...others);
}

/** An impossible calendar date in the sample's own shape (date, date-time or year-month). */
function impossibleDate(sample: string): fc.Arbitrary<string> | undefined {
  const shape = /^\d{4}-\d{2}-\d{2}T/.test(sample)
    ? 'datetime'
    : /^\d{4}-\d{2}-\d{2}$/.test(sample)
      ? 'date'
      : /^\d{4}-\d{2}$/.test(sample)
        ? 'month'
        : undefined;
  if (shape === undefined) return undefined;
  const two = (n: number) => String(n).padStart(2, '0');
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const year = fc.integer({ min: 1950, max: 2099 });
  const badMonth = fc.oneof(fc.constant(0), fc.integer({ min: 13, max: 99 }));
  if (shape === 'month') return fc.tuple(year, badMonth).map(([y, m]) => `${y}-${two(m)}`);
  const date = fc.oneof(
    fc.tuple(year, badMonth, fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${two(m)}-${two(d)}`),
    fc
      .tuple(year, fc.integer({ min: 1, max: 12 }))
      .chain(([y, m]) => fc.integer({ min: lastDay(y, m) + 1, max: 99 }).map((d) => `${y}-${two(m)}-${two(d)}`)),
    fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${two(m)}-00`)
  );
  return shape === 'date' ? date : date.map((d) => `${d}${sample.slice(10)}`);
}

/** A way to break one field: the value to put there, or undefined where it does not apply to this field. */
type Breaker = (field: SchemaField) => fc.Arbitrary<unknown> | undefined;

const LETTERS = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
const FRACTION = fc.constantFrom(0.5, 0.25, 0.01, 0.999);

/**
 * The ways to break a field, by kind. Each is judged on the field as one sample's variant declares it (the same
 * path can be required in one variant of a union and optional in another).
 */
const FIELD_BREAKERS: Record<string, Breaker> = {
  'wrong-type': (f) => (f.path.length > 0 ? wrongTypeValue(f) : undefined),
  missing: (f) =>
    f.path.length > 0 && !f.optional && f.sample !== undefined && typeof f.path[f.path.length - 1] === 'string'
      ? fc.constant(REMOVE)
      : undefined,
  'unknown-key': (f) =>
    f.type === 'object' && f.strict && typeof f.sample === 'object' && f.sample !== null
      ? fc
          .tuple(
            fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,15}$/).filter((k) => !f.keys.includes(k)),
            fc.jsonValue({ maxDepth: 1 })
          )
          .map(([k, v]) => ({ ...(f.sample as object), [k]: v }))
      : undefined,
  'over-limit': (f) => {
    const max = f.maxLength;
    if (max === undefined) return undefined;
    if (f.type === 'string') return fc.string({ unit: LETTERS, minLength: max + 1, maxLength: max + 64 });
    const first: unknown = Array.isArray(f.sample) ? f.sample[0] : undefined;
    if (f.type !== 'array' || first === undefined) return undefined;
    return fc.integer({ min: max + 1, max: max + 5 }).map((n) => Array.from({ length: n }, () => first));
  },
  'bad-format': (f) => (f.type === 'string' && f.formatted ? fc.string({ maxLength: 40 }) : undefined),
  'wrong-value': (f) => {
    if (f.type !== 'literal' && f.type !== 'enum') return undefined;
    if (typeof f.values[0] === 'number') return fc.integer({ min: -5, max: 100 });
    const shouted = f.values.map((v) => String(v).toUpperCase());
    return fc.oneof(fc.constantFrom(...shouted), fc.string({ minLength: 1, maxLength: 20 }));
  },
  'impossible-date': (f) =>
    f.type === 'string' && typeof f.sample === 'string' ? impossibleDate(f.sample) : undefined,
  negative: (f) =>
    f.type === 'number' && f.min !== undefined && f.min >= 0 ? fc.integer({ min: -1e9, max: -1 }) : undefined,
  fractional: (f) =>
    f.type === 'number' && f.int
      ? fc.tuple(fc.integer({ min: 0, max: 1e6 }), FRACTION).map(([n, x]) => n + x)
      : undefined,
  'out-of-range': (f) => {
    const top = f.max;
    return f.type === 'number' && top !== undefined ? fc.integer({ min: top + 1, max: top + 1e6 }) : undefined;
  },
};

/** The kinds that break one field (found at `path` in one or more samples), one per applicable breaker. */
export function fieldKinds(
  path: string,
  at: At[],
  encode: (sample: unknown, value: unknown) => GeneratedMessage
): BadKind[] {
  return Object.entries(FIELD_BREAKERS).flatMap(([name, breaker]) => {
    const usable = at.flatMap((a) => {
      const values = breaker(a.field);
      return values ? [{ a, values: values.filter(refusedBy(a.field)) }] : [];
    });
    if (usable.length === 0) return [];
    const kind = `${name}:${path}`;
    const arbitrary = fc
      .constantFrom(...usable)
      .chain(({ a, values }) => values.map((bad) => encode(a.sample, withField(a.sample, a.field.path, bad))))
      .map((m) => ({ ...m, kind }));
    return [{ kind, arbitrary }];
  });
}
