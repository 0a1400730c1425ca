import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { computeAward, defaultAsOf, loadRateTables } from '../../../activities/benefits';
import type { Award } from '../../../schemas/benefits/award';
import { ClaimFacts } from '../../../schemas/benefits/facts';
import { EngineParams } from '../../../schemas/benefits/params';
import { IsoDate } from '../../../schemas/common/dates';
import { formatRinggit } from '../../../schemas/common/money';

/** Reads a file, or stdin for `-`. */
function readInput(file: string): string {
  return readFileSync(file === '-' ? 0 : file, 'utf8');
}

/** Writes an input error naming every bad field and sets exit code 2 (workers/cli/main.ts). */
function invalid(lines: string[]): void {
  process.stderr.write(`claims award: invalid facts, nothing computed:\n${lines.map((l) => `  - ${l}\n`).join('')}`);
  process.exitCode = 2;
}

/** Renders an award as readable text: outcome, reasons, wage base, then each line with amount, rate and rules. */
export function explainAward(award: Award): string {
  const out: string[] = [];
  out.push(
    `Award for ${award.claimId} as of ${award.asOf}: ${award.eligibility.outcome} (${award.claimClass}${award.neiPhase ? `, LINDUNG phase ${award.neiPhase}` : ''})`
  );
  for (const r of award.eligibility.reasons) out.push(`  reason: ${r}`);
  if (award.flags.length) out.push(`  flags: ${award.flags.join(', ')}`);
  if (award.wageBase) {
    const wb = award.wageBase;
    out.push(
      `Wage base: AAMW ${formatRinggit(wb.aamwSen)} (exact ${wb.aamw} sen) from ${wb.source}, window ${wb.window.from}..${wb.window.to}, months ${wb.monthsCounted.join(' ') || 'none'}; daily wage ${wb.dailyWage} sen [${wb.ruleIds.join(', ')}]`
    );
  }
  for (const l of award.lines) {
    const rate = l.rate
      ? ` at ${l.rate.dailyRateSen !== undefined ? `${formatRinggit(l.rate.dailyRateSen)}/day, ` : ''}${formatRinggit(l.rate.monthlyAmountSen)}/month`
      : '';
    const period = l.period ? ` ${l.period.from}..${l.period.to ?? 'open'}` : '';
    out.push(
      `- ${l.lineId} ${l.benefitType} (${l.kind}, ${l.status}) to ${l.beneficiaryId} [${l.relationship}]: ${formatRinggit(l.amountSen)} ${l.amountBasis}${rate}${period}`
    );
    out.push(`    ${l.explanation}`);
    out.push(`    rules: ${l.ruleIds.join(', ')}; tables: ${l.rateTableVersions.join(', ') || 'none'}`);
    out.push(
      `    inputs: ${Object.entries(l.inputs)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ')}`
    );
    if (l.stopConditions.length)
      out.push(`    stops: ${l.stopConditions.map((s) => ('date' in s ? `${s.kind}@${s.date}` : s.kind)).join(', ')}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * `claims award <facts.json>`: runs the benefits engine on a facts file (`-` for stdin) and prints the award as
 * JSON, or as text with `--explain`. `--as-of` defaults to the facts' own latest date, never today's date, so the
 * same file always prints the same award (the engine is deterministic; a clock default would make yesterday's
 * output unreproducible). Invalid facts exit with code 2 and name each bad field; nothing is computed from partial
 * input.
 */
export function registerAwardCommand(program: Command): void {
  program
    .command('award')
    .description('compute the benefits award for a claim-facts file (ClaimFacts; see `npx claims schema claim-facts`)')
    .argument('<facts>', 'path to a ClaimFacts JSON file, or - for stdin')
    .option('--as-of <date>', 'YYYY-MM-DD; default: the latest date in the facts (never the clock)')
    .option('--explain', 'print a readable explanation instead of JSON')
    .addHelpText(
      'after',
      '\nThe facts schema is ClaimFacts (schemas/benefits/facts.ts); print it with `npx claims schema claim-facts`.\nExamples: test/fixtures/facts/*.json'
    )
    .action((file: string, opts: { asOf?: string; explain?: boolean }) => {
      let json: unknown;
      try {
        json = JSON.parse(readInput(file));
      } catch (err) {
        return invalid([`${file}: ${err instanceof Error ? err.message : String(err)}`]);
      }
      const parsed = ClaimFacts.safeParse(json);
      if (!parsed.success) {
        return invalid(parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`));
      }
      if (opts.asOf !== undefined && !IsoDate.safeParse(opts.asOf).success) {
        return invalid([`--as-of: expected YYYY-MM-DD, got ${opts.asOf}`]);
      }
      const asOf = opts.asOf ?? defaultAsOf(parsed.data);
      const award = computeAward(parsed.data, loadRateTables(), EngineParams.parse({}), asOf);
      process.stdout.write(opts.explain ? explainAward(award) : `${JSON.stringify(award, null, 2)}\n`);
    });
}
