import { parseDemoSettings } from '../../../workers/demo/settings';
import { createRandom } from '../../../workers/demo/random';

describe('demo settings', () => {
  it('when nothing is set, then the defaults apply', () => {
    expect(parseDemoSettings([], {})).toMatchObject({
      DEMO_SEED: '2026',
      DEMO_CLAIMS: 200,
      DEMO_CLAIMS_PER_MINUTE: 30,
      DEMO_PERSONS: 3000,
      DEMO_EMPLOYERS: 200,
      DEMO_BOARD_DELAY_MS: 20_000,
      DEMO_BOARD_SKIP: 0.05,
      DEMO_CHECKER_DELAY_MS: 30_000,
      DEMO_CHECKER_ACTOR: 'demo.checker',
      DEMO_REGISTRY_WAIT_MS: 120_000,
      registryOnly: false,
      board: true,
      checker: true,
    });
  });

  it('when flags and variables are given, then they are read', () => {
    const s = parseDemoSettings(['--registry-only', '--no-board', '--no-checker'], {
      DEMO_CLAIMS: '50',
      DEMO_SEED: 'abc',
      DEMO_CHECKER_ACTOR: 'officer.b',
    });
    expect(s).toMatchObject({
      registryOnly: true,
      board: false,
      checker: false,
      DEMO_CLAIMS: 50,
      DEMO_SEED: 'abc',
      DEMO_CHECKER_ACTOR: 'officer.b',
    });
  });

  it('when a variable is malformed or a flag unknown, then the error names it', () => {
    expect(() => parseDemoSettings([], { DEMO_CLAIMS_PER_MINUTE: 'fast' })).toThrow(/DEMO_CLAIMS_PER_MINUTE/);
    expect(() => parseDemoSettings([], { DEMO_CHECKER_ACTOR: 'Demo Checker' })).toThrow(/DEMO_CHECKER_ACTOR/);
    expect(() => parseDemoSettings(['--board-only'], {})).toThrow(/board-only/);
  });
});

describe('seeded random', () => {
  it('when seeded alike, then sequences match; forks are independent and stable', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(createRandom(42).fork('x').uuid()).toBe(createRandom(42).fork('x').uuid());
    expect(createRandom(42).fork('x').uuid()).not.toBe(createRandom(42).fork('y').uuid());
  });

  it('when drawing, then values stay in range and UUIDs have the version 4 layout', () => {
    const r = createRandom('range');
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
    }
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const hits = Array.from({ length: 10_000 }, () => r.chance(0.3)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(2_800);
    expect(hits).toBeLessThan(3_200);
  });
});
