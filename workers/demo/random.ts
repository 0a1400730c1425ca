/**
 * A small seeded pseudo-random generator for the demo stream, so a run is reproducible from `DEMO_SEED`. sfc32
 * (Chris Doty-Humphrey's Small Fast Counter, public domain) seeded through cyrb128; quality is ample for synthetic
 * data and it is not for anything secret. `fork(label)` gives an independent stream per entity, so person 17 stays
 * the same whether 300 or 3,000 persons are generated.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One value by relative weight, e.g. `weighted([['a', 3], ['b', 1]])`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** `n` lower-case hex digits. */
  hex(n: number): string;
  /** A UUID in version 4 layout drawn from this stream (deterministic, so event ids repeat with the seed). */
  uuid(): string;
  /** An independent stream derived from this one's seed and `label`. */
  fork(label: string): Random;
}

/** cyrb128: hashes a string into four 32-bit words (seed material for sfc32). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A {@link Random} seeded from a number or text; the same seed always yields the same sequence. */
export function createRandom(seed: number | string): Random {
  const seedText = String(seed);
  const next = sfc32(...cyrb128(seedText));
  // Warm-up: the first outputs of sfc32 still echo the seed words.
  for (let i = 0; i < 12; i++) next();
  const rng: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick: empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (p) => next() < p,
    weighted<T>(entries: readonly (readonly [T, number])[]): T {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (last === undefined) throw new Error('weighted: empty list');
      return last[0];
    },
    hex(n) {
      let out = '';
      while (out.length < n)
        out += Math.floor(next() * 0x1_0000_0000)
          .toString(16)
          .padStart(8, '0');
      return out.slice(0, n);
    },
    uuid() {
      const h = rng.hex(32).split('');
      h[12] = '4';
      h[16] = '89ab'[parseInt(h[16] ?? '0', 16) & 3] ?? '8';
      const s = h.join('');
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
    },
    fork: (label) => createRandom(`${seedText}/${label}`),
  };
  return rng;
}
