import { computeAward, loadRateTables } from '../../../activities/benefits';
import type { Award } from '../../../schemas/benefits/award';
import type { ClaimFactsInput } from '../../../schemas/benefits/facts';
import { ClaimFacts } from '../../../schemas/benefits/facts';
import type { EngineParamsInput } from '../../../schemas/benefits/params';
import { EngineParams } from '../../../schemas/benefits/params';

/** The shipped rate tables, loaded once per test file. */
export const tables = loadRateTables();
/** Every parameter at its section-10 default. */
export const defaults = EngineParams.parse({});

/** The 6 (or `n`) months before `month`, each at `wageSen`. */
export function monthsBefore(
  month: string,
  wageSen: number,
  n = 6,
  extra: Partial<{ status: 'paid' | 'payable'; scheme: 'act4' | 'act800' }> = {}
) {
  const [y, m] = month.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const index = (y ?? 0) * 12 + (m ?? 1) - 1 - (n - i);
    const mm = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    return { month: mm, wageSen, status: extra.status ?? ('paid' as const), scheme: extra.scheme ?? ('act4' as const) };
  });
}

/** An employment-injury claim: a work accident on `date`, RM3,000.00 a month for the 6 months before. */
export function injuryFacts(overrides: Partial<ClaimFactsInput> = {}, date = '2026-02-10'): ClaimFactsInput {
  return {
    claimId: 'C-2026-000001',
    claimType: 'employment-injury',
    insuredPerson: {
      insuredPersonId: 'IP-1',
      dateOfBirth: '1990-04-15',
      registeredOn: '2015-03-01',
      category: 'first',
      workerType: 'local',
    },
    contributions: monthsBefore(date.slice(0, 7), 300000),
    injury: { kind: 'accident', circumstance: 'work', occurredAt: `${date}T09:30:00+08:00`, inMalaysia: true },
    medicalCertificates: [{ from: date, to: addDaysIso(date, 9) }],
    ...overrides,
  };
}

/** A non-employment (LINDUNG 24 Jam) accident outside work on `date`, with the accident month's contribution. */
export function neiFacts(date: string, overrides: Partial<ClaimFactsInput> = {}, wageSen = 300000): ClaimFactsInput {
  const month = date.slice(0, 7);
  return injuryFacts(
    {
      claimType: 'non-employment-injury',
      contributions: [...monthsBefore(month, wageSen), { month, wageSen, status: 'payable' }],
      injury: {
        kind: 'accident',
        circumstance: 'outside-work',
        occurredAt: `${date}T20:00:00+08:00`,
        inMalaysia: true,
        withinWorkingHours: false,
      },
      ...overrides,
    },
    date
  );
}

/** A death claim from an employment injury on `date`. */
export function deathFacts(
  dependants: ClaimFactsInput['dependants'],
  overrides: Partial<ClaimFactsInput> = {},
  date = '2026-02-10'
): ClaimFactsInput {
  return injuryFacts(
    {
      claimType: 'death',
      medicalCertificates: [],
      dependants,
      death: { diedOn: date, cause: 'employment-injury' },
      ...overrides,
    },
    date
  );
}

/** Validates facts and computes the award with default parameters (or overrides) as of `asOf`. */
export function award(facts: ClaimFactsInput, asOf = '2026-12-31', params: EngineParamsInput = {}): Award {
  return computeAward(ClaimFacts.parse(facts), tables, EngineParams.parse(params), asOf);
}

/** `iso` plus `days` days. */
export function addDaysIso(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The lines of one benefit type. */
export const linesOf = (a: Award, type: Award['lines'][number]['benefitType']) =>
  a.lines.filter((l) => l.benefitType === type);
/** The decision codes of an award. */
export const codes = (a: Award) => a.decisions.map((d) => d.code);

/**
 * A self-employment (Act 789) injury claim: a p-hailing rider on `plan` since 1 Jun 2017, an accident in the
 * activity on `date`, 10 MC days.
 */
export function seFacts(overrides: Partial<ClaimFactsInput> = {}, date = '2026-02-10', plan = 2): ClaimFactsInput {
  return {
    claimId: 'C-2026-000500',
    claimType: 'employment-injury',
    insuredPerson: {
      insuredPersonId: 'IP-5',
      dateOfBirth: '1988-07-01',
      registeredOn: '2017-06-01',
      category: 'first',
      workerType: 'local',
      scheme: 'act789',
    },
    selfEmployment: { sector: 'p-hailing', activity: 'food delivery', plans: [{ from: '2017-06-01', plan }] },
    injury: { kind: 'accident', circumstance: 'work', occurredAt: `${date}T13:15:00+08:00`, inMalaysia: true },
    medicalCertificates: [{ from: date, to: addDaysIso(date, 9) }],
    ...overrides,
  };
}

/** `n` months of platform earnings before `month`, each at `netSen` with a 1.25 % deduction (rounded to the sen). */
export function gigMonths(month: string, netSen: number, n = 6) {
  return monthsBefore(month, netSen, n).map((c) => ({
    month: c.month,
    netEarningsSen: netSen,
    deductionSen: Math.round((netSen * 125) / 10000),
  }));
}

/** A gig worker's injury claim on `date` with the given platform earnings (and no contribution plan). */
export function gigFacts(
  platformEarnings: { month: string; netEarningsSen: number; deductionSen: number }[],
  overrides: Partial<ClaimFactsInput> = {},
  date = '2026-07-15'
): ClaimFactsInput {
  const f = seFacts({}, date);
  return {
    ...f,
    insuredPerson: { ...f.insuredPerson, scheme: 'gig' },
    selfEmployment: { sector: 'p-hailing', activity: 'food delivery', plans: [], platformEarnings },
    ...overrides,
  };
}
