import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ActorId } from '../../schemas/claim/ids';

/** The demo's own settings (environment), on top of the platform's `Config`; every one has a default. */
export const DemoEnv = z.object({
  /** Seed of everything generated; the same seed gives the same registry and claim stream. */
  DEMO_SEED: z.string().min(1).default('2026'),
  /** Number of claim messages to stream (all kinds, duplicates and bad ones included). */
  DEMO_CLAIMS: z.coerce.number().int().min(0).max(1_000_000).default(200),
  DEMO_CLAIMS_PER_MINUTE: z.coerce.number().positive().max(60_000).default(30),
  DEMO_PERSONS: z.coerce.number().int().min(1).max(100_000).default(3000),
  DEMO_EMPLOYERS: z.coerce.number().int().min(1).max(10_000).default(200),
  /** Mean Medical Board answer time and the share it leaves unanswered until a reminder. */
  DEMO_BOARD_DELAY_MS: z.coerce.number().int().min(0).default(20_000),
  DEMO_BOARD_SKIP: z.coerce.number().min(0).max(1).default(0.05),
  /** How long an award above the authority limit waits before the simulated second officer approves it. */
  DEMO_CHECKER_DELAY_MS: z.coerce.number().int().min(0).default(30_000),
  /** The simulated second officer's staff id, recorded as the approver (never a claim's maker). */
  DEMO_CHECKER_ACTOR: ActorId.default('demo.checker'),
  /**
   * Longest pause between publishing the registry and the first claim: the demo streams as soon as the registry
   * consumer has applied everything it published, or after this long (e.g. when no consumer runs).
   */
  DEMO_REGISTRY_WAIT_MS: z.coerce.number().int().min(0).default(120_000),
});

/** Parsed demo settings: environment plus the command-line flags. */
export type DemoSettings = z.output<typeof DemoEnv> & {
  /** `--registry-only`: publish the registry and exit. */
  registryOnly: boolean;
  /** `--no-board`: do not run the simulated Medical Board (e.g. another process runs it). */
  board: boolean;
  /** `--no-checker`: do not approve the demo's awards above the authority limit (approve them with the CLI). */
  checker: boolean;
};

/** Reads the flags and `DEMO_*` variables; throws an error naming each bad variable or unknown flag. */
export function parseDemoSettings(argv: readonly string[], env: NodeJS.ProcessEnv): DemoSettings {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'registry-only': { type: 'boolean', default: false },
      'no-board': { type: 'boolean', default: false },
      'no-checker': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const parsed = DemoEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
    throw new Error(`Invalid demo settings:\n  - ${lines.join('\n  - ')}`);
  }
  return {
    ...parsed.data,
    registryOnly: values['registry-only'] === true,
    board: values['no-board'] !== true,
    checker: values['no-checker'] !== true,
  };
}
