import { formatReport, FULL_PLAN, runChaos, SMALL_PLAN } from './chaos';

/*
 * `npm run chaos` (about 1,000 claims and 300 periodic awards, 3 worker kills, Temporal restarted, Kafka down for
 * 3 minutes, the store restarted over the backlog) and `npm run chaos:small` (about 200 claims, one of each; run by
 * `npm test`). Prints the table and exits 1 on any break: a claim or payment lost, a payment doubled, a reconciliation
 * listing something not held, an IC number in a log or a raw history.
 */
async function main(): Promise<void> {
  const plan = process.argv.includes('--small') ? SMALL_PLAN : FULL_PLAN;
  const report = await runChaos(plan);
  process.stdout.write(`${formatReport(report)}\n`);
  process.exit(report.breaks.length === 0 ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`[chaos] failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
