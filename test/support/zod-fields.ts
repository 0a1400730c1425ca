import type { z } from 'zod';

/** A path into a JSON value: object keys and array indexes. */
export type FieldPath = ReadonlyArray<string | number>;

/** What a field holds, as its zod schema declares it (wrappers such as optional and pipes removed). */
export type FieldType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'literal' | 'enum' | 'other';

/** One field of a message, found in its zod schema. */
export interface SchemaField {
  path: FieldPath;
  type: FieldType;
  /** The field's schema as declared (with optional/nullable), to check that a replacement value is refused. */
  schema: z.ZodType;
  /** The schema inside the wrappers. */
  inner: z.ZodType;
  optional: boolean;
  nullable: boolean;
  /** For objects: unknown keys are refused (`.strict()`). */
  strict: boolean;
  /** The declared keys of an object, or the allowed values of a literal or enum. */
  keys: readonly string[];
  values: readonly unknown[];
  /** For strings and arrays: the declared maximum length; for numbers: the bounds and whether it must be whole. */
  maxLength?: number;
  min?: number;
  max?: number;
  int: boolean;
  /** For strings: a format or pattern is declared (uuid, date, regex …). */
  formatted: boolean;
  /** The value the sample message has here (undefined when the sample leaves an optional field out). */
  sample: unknown;
}

interface ZodInternals {
  _zod: { def: Record<string, unknown> & { type: string } };
}

const defOf = (schema: z.ZodType) => (schema as unknown as ZodInternals)._zod.def;

interface CheckDef {
  check?: string;
  format?: string;
  maximum?: number;
  minimum?: number;
  value?: number;
}

const checksOf = (schema: z.ZodType): CheckDef[] =>
  ((defOf(schema).checks as Array<{ _zod: { def: CheckDef } }> | undefined) ?? []).map((c) => c._zod.def);

/** The option of a union the sample belongs to (the first that accepts it; else the first). */
function optionFor(options: z.ZodType[], sample: unknown): z.ZodType {
  return options.find((o) => o.safeParse(sample).success) ?? options[0]!;
}

/**
 * Every field of `schema` as the valid `sample` exercises it: each declared key of each object the sample has (also
 * optional keys it leaves out), inside the option of each union the sample takes, and the first element of each
 * non-empty array. The root itself is the entry with an empty path.
 */
export function schemaFields(schema: z.ZodType, sample: unknown): SchemaField[] {
  const out: SchemaField[] = [];
  walk(schema, sample, [], out);
  return out;
}

/** The schema, optionality and nullability a field was declared with, when it is reached through a union. */
interface Declared {
  schema: z.ZodType;
  optional: boolean;
  nullable: boolean;
}

function walk(declared: z.ZodType, sample: unknown, path: FieldPath, out: SchemaField[], outer?: Declared): void {
  let inner = declared;
  let optional = outer?.optional ?? false;
  let nullable = outer?.nullable ?? false;
  for (;;) {
    const type = defOf(inner).type;
    if (type === 'optional' || type === 'default' || type === 'prefault') optional = true;
    if (type === 'nullable') nullable = true;
    if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch'].includes(type)) {
      inner = defOf(inner).innerType as z.ZodType;
    } else if (type === 'pipe') {
      inner = defOf(inner).in as z.ZodType;
    } else {
      break;
    }
  }
  const def = defOf(inner);
  if (def.type === 'union') {
    // The field is the option the sample takes, refused or accepted as the whole union declares.
    const option = optionFor(def.options as z.ZodType[], sample);
    walk(option, sample, path, out, { schema: outer?.schema ?? declared, optional, nullable });
    return;
  }
  const checks = checksOf(inner);
  const maxLength = checks.find((c) => c.check === 'max_length')?.maximum;
  const lower = checks.find((c) => c.check === 'greater_than')?.value;
  const upper = checks.find((c) => c.check === 'less_than')?.value;
  const field: SchemaField = {
    path,
    type: 'other',
    schema: outer?.schema ?? declared,
    inner,
    optional,
    nullable,
    strict: false,
    keys: [],
    values: [],
    int: checks.some((c) => c.check === 'number_format' && /int/.test(c.format ?? '')),
    formatted: def.format !== undefined || checks.some((c) => c.check === 'string_format'),
    sample,
    ...(maxLength !== undefined ? { maxLength } : {}),
    ...(lower !== undefined ? { min: lower } : {}),
    ...(upper !== undefined ? { max: upper } : {}),
  };
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const catchall = def.catchall as z.ZodType | undefined;
      const strict = catchall !== undefined && defOf(catchall).type === 'never';
      out.push({ ...field, type: 'object', keys: Object.keys(shape), strict });
      // An optional object the sample leaves out is one field; its inside is not part of this message.
      if (typeof sample !== 'object' || sample === null) return;
      for (const [key, child] of Object.entries(shape)) {
        walk(child, (sample as Record<string, unknown>)[key], [...path, key], out);
      }
      return;
    }
    case 'array':
      out.push({ ...field, type: 'array' });
      if (Array.isArray(sample) && sample.length > 0) walk(def.element as z.ZodType, sample[0], [...path, 0], out);
      return;
    case 'string':
    case 'number':
    case 'boolean':
      out.push({ ...field, type: def.type });
      return;
    case 'literal':
      out.push({ ...field, type: 'literal', values: def.values as unknown[] });
      return;
    case 'enum':
      out.push({ ...field, type: 'enum', values: Object.values(def.entries as Record<string, unknown>) });
      return;
    default:
      out.push(field);
  }
}

/** `path` as text: `claimant.identity.icNumber`, `attachments.0.sha256`; the root is `(root)`. */
export const pathText = (path: FieldPath): string => (path.length === 0 ? '(root)' : path.join('.'));

/** Tells {@link withField} to remove the field. */
export const REMOVE: unique symbol = Symbol('remove');

/** A deep copy of `value` with the field at `path` set to `replacement`, or removed when it is {@link REMOVE}. */
export function withField(value: unknown, path: FieldPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement !== REMOVE) node[last] = replacement;
  else if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete node[last];
  return copy;
}
