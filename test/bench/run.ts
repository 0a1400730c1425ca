import { readFileSync } from 'node:fs';
import path from 'node:path';
import { computeAward, defaultAsOf } from '../../activities/benefits/engine';
import { loadRateTables } from '../../activities/benefits/tables';
import { ClaimFacts } from '../../schemas/benefits/facts';
import { EngineParams } from '../../schemas/benefits/params';
import { decodeClaimSubmitted } from '../../workers/intake/handle-claim-submitted';
import { aDeathClaim, aWorkAccidentClaim } from '../support/builders';
import { bench, report } from './harness';

/**
 * `npm run bench`: CPU-bound hot paths of the platform, each reported against a baseline measured in the same
 * process (`JSON.parse` of the same input), so the ratios are comparable across machines and runs.
 *  - intake decode: bytes → JSON → zod-validated ClaimSubmitted (runs for every Kafka message);
 *  - benefits engine: ClaimFacts → Award (runs in the award activity).
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

  const mem = process.memoryUsage();
  process.stdout.write(
    `\nprocess: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB, node ${process.version}\n`
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
