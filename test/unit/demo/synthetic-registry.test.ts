import {
  ContributionRecorded,
  EmployerUpserted,
  InsuredPersonUpserted,
  type ContributionRecordedV1,
  type PersonalDetails,
} from '../../../schemas';
import { generateRegistry, type SyntheticRegistry } from '../../../workers/demo/synthetic-registry';
import { assumedWageSen, eiContributionSen, neiContributionSen } from '../../../workers/demo/wages';

const ASOF = '2026-11-26T00:00:00+08:00';

/** Every piece of personal data in the registry, for the synthetic-data checks. */
function personalOf(r: SyntheticRegistry): PersonalDetails[] {
  return r.insuredPersons.map((e) => e.insuredPerson.personal);
}

describe('synthetic registry', () => {
  // Generated once: the full default size, as the demo publishes it.
  let registry: SyntheticRegistry;
  beforeAll(() => {
    registry = generateRegistry({ seed: 'unit', asOf: ASOF });
  });

  it('when generated with defaults, then it has 200 employers, 3000 persons and a 24-month history', () => {
    expect(registry.employers).toHaveLength(200);
    expect(registry.insuredPersons).toHaveLength(3000);
    const months = new Set(registry.contributions.map((c) => c.contribution.month));
    expect(months.size).toBe(24);
    expect([...months].sort()[0]).toBe('2024-12');
    expect([...months].sort().at(-1)).toBe('2026-11');
    expect(registry.contributions.length).toBeGreaterThan(50_000);
  });

  it('when every event is parsed with its zod contract, then all pass', () => {
    const failures = (schema: { safeParse(v: unknown): { success: boolean } }, events: readonly unknown[]) =>
      events.filter((e) => !schema.safeParse(e).success);
    expect(failures(EmployerUpserted, registry.employers)).toEqual([]);
    expect(failures(InsuredPersonUpserted, registry.insuredPersons)).toEqual([]);
    expect(failures(ContributionRecorded, registry.contributions)).toEqual([]);
  });

  it('when personal data is generated, then every IC has place-of-birth code 00 and every bank account starts 000', () => {
    const people = personalOf(registry);
    const mykads = people.flatMap((p) => (p.identity.type === 'mykad' ? [p.identity.icNumber] : []));
    expect(mykads.length).toBeGreaterThan(2000);
    expect(mykads.filter((ic) => ic.slice(6, 8) !== '00')).toEqual([]);
    expect(new Set(mykads).size).toBe(mykads.length);
    const accounts = people.flatMap((p) => (p.bankAccount ? [p.bankAccount.accountNumber] : []));
    expect(accounts.length).toBeGreaterThan(2000);
    expect(accounts.filter((a) => !a.startsWith('000'))).toEqual([]);
    expect(people.filter((p) => p.contact !== undefined && !p.contact.phone.startsWith('+6000'))).toEqual([]);
    expect(people.filter((p) => p.contact?.email !== undefined && !p.contact.email.endsWith('@example.com'))).toEqual(
      []
    );
  });

  it('when the population is summarised, then it mixes local and foreign workers, both categories and opt-outs', () => {
    const persons = registry.insuredPersons.map((e) => e.insuredPerson);
    const share = (pred: (p: (typeof persons)[number]) => boolean): number =>
      persons.filter(pred).length / persons.length;
    expect(share((p) => p.workerType === 'foreign')).toBeGreaterThan(0.12);
    expect(share((p) => p.workerType === 'foreign')).toBeLessThan(0.3);
    expect(share((p) => p.category === 'second')).toBeGreaterThan(0.02);
    expect(share((p) => p.nonEmploymentCover.current === 'opted-out')).toBeGreaterThan(0.02);
    const foreignOptOuts = persons.filter(
      (p) => p.workerType === 'foreign' && p.nonEmploymentCover.history.some((h) => h.status === 'opted-out')
    );
    expect(foreignOptOuts).toHaveLength(0);
    for (const p of persons.filter((x) => x.workerType === 'foreign')) {
      expect(p.personal.identity.type).toBe('passport');
    }
  });

  it('when contributions are summarised, then wages spread across the bands with gaps and payable months', () => {
    const ei = registry.contributions.filter((c) => c.contribution.scheme === 'EI').map((c) => c.contribution);
    const share = (pred: (c: ContributionRecordedV1['contribution']) => boolean): number =>
      ei.filter(pred).length / ei.length;
    expect(share((c) => c.actualWageSen > 600_000)).toBeGreaterThan(0.05);
    expect(share((c) => c.actualWageSen < 250_000)).toBeGreaterThan(0.2);
    expect(share((c) => c.payment.status === 'payable')).toBeGreaterThan(0.02);
    // Some persons miss months inside their employment.
    const monthsPerPerson = new Map<string, number>();
    for (const c of ei) monthsPerPerson.set(c.insuredPersonId, (monthsPerPerson.get(c.insuredPersonId) ?? 0) + 1);
    expect([...monthsPerPerson.values()].filter((n) => n < 24).length).toBeGreaterThan(200);
    // LINDUNG 24 Jam contributions only from June 2026.
    const nei = registry.contributions.filter((c) => c.contribution.scheme === 'NEI');
    expect(nei.length).toBeGreaterThan(1000);
    expect(nei.filter((c) => c.contribution.month < '2026-06')).toEqual([]);
  });

  it('when an event is dated, then nothing lies after the as-of instant', () => {
    const asOfMs = Date.parse(ASOF);
    const late = registry.contributions.filter(
      (c) =>
        Date.parse(c.occurredAt) > asOfMs ||
        (c.contribution.payment.status === 'paid' && Date.parse(c.contribution.payment.paidAt) > asOfMs)
    );
    expect(late).toEqual([]);
    expect(registry.insuredPersons.filter((e) => e.insuredPerson.registeredOn > '2026-11-26')).toEqual([]);
  });

  it('when the same seed is used twice, then the output is identical; a different seed differs', () => {
    const a = generateRegistry({ seed: 7, asOf: ASOF, persons: 150, employers: 20 });
    const b = generateRegistry({ seed: 7, asOf: ASOF, persons: 150, employers: 20 });
    const c = generateRegistry({ seed: 8, asOf: ASOF, persons: 150, employers: 20 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c)).not.toBe(JSON.stringify(a));
    const ids = [...a.employers, ...a.insuredPersons, ...a.contributions].map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('when more persons are generated, then the first ones stay the same', () => {
    const small = generateRegistry({ seed: 7, asOf: ASOF, persons: 50, employers: 20 });
    const large = generateRegistry({ seed: 7, asOf: ASOF, persons: 150, employers: 20 });
    expect(large.insuredPersons.slice(0, 50)).toEqual(small.insuredPersons);
  });
});

describe('demo wages and contributions', () => {
  it.each([
    [300_000, 295_000, 6_640, 2_215],
    [600_000, 595_000, 13_390, 4_465],
    [900_000, 595_000, 13_390, 4_465],
    [170_000, 165_000, 3_715, 1_240],
  ])(
    'when the wage is %i sen, then the assumed wage is %i and EI/NEI contributions %i/%i',
    (wage, assumed, ei, nei) => {
      expect(assumedWageSen(wage)).toBe(assumed);
      expect(eiContributionSen(wage, 'first')).toBe(ei);
      expect(neiContributionSen(wage)).toBe(nei);
    }
  );

  it('when the category is second, then the top band pays RM74.40', () => {
    expect(eiContributionSen(800_000, 'second')).toBe(7_440);
  });
});
