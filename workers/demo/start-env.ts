/*
 * The environment `npm start` (workers/start.ts) gives the processes it runs: demo settings on top of the
 * platform's defaults. Kept apart from the entry point so it can be tested without starting anything.
 */

/**
 * Demo settings for the processes `npm start` runs. Claims started here get minutes instead of the production days
 * for their deadlines, and periodic awards a minute per "month", so a newcomer sees reminders, SLA breaches,
 * refusals, pensions and every payment path within the session. Any value already set in the environment wins.
 */
export const DEMO_START_ENV: Readonly<Record<string, string>> = {
  CLAIM_INFORMATION_DEADLINE: '5 minutes',
  CLAIM_INFORMATION_REMINDER: '1 minute',
  CLAIM_ASSESSMENT_SLA: '2 minutes',
  CLAIM_ASSESSMENT_REMINDER: '1 minute',
  CLAIM_APPROVAL_SLA: '3 minutes',
  CLAIM_APPROVAL_REMINDER: '1 minute',
  // A smaller synthetic registry than `npm run demo`'s default, chosen when the local FerretDB ran on SQLite, which
  // applied registry upserts slowly (FerretDB scans a collection for each upsert on either backend, INFRA.md).
  DEMO_PERSONS: '300',
  DEMO_EMPLOYERS: '30',
  // The simulated Medical Board answers in 2.5 to 7.5 s (not 10 to 30 s), so pensions start in the first minute.
  DEMO_BOARD_DELAY_MS: '5000',
  // The simulated second officer approves awards above the authority limit (death awards) after 10 s.
  DEMO_CHECKER_DELAY_MS: '10000',
  // The simulated bank fails and returns more often than its defaults, so a short demo shows every payment path:
  // 15 % of attempts fail (re-sent on the schedule below) and 10 % of accounts are closed (payments returned).
  BANK_FAIL_RATE: '0.15',
  BANK_RETURN_RATE: '0.1',
  BANK_DELAY_MS: '1000',
  // A demo "month" of a periodic award lasts a minute (amounts are still those of calendar months), and a failed
  // payment is re-sent within that minute instead of after 1, 3 and 7 days.
  PERIODIC_CYCLE_SECONDS: '60',
  PERIODIC_RETRY_SCHEDULE: '10 seconds, 20 seconds, 30 seconds',
};

/**
 * The environment of a process `npm start` runs: the demo settings, overridden by the caller's environment.
 * `MONGODB_URI` passes through as it is: the pool size and timeouts are applied by every process's connection
 * (`MONGODB_MAX_POOL_SIZE`, default 20, infra/config.ts), whoever starts it.
 */
export function startChildEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...DEMO_START_ENV, ...env };
}
