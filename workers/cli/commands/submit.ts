import type { Command } from 'commander';
import { ClaimSubmitted } from '../../../schemas/events/claim-submitted.v1';
import { Topics } from '../../../schemas/topics';
import { loadConfig } from '../../../infra/config';
import { createKafka } from '../../../infra/kafka/client';
import { output, parseInput, readJsonInput, runCommand } from '../input';

/**
 * `claims submit <file>` publishes a claim to `claims.submitted` (keyed by claimId), the same path as every other
 * channel: intake validates it again and starts its workflow. The file is validated first, so a bad claim is
 * refused here with the fields named (exit 2) rather than dead-lettered.
 */
export function registerSubmitCommand(program: Command): void {
  program
    .command('submit')
    .description('submit a claim (JSON file or - for stdin; schema claim-submitted) to the intake topic')
    .argument('<file>')
    .option('--json', 'print JSON')
    .action((file: string, o: { json?: boolean }) =>
      runCommand('submit', async () => {
        const raw = readJsonInput(file);
        const claim = parseInput(ClaimSubmitted, raw, 'claim');
        const config = loadConfig();
        const producer = createKafka(config).producer({ idempotent: true, maxInFlightRequests: 1 });
        await producer.connect();
        try {
          const topic = `${Topics.ClaimsSubmitted}${config.KAFKA_TOPIC_SUFFIX}`;
          const [meta] = await producer.send({
            topic,
            acks: -1,
            messages: [{ key: claim.claimId, value: JSON.stringify(raw) }],
          });
          const result = { claimId: claim.claimId, topic, partition: meta?.partition, offset: meta?.baseOffset };
          output(o.json === true, result, () => [
            `submitted ${claim.claimId} to ${topic} (partition ${String(meta?.partition)}, offset ${String(meta?.baseOffset)})`,
            `follow it with: npx claims status ${claim.claimId}`,
          ]);
        } finally {
          await producer.disconnect();
        }
      })
    );
}
