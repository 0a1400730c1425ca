import type fc from 'fast-check';
import type { z } from 'zod';
import type { SchemaField } from '../zod-fields';

/** One message to produce: its kind (what is wrong with it, or `valid`), key, value bytes and headers. */
export interface GeneratedMessage {
  kind: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** What the generator needs to know about a consumed topic. */
export interface TopicContract {
  /** The schema its consumer parses; every field it declares gets its own kinds of bad value. */
  schema: z.ZodType;
  /** Valid messages covering the schema's variants; each bad message is one of them broken in one way. */
  samples: readonly unknown[];
  /** The key a producer gives a message (its business id). */
  keyOf(value: unknown): string;
  /** Headers a producer adds (e.g. `payment-id`). */
  headersOf?(value: unknown): Record<string, string>;
  /** The consumer requires the key to equal the message's id: key kinds apply. */
  checksKey: boolean;
  /** Cross-field rules of the schema (its refinements), each as values that break it (keyed as their sample). */
  rules?: Record<string, fc.Arbitrary<unknown>>;
  /** Further kinds particular to the topic. */
  extraKinds?: Record<string, fc.Arbitrary<GeneratedMessage>>;
  /** The largest value the source topic accepts (bytes): near-limit bodies are made just under it. */
  maxValueBytes: number;
}

/** A named kind of bad message and how to generate one. */
export interface BadKind {
  kind: string;
  arbitrary: fc.Arbitrary<GeneratedMessage>;
}

/** A sample and one of its fields. */
export interface At {
  sample: unknown;
  field: SchemaField;
}
