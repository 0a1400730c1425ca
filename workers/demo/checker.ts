import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { Consumer, Kafka } from 'kafkajs';
import { createOutageWait, OutageError, type OutageWait } from '../../infra/outage-wait';
import { claimWorkflowId } from '../../infra/temporal/claim-starter';
import { ActorId } from '../../schemas/claim/ids';
import { ApproveAward } from '../../schemas/claim/operator-inputs';
import { ClaimLifecycleEvent, type ClaimLifecycleEventV1 } from '../../schemas/events/claim-lifecycle-event.v1';
import { checkAuthority } from '../../schemas/operators/authority';
import type { OperatorsFile } from '../../schemas/operators/operators-file';
import { Topics } from '../../schemas/topics';
import { approveAwardUpdate } from '../../workflows/claim/messages';
import { decodeJson } from '../kafka-messages';

/*
 * A simulated second officer for the demo (maker-checker, CLM-FLOW-001). An award above the authority limit (most
 * employment-injury death awards, where a child's benefit to a fixed end date counts in full) waits in
 * `awaiting-approval` for an officer who did not make it; without one the demo's dependants' pensions never start.
 * The checker reads the `approval-required` events on `claims.events` and, after a delay, approves through the same
 * `approveAward` update as `npx claims approve`, under a demo actor id. Demo only: it approves only claims the demo
 * streamed in this run and only for the authority limit; an award the benefit rules refer to an officer (no wage
 * base, a lump sum the officer sets) is left for a person (`npx claims approve`). The checker is an operator like
 * any other: its actor id must hold the `approve` role in the operators file, and an award above its
 * `approveUpToSen` is left for a person too.
 */

/** The reason the simulated checker records with each approval (it reaches the award's audit trail). */
export const DEMO_APPROVAL_REASON = 'Demo: simulated second officer approves an award above the authority limit.';

/** Approves one award of a claim; `refused` when the claim turned it down (wrong stage, maker-checker, gone). */
export type Approver = (claimId: string, approval: ApproveAward) => Promise<'approved' | 'refused'>;

/** Why the checker does or does not approve a lifecycle event's award. */
export type CheckerVerdict =
  | { kind: 'approve'; claimId: string; awardId: string }
  | {
      kind: 'ignore';
      why: 'not-approval-required' | 'not-demo-claim' | 'within-limit' | 'no-award' | 'above-checker-limit';
    };

/**
 * What the checker makes of one `claims.events` event: approve an `approval-required` award of a demo claim whose
 * total exceeds the authority limit and is within the checker's own `approveUpToSen` (when given); ignore everything
 * else (including officer referrals within the limit).
 */
export function checkerVerdict(
  event: ClaimLifecycleEventV1,
  isDemoClaim: (claimId: string) => boolean,
  approveUpToSen?: number
): CheckerVerdict {
  if (event.type !== 'approval-required') return { kind: 'ignore', why: 'not-approval-required' };
  if (!isDemoClaim(event.claimId)) return { kind: 'ignore', why: 'not-demo-claim' };
  const { awardId, totalSen, authorityLimitSen } = event.details;
  if (typeof awardId !== 'string') return { kind: 'ignore', why: 'no-award' };
  if (typeof totalSen !== 'number' || typeof authorityLimitSen !== 'number' || totalSen <= authorityLimitSen) {
    return { kind: 'ignore', why: 'within-limit' };
  }
  if (approveUpToSen !== undefined && totalSen > approveUpToSen) return { kind: 'ignore', why: 'above-checker-limit' };
  return { kind: 'approve', claimId: event.claimId, awardId };
}

/**
 * The checker's `approveUpToSen` from the operators file; throws naming the actor when the file does not let it
 * approve, so the demo stops at start rather than sending approvals the CLI would refuse.
 */
export function checkerLimitSen(operators: OperatorsFile, actorId: string): number | undefined {
  const refusal = checkAuthority(operators, actorId, 'approve');
  if (refusal !== undefined) {
    throw new Error(`the demo checker cannot approve: ${refusal.message} (give it the approve role, or --no-checker)`);
  }
  return operators.operators.find((o) => o.id === actorId)?.approveUpToSen;
}

/** Options of the simulated checker; tests pass their own topic, group and short delays. */
export interface CheckerOptions {
  kafka: Kafka;
  approve: Approver;
  /** The approving officer's id, e.g. `demo.checker`: never the maker, so the claim accepts it. */
  actorId: string;
  /** How long after the `approval-required` event the award is approved. */
  delayMs: number;
  /** The checker's own limit (its `approveUpToSen`, {@link checkerLimitSen}); larger awards are left for a person. */
  approveUpToSen?: number;
  /** Whether the demo streamed this claim: the checker approves nothing else. */
  isDemoClaim: (claimId: string) => boolean;
  /** Attempts at an approval that fails on the way before giving up (default 5). */
  attempts?: number;
  /**
   * Lets an approval wait out a Temporal outage ({@link temporalOutageWait}, KAFKA_PRODUCER_OUTAGE_MAX) without
   * spending its attempts; an approval still waiting at the end is left for an officer.
   */
  outage?: OutageWait;
  eventsTopic?: string;
  groupId?: string;
  /** Read `claims.events` from the start when the group is new (default true). */
  fromBeginning?: boolean;
  /** Receives one line per approval or failure; ids and counts only. */
  log?: (line: string) => void;
}

/** Running totals of the checker. */
export interface CheckerCounters {
  /** `claims.events` messages read. */
  received: number;
  /** Not a valid lifecycle event (ignored). */
  invalid: number;
  /** Awards above the limit of demo claims, scheduled for approval (once each). */
  scheduled: number;
  approved: number;
  /** Approvals the claim turned down (already approved by an officer, or no longer waiting). */
  refused: number;
  /** Approvals given up after `attempts` failures. */
  failed: number;
  /** Awards above the checker's own `approveUpToSen`, left for a person. */
  aboveLimit: number;
}

/** A running simulated checker. */
export interface Checker {
  readonly counters: Readonly<CheckerCounters>;
  start(): Promise<void>;
  /** Stops reading and cancels approvals not yet made. */
  stop(): Promise<void>;
}

const errorName = (err: unknown): string => (err instanceof Error ? err.name : 'error');

/** Creates the simulated checker: `claims.events` in, `approveAward` updates out (through `approve`). */
export function createSimulatedChecker(options: CheckerOptions): Checker {
  ActorId.parse(options.actorId); // a bad actor id fails at start, not at the first approval
  const attempts = options.attempts ?? 5;
  const log = options.log ?? (() => undefined);
  const counters: CheckerCounters = {
    received: 0,
    invalid: 0,
    scheduled: 0,
    approved: 0,
    refused: 0,
    failed: 0,
    aboveLimit: 0,
  };
  const scheduled = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  let consumer: Consumer | undefined;

  const later = (fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, options.delayMs);
    timers.add(timer);
  };

  const approve = async (claimId: string, awardId: string, attempt: number): Promise<void> => {
    const approval = ApproveAward.parse({ actorId: options.actorId, awardId, reason: DEMO_APPROVAL_REASON });
    const send = () => options.approve(claimId, approval);
    try {
      const outcome = await (options.outage ? options.outage.run(send, { what: `approving ${awardId}` }) : send());
      counters[outcome] += 1;
      log(`checker: ${outcome} ${awardId} of ${claimId} as ${options.actorId}`);
    } catch (err) {
      if (err instanceof OutageError) {
        counters.failed += 1;
        log(`checker: approving ${awardId} of ${claimId} gave up (${err.message}); left for an officer`);
        return;
      }
      if (attempt >= attempts) {
        counters.failed += 1;
        log(
          `checker: approving ${awardId} of ${claimId} failed ${attempt} times (${errorName(err)}); left for an officer`
        );
        return;
      }
      later(() => void approve(claimId, awardId, attempt + 1));
    }
  };

  const handle = (value: Buffer | null): void => {
    counters.received += 1;
    const decoded = decodeJson(ClaimLifecycleEvent, value);
    if (!decoded.ok) {
      counters.invalid += 1;
      return;
    }
    const verdict = checkerVerdict(decoded.data, options.isDemoClaim, options.approveUpToSen);
    if (verdict.kind === 'ignore' && verdict.why === 'above-checker-limit') {
      counters.aboveLimit += 1;
      log(`checker: ${decoded.data.claimId} is above the approveUpToSen of ${options.actorId}; left for an officer`);
    }
    if (verdict.kind !== 'approve') return;
    const key = `${verdict.claimId}:${verdict.awardId}`;
    if (scheduled.has(key)) return; // a redelivered event
    scheduled.add(key);
    counters.scheduled += 1;
    later(() => void approve(verdict.claimId, verdict.awardId, 1));
  };

  return {
    counters,
    async start() {
      consumer = options.kafka.consumer({ groupId: options.groupId ?? 'demo-checker' });
      await consumer.connect();
      await consumer.subscribe({
        topic: options.eventsTopic ?? Topics.ClaimsEvents,
        fromBeginning: options.fromBeginning ?? true,
      });
      await consumer.run({ eachMessage: async ({ message }) => handle(message.value) });
    },
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await consumer?.disconnect();
    },
  };
}

/** Whether an approval failed only because Temporal did not answer (gRPC UNAVAILABLE or DEADLINE_EXCEEDED). */
export function isTemporalUnreachable(err: unknown): boolean {
  let e = err as { code?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; depth < 5 && e !== null && typeof e === 'object'; depth++) {
    if (e.code === 14 || e.code === 4) return true;
    if (e.cause === e) break;
    e = e.cause as typeof e;
  }
  return false;
}

/** The checker's wait for Temporal: `maxMs` (the demo passes KAFKA_PRODUCER_OUTAGE_MAX), logged once each way. */
export function temporalOutageWait(maxMs: number, log: (line: string) => void): OutageWait {
  return createOutageWait({
    who: 'checker',
    server: 'Temporal',
    setting: 'KAFKA_PRODUCER_OUTAGE_MAX',
    maxMs,
    isOutage: isTemporalUnreachable,
    log,
  });
}

/** The {@link Approver} over Temporal: the claim workflow's `approveAward` update, as `npx claims approve` sends it. */
export function temporalApprover(client: Client): Approver {
  return async (claimId, approval) => {
    try {
      await client.workflow.getHandle(claimWorkflowId(claimId)).executeUpdate(approveAwardUpdate, { args: [approval] });
      return 'approved';
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) return 'refused';
      throw err;
    }
  };
}
