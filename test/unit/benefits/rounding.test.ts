import { formatRational, parseRational, rat, roundRational, roundToSen } from '../../../activities/benefits/rounding';

describe('GEN-MNY-001 / GEN-RND-001: exact arithmetic, rounded once', () => {
  it.each([
    ['13.275', 'half-up', 13n],
    ['1327.5', 'half-up', 1328n],
    ['1327.5', 'half-even', 1328n],
    ['1326.5', 'half-even', 1326n],
    ['1327.9', 'down', 1327n],
    ['2533.333', 'half-up', 2533n],
  ] as const)('GEN-RND-001: when %s is rounded %s, then %s', (text, mode, expected) => {
    expect(roundRational(parseRational(text), mode)).toBe(expected);
  });

  it('GEN-MNY-001: when parsing "80%", "3/5" and "0.75", then the values are exact fractions', () => {
    expect(formatRational(parseRational('80%'))).toBe('4/5');
    expect(formatRational(parseRational('3/5'))).toBe('3/5');
    expect(formatRational(parseRational('0.75'))).toBe('3/4');
  });

  it('GEN-RND-001: when 80 % × 2,950.00 ÷ 30 is rounded once, then RM78.67 (not 78.66 from early rounding)', () => {
    expect(roundToSen(rat(4n * 295000n, 5n * 30n))).toBe(7867);
  });

  it('GEN-MNY-001: when a text is not an exact number, then it throws', () => {
    expect(() => parseRational('1e3')).toThrow(RangeError);
    expect(() => rat(1, 0)).toThrow(RangeError);
  });
});
