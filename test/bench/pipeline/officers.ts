import type { Client } from '@temporalio/client';
import { claimWorkflowId } from '../../../infra/temporal/claim-starter';
import { Sen } from '../../../schemas/common/money';
import { approveAwardUpdate, decideAwardLineUpdate, getClaimStatusQuery } from '../../../workflows/claim/messages';

/*
 * The two officers a claim may wait for, simulated so that every claim of the bench reaches its outcome, as the
 * simulated Medical Board answers at once: most injury awards carry a line the rules leave to an officer (EI-PDB: a
 * LOEC of 20 % or less is paid as a lump sum an officer sets), and awards above the authority limit wait for a second
 * officer. On each `approval-required` event the maker sets every referred line of the award (a fixed amount, as
 * the award-invariant test does) and the checker approves it, through the same updates as `npx claims decide` and
 * `npx claims approve`, with update ids derived from the award so a retry is applied once.
 */

/** Officers of infra/operators/operators.json: the maker decides referred lines, the checker approves. */
export const MAKER = 'officer.aziz';
export const CHECKER = 'officer.siti';
/** What the maker sets a referred line to (RM123.45): the amount does not change the work the platform does. */
const DECIDED_SEN = Sen.parse(12_345);
const REASON = 'Bench: simulated officer, answering at once.';
/** Officers' requests in flight at once (each is a query and one or more updates). */
const CONCURRENCY = 8;
/** The longest pause between two attempts at one award. */
const MAX_BACKOFF_MS = 5_000;

/** Running totals of the officers. */
export interface OfficerCounters {
  /** Awards approved (after deciding their referred lines, if any). */
  approved: number;
  /** Referred lines decided. */
  decided: number;
  /**
   * Failed attempts (a query or update that timed out on a loaded box), each retried: an officer never gives up on
   * a waiting award, and a claim that cannot be approved shows as a stall naming the last error.
   */
  retries: number;
  lastError?: string;
}

/** The simulated officers: `approve` queues one award of a claim; at most {@link CONCURRENCY} run at once. */
export function createOfficers(client: Client): {
  counters: Readonly<OfficerCounters>;
  approve(claimId: string, awardId: string): void;
} {
  const counters: OfficerCounters = { approved: 0, decided: 0, retries: 0 };
  const seen = new Set<string>();
  const queue: { claimId: string; awardId: string }[] = [];
  let running = 0;

  const act = async (claimId: string, awardId: string): Promise<void> => {
    const handle = client.workflow.getHandle(claimWorkflowId(claimId));
    const status = await handle.query(getClaimStatusQuery);
    const referred = status.awards
      .find((a) => a.awardId === awardId)
      ?.lines.filter((l) => l.status === 'officer-review');
    for (const line of referred ?? []) {
      await handle.executeUpdate(decideAwardLineUpdate, {
        args: [{ actorId: MAKER, awardId, lineId: line.lineId, amountSen: DECIDED_SEN, reason: REASON }],
        updateId: `bench-decide-${awardId}-${line.lineId}`,
      });
      counters.decided += 1;
    }
    await handle.executeUpdate(approveAwardUpdate, {
      args: [{ actorId: CHECKER, awardId, reason: REASON }],
      updateId: `bench-approve-${awardId}`,
    });
    counters.approved += 1;
  };

  const next = (): void => {
    while (running < CONCURRENCY && queue.length > 0) {
      const job = queue.shift() as { claimId: string; awardId: string };
      running += 1;
      void (async () => {
        for (let attempt = 1; ; attempt += 1) {
          try {
            await act(job.claimId, job.awardId);
            return;
          } catch (err) {
            counters.retries += 1;
            counters.lastError = `${job.awardId}: ${err instanceof Error ? err.message : String(err)}`;
            await new Promise((r) => setTimeout(r, Math.min(MAX_BACKOFF_MS, 500 * attempt)));
          }
        }
      })().finally(() => {
        running -= 1;
        next();
      });
    }
  };

  return {
    counters,
    approve(claimId, awardId) {
      const key = `${claimId}/${awardId}`;
      if (seen.has(key)) return; // a reminder or a redelivered event
      seen.add(key);
      queue.push({ claimId, awardId });
      next();
    },
  };
}
