import { randomInt } from 'node:crypto';
import type { RegistryItem } from '../../../infra/mongo/registry-repository';
import { mytDate } from '../../../workers/demo/dates';
import { demoClaimId, generateClaimStream } from '../../../workers/demo/synthetic-claims';
import { generateRegistry } from '../../../workers/demo/synthetic-registry';
import type { ClaimMessage } from './produce';

/** Registry persons at most: each about 25 records to apply before the run (a setup cost, not measured). */
const MAX_PERSONS = 5_000;

/** The synthetic registry and claims of one run. */
export interface BenchClaims {
  registry: RegistryItem[];
  messages: ClaimMessage[];
  /** The demo's kind of each claim (`work-accident`, `death`, …). */
  kindOf: Map<string, string>;
}

/**
 * `count` new, valid claims of every kind from the demo's generator (workers/demo/synthetic-claims.ts, its kind
 * weights and its share of unknown insured persons) over a registry of its own, without the demo's duplicates,
 * re-submissions and malformed or invalid messages: each message is one claim that must settle. Claim ids are
 * re-numbered from a random base, so they never meet the time-based ids of the demo, the tests or an earlier run
 * on the same server (workflow ids are namespace-wide).
 */
export function generateBenchClaims(seed: string, count: number): BenchClaims {
  const asOf = `${mytDate(Date.now())}T00:00:00+08:00`;
  const persons = Math.max(100, Math.min(MAX_PERSONS, count));
  const reg = generateRegistry({ seed, asOf, persons, employers: Math.max(20, Math.round(persons / 15)) });
  const registry: RegistryItem[] = [
    ...reg.employers.map((e) => ({ kind: 'employers' as const, record: e.employer })),
    ...reg.insuredPersons.map((e) => ({ kind: 'insured-persons' as const, record: e.insuredPerson })),
    ...reg.contributions.map((e) => ({ kind: 'contributions' as const, record: e.contribution })),
  ];
  const spacingMs = 10;
  const stream = generateClaimStream(
    reg.people,
    reg.employers.map((e) => e.employer.employerId),
    {
      seed,
      startMs: Date.now() - count * spacingMs - 60_000,
      count,
      spacingMs,
      mix: { duplicate: 0, resubmission: 0, malformed: 0, invalid: 0 },
    }
  );
  const year = mytDate(Date.now()).slice(0, 4);
  const base = randomInt(100_000_000, 900_000_000 - count);
  const messages: ClaimMessage[] = [];
  const kindOf = new Map<string, string>();
  stream.forEach((m, i) => {
    const claim = JSON.parse(m.value) as { claimId: string };
    claim.claimId = demoClaimId(year, base + i);
    messages.push({ key: claim.claimId, value: JSON.stringify(claim) });
    kindOf.set(claim.claimId, m.kind);
  });
  return { registry, messages, kindOf };
}
