import { preparationLeadHours } from '../../../workflows/periodic/dates';

/** The payroll's preparation spread: each award's own hour in the window, stable, and even across many awards. */
describe('preparationLeadHours', () => {
  it('when the same award asks twice, then it gets the same hour, inside the window', () => {
    const id = 'award-C-2026-000123-AWD-1.PDB-1-IP-0000012345';
    expect(preparationLeadHours(id, 120)).toBe(preparationLeadHours(id, 120));
    expect(preparationLeadHours(id, 120)).toBeGreaterThanOrEqual(1);
    expect(preparationLeadHours(id, 120)).toBeLessThanOrEqual(120);
    expect(preparationLeadHours(id, 0)).toBe(0);
  });

  it('when 465,000 awards share a 120-hour window, then every hour prepares within 5 % of an even share', () => {
    const perHour = new Map<number, number>();
    for (let i = 0; i < 465_000; i += 1) {
      const h = preparationLeadHours(
        `award-C-2026-${String(i).padStart(6, '0')}-AWD-1.PDB-1-IP-${1_000_000_000 + i}`,
        120
      );
      perHour.set(h, (perHour.get(h) ?? 0) + 1);
    }
    expect(perHour.size).toBe(120);
    const even = 465_000 / 120;
    for (const n of perHour.values()) expect(Math.abs(n - even) / even).toBeLessThan(0.05);
  });
});
