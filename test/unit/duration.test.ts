import { parseDurationMs } from '../../infra/duration';

describe('durations written for people (infra/duration.ts)', () => {
  it.each([
    ['30d', 30 * 86_400_000],
    ['30 days', 30 * 86_400_000],
    ['1 day', 86_400_000],
    ['12h', 12 * 3_600_000],
    ['90 minutes', 90 * 60_000],
    ['1.5d', 36 * 3_600_000],
    ['2w', 14 * 86_400_000],
    ['45s', 45_000],
    ['250ms', 250],
    [' 7D ', 7 * 86_400_000],
  ])('when the text is %p, then it is %p ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each([
    ['30'],
    ['d'],
    ['-1d'],
    ['30 fortnights'],
    ['1 month'],
    ['1y'],
    ['30d 12h'],
    [''],
    ['1e3d'],
    ['9'.repeat(20) + 'w'],
  ])('when the text is %p, then it is not a duration', (text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });
});
