/**
 * Exact rational arithmetic on BigInt for the benefits engine (GEN-MNY-001): money is integer sen, and rates,
 * fractions and averages stay exact rationals until the single rounding step of GEN-RND-001.
 */

/** An exact fraction `n / d`, always normalised: `d > 0` and `gcd(|n|, d) = 1`. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x === 0n ? 1n : x;
}

/** Builds a normalised rational; `d` must not be zero. Numbers must be safe integers. */
export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  const nn = typeof n === 'number' ? toBig(n) : n;
  const dd = typeof d === 'number' ? toBig(d) : d;
  if (dd === 0n) throw new RangeError('division by zero');
  const sign = dd < 0n ? -1n : 1n;
  const g = gcd(nn, dd);
  return Object.freeze({ n: (sign * nn) / g, d: (sign * dd) / g });
}

function toBig(x: number): bigint {
  if (!Number.isSafeInteger(x)) throw new RangeError(`not a safe integer: ${x}`);
  return BigInt(x);
}

/**
 * Parses an exact value from text: an integer or decimal (`"80"`, `"0.75"`), a fraction (`"3/5"`) or a percentage
 * (`"80%"`, which is 80/100). Never goes through floating point.
 */
export function parseRational(text: string): Rational {
  const s = text.trim();
  if (s.endsWith('%')) return div(parseRational(s.slice(0, -1)), rat(100));
  const frac = /^(-?\d+)\/(\d+)$/.exec(s);
  if (frac) return rat(BigInt(frac[1] ?? '0'), BigInt(frac[2] ?? '1'));
  const dec = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!dec) throw new RangeError(`not an exact number: ${text}`);
  const digits = dec[3] ?? '';
  const n = BigInt(`${dec[2] ?? '0'}${digits}`) * (dec[1] === '-' ? -1n : 1n);
  return rat(n, 10n ** BigInt(digits.length));
}

/** `a + b`, exact. */
export const add = (a: Rational, b: Rational): Rational => rat(a.n * b.d + b.n * a.d, a.d * b.d);
/** `a - b`, exact. */
export const sub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d);
/** `a × b`, exact. */
export const mul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);
/** `a ÷ b`, exact; throws when `b` is zero. */
export const div = (a: Rational, b: Rational): Rational => rat(a.n * b.d, a.d * b.n);
/** Compares: negative when `a < b`, zero when equal, positive when `a > b`. */
export const cmp = (a: Rational, b: Rational): number => {
  const diff = a.n * b.d - b.n * a.d;
  return diff < 0n ? -1 : diff > 0n ? 1 : 0;
};
/** The larger of two rationals. */
export const max = (a: Rational, b: Rational): Rational => (cmp(a, b) >= 0 ? a : b);
/** The smaller of two rationals. */
export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b);
/** Sum of a list, exact (zero for an empty list). */
export const sum = (xs: readonly Rational[]): Rational => xs.reduce(add, rat(0));

/** The rounding modes `rounding.mode` may select (GEN-RND-001). The default is `half-up`. */
export type RoundingMode = 'half-up' | 'half-even' | 'down';

/**
 * Rounds an exact value to an integer (sen), once (GEN-RND-001). `half-up` rounds halves away from zero, which for
 * the non-negative amounts of the engine is "half up": 13.275 sen-units → 13.28.
 */
export function roundRational(r: Rational, mode: RoundingMode = 'half-up'): bigint {
  const q = r.n / r.d; // truncates toward zero
  const rem = abs(r.n % r.d);
  const twice = rem * 2n;
  const sign = r.n < 0n ? -1n : 1n;
  if (mode === 'down' || twice < r.d) return q;
  if (twice > r.d) return q + sign;
  if (mode === 'half-even') return abs(q) % 2n === 0n ? q : q + sign;
  return q + sign;
}

/** Rounds to sen as a JS number (safe for any amount the scheme pays). */
export function roundToSen(r: Rational, mode: RoundingMode = 'half-up'): number {
  return Number(roundRational(r, mode));
}

/** Writes a rational as `"n"` or `"n/d"` for formula inputs; reproducible by {@link parseRational}. */
export function formatRational(r: Rational): string {
  return r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`;
}

/** A percentage given as exact text (`"80"`, `"0.75"`) as a fraction: `"80"` → 4/5. */
export const pct = (percent: string): Rational => div(parseRational(percent), rat(100));
