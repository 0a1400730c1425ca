import { pathText, schemaFields } from '../zod-fields';
import { byteKinds } from './byte-kinds';
import { fieldKinds } from './field-kinds';
import type { At, BadKind, GeneratedMessage, TopicContract } from './types';

/**
 * Every kind of bad message for a topic: for each field its schema declares (found in the samples), a value of the
 * wrong type, the field left out, an unknown key in each strict object, strings and arrays over their limit,
 * strings that break their format, values outside a literal or enum, impossible dates, negative, fractional and
 * out-of-range numbers; each cross-field rule broken; and the bytes themselves wrong ({@link byteKinds}).
 */
export function badMessageKinds(contract: TopicContract): BadKind[] {
  const encode = (sample: unknown, value: unknown): GeneratedMessage => ({
    kind: '',
    key: Buffer.from(contract.keyOf(sample)),
    value: Buffer.from(JSON.stringify(value)),
    headers: contract.headersOf?.(sample) ?? {},
  });
  const byPath = new Map<string, At[]>();
  for (const sample of contract.samples) {
    for (const field of schemaFields(contract.schema, sample)) {
      const path = pathText(field.path);
      byPath.set(path, [...(byPath.get(path) ?? []), { sample, field }]);
    }
  }
  const kinds = [...byPath].flatMap(([path, at]) => fieldKinds(path, at, encode));
  for (const [kind, values] of Object.entries(contract.rules ?? {})) {
    kinds.push({ kind, arbitrary: values.map((v) => ({ ...encode(v, v), kind })) });
  }
  kinds.push(...byteKinds(contract, byPath));
  for (const [kind, arbitrary] of Object.entries(contract.extraKinds ?? {})) kinds.push({ kind, arbitrary });
  const names = kinds.map((k) => k.kind);
  if (new Set(names).size !== names.length) throw new Error('bad-message kinds must have distinct names');
  return kinds;
}
