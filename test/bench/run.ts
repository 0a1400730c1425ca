import { readFileSync } from 'node:fs';
import path from 'node:path';
import { computeAward, defaultAsOf } from '../../activities/benefits/engine';
import { loadRateTables } from '../../activities/benefits/tables';
import { ClaimFacts } from '../../schemas/benefits/facts';
import { EngineParams } from '../../schemas/benefits/params';
import { decodeClaimSubmitted } from '../../workers/intake/handle-claim-submitted';
import { aDeathClaim, aWorkAccidentClaim } from '../support/builders';
import { bench, report } from './harness';
import { periodAmount, type PeriodicTerms } from '../../activities/periodic/amounts';
import { reassessPaid } from '../../activities/periodic/reassessment';
import { recomputeDependantShares } from '../../activities/periodic/dependant-shares';
import { PeriodicRate, type BeneficiaryRelationship } from '../../schemas/benefits/award';
import { addMonths, lastDayOf } from '../../schemas/common/calendar';

/**
 * `npm run bench`: CPU-bound hot paths of the platform, each reported against a baseline measured in the same
 * process (`JSON.parse` of the same input), so the ratios are comparable across machines and runs.
 *  - intake decode: bytes → JSON → zod-validated ClaimSubmitted (runs for every Kafka message);
 *  - benefits engine: ClaimFacts → Award (runs in the award activity);
 *  - periodic payments: an instalment's amount, the check of the kept paid periods, a share recomputation.
 * Run with `node --expose-gc` (the script does) for stable heap figures.
 */
async function main(): Promise<void> {
  const durationMs = Number(process.env.BENCH_MS ?? 2_000);

  const claim = Buffer.from(JSON.stringify(aWorkAccidentClaim()));
  const death = Buffer.from(JSON.stringify(aDeathClaim()));
  const key = Buffer.from(aWorkAccidentClaim().claimId);
  const baseline = await bench('baseline: JSON.parse(claim)', () => JSON.parse(claim.toString('utf8')), durationMs);
  const intake = [
    await bench('intake decode: work accident', () => decodeClaimSubmitted(key, claim), durationMs),
    await bench('intake decode: death, 2 dependants', () => decodeClaimSubmitted(key, death), durationMs),
  ];
  report('Intake decode (per message)', baseline, intake);

  const tables = loadRateTables();
  const params = EngineParams.parse({});
  const fixtures = ['ei-work-accident.json', 'ei-death-widow-two-children.json'].map((f) => {
    const text = readFileSync(path.join(__dirname, '../fixtures/facts', f), 'utf8');
    return { name: f, text, facts: ClaimFacts.parse(JSON.parse(text)) };
  });
  const engineBaseline = await bench('baseline: JSON.parse(facts)', () => JSON.parse(fixtures[0]!.text), durationMs);
  const engine = [];
  for (const f of fixtures) {
    engine.push(
      await bench(
        `computeAward: ${f.name}`,
        () => computeAward(f.facts, tables, params, defaultAsOf(f.facts)),
        durationMs
      )
    );
  }
  engine.push(await bench('loadRateTables (zod-validated)', () => loadRateTables(), durationMs));
  report('Benefits engine (per award)', engineBaseline, engine);

  // Periodic payments: what every monthly instalment computes (its amount, then the kept paid periods checked
  // against the current tables), and the dependants' share recomputation when a child's share stops.
  const revised = EngineParams.parse({
    revision: {
      extraRounds: [
        {
          id: 'B-2030',
          effectiveDate: '2030-01-16',
          benefitTypes: ['permanent-disablement'],
          rows: [{ startYearFrom: 1970, startYearTo: 2060, pct: '5' }],
        },
        {
          id: 'B-2040',
          effectiveDate: '2040-07-01',
          benefitTypes: ['permanent-disablement'],
          rows: [{ startYearFrom: 1970, startYearTo: 2060, pct: '10' }],
        },
      ],
    },
  });
  const pdb: PeriodicTerms = {
    benefitType: 'permanent-disablement',
    rate: PeriodicRate.parse({ periodUnit: 'day', dailyRateSen: 8850, monthlyAmountSen: 265500 }),
    rateAsOf: '2026-01-10',
    benefitStartDate: '2026-01-10',
    ruleIds: ['EI-PDB-002'],
    rateTableVersions: ['EI-RATES-2014-01-01'],
  };
  const kept = Array.from({ length: 24 }, (_, i) => {
    const month = addMonths('2039-01', i);
    const period = { from: `${month}-01`, to: lastDayOf(month) };
    return { period, amountSen: periodAmount(pdb, period, tables, revised).amountSen };
  });
  const july2040 = { from: '2040-07-01', to: '2040-07-31' };
  const members = ['spouse', 'child', 'child', 'child', 'parent'].map((relationship, i) => ({
    beneficiaryId: `C-2026-000001-D${i + 1}`,
    relationship: relationship as BeneficiaryRelationship,
    status: i === 1 ? ('stopped' as const) : ('active' as const),
  }));
  const periodicBaseline = await bench(
    'baseline: JSON.parse(kept periods)',
    () => JSON.parse(JSON.stringify(kept)),
    durationMs
  );
  report('Periodic payments (per instalment)', periodicBaseline, [
    await bench(
      'periodAmount: PDB month, 2 revision rounds',
      () => periodAmount(pdb, july2040, tables, revised),
      durationMs
    ),
    await bench(
      'reassessPaid: 24 kept periods (every instalment)',
      () => reassessPaid(pdb, kept, kept[0]!.period.from, tables, revised),
      durationMs
    ),
    await bench(
      'recomputeDependantShares: 5 members, 1 stopped',
      () =>
        recomputeDependantShares({
          fullRate: '9000',
          unit: 'day',
          members,
          dateOfDeath: '2026-11-10',
          tables,
          params,
          benefitType: 'dependants',
        }),
      durationMs
    ),
  ]);

  const mem = process.memoryUsage();
  process.stdout.write(
    `\nprocess: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, node ${process.version}\n`
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
