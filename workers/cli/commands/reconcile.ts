import type { Command } from 'commander';
import { loadConfig } from '../../../infra/config';
import { createMongoConnection } from '../../../infra/mongo/connection';
import { loadReconciliationInputs } from '../../../infra/mongo/reconciliation';
import { YearMonth } from '../../../schemas/common/dates';
import { reconcile, type ReconciliationReport } from '../../payments/reconciliation-report';
import { output, parseInput, runCommand } from '../input';

const sen = (n: number): string => `RM${(n / 100).toFixed(2)}`;

function reportLines(r: ReconciliationReport): string[] {
  const list = (title: string, ids: string[]): string[] =>
    ids.length ? [`${title} (${ids.length}):`, ...ids.map((id) => `  ${id}`)] : [`${title}: none`];
  return [
    `payment month ${r.month}: ${r.instructions} instructions, ${r.results} results`,
    `  results by status: paid ${r.resultsByStatus.paid}, failed ${r.resultsByStatus.failed}, returned ${r.resultsByStatus.returned}`,
    `  payments by latest result: paid ${r.paymentsByLatestStatus.paid}, failed ${r.paymentsByLatestStatus.failed}, ` +
      `returned ${r.paymentsByLatestStatus.returned}, none ${r.paymentsByLatestStatus.none}`,
    ...list('instructions without a result', r.instructionsWithoutResult),
    ...(r.unsettled.length
      ? [
          `unsettled: failed or returned (${r.unsettled.length}):`,
          ...r.unsettled.map(
            (u) => `  ${u.paymentId}: ${u.status}${u.reasonCode ? ` ${u.reasonCode}` : ''}, ${sen(u.amountSen)}`
          ),
        ]
      : ['unsettled: none']),
    ...list('results without an instruction', r.resultsWithoutInstruction),
    ...(r.amountMismatches.length
      ? [
          `amount mismatches (${r.amountMismatches.length}):`,
          ...r.amountMismatches.map((m) => `  ${m.paymentId}: ledger ${sen(m.ledgerSen)}, bank ${sen(m.bankSen)}`),
        ]
      : ['amount mismatches: none']),
    ...list('paid without an amount from the bank', r.amountsNotConfirmed),
    r.discrepancies ? `${r.discrepancies} discrepancies` : 'reconciled: no discrepancies',
  ];
}

/**
 * `claims reconcile <yyyy-mm> [--json]`: compares the payments ledger of one payment month with the bank results
 * received (workers/payments/reconciliation-report.ts): instructions without a result, failed or returned payments,
 * results without an instruction, amounts that differ from the bank's, paid results without an amount, and counts
 * per status. Exit codes: 0 when every payment is paid at its ledger amount, 1 when anything is listed (so a
 * scheduled run can alert) or a service failed, 2 on a bad month (`2026-13`: the message names the `month argument`).
 */
export function registerReconcileCommand(program: Command): void {
  program
    .command('reconcile')
    .description('compare the payments ledger of a month with the bank results received')
    .argument('<month>', 'payment month, YYYY-MM')
    .option('--json', 'print JSON')
    .action((month: string, o: { json?: boolean }) =>
      runCommand('reconcile', async () => {
        const m = parseInput(YearMonth, month, 'month argument');
        const conn = await createMongoConnection(loadConfig());
        let report: ReconciliationReport;
        try {
          report = reconcile(m, await loadReconciliationInputs(conn, m));
        } finally {
          await conn.close();
        }
        output(Boolean(o.json), report, () => reportLines(report));
        if (report.discrepancies > 0) process.exitCode = 1;
      })
    );
}
