import type { PeriodicConfigInput } from '../../schemas/periodic/start-input';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { ClaimSubmitted } from '../../schemas/events/claim-submitted.v1';
import { AccidentDateKey, ClaimIdKey, ClaimStageKey, ClaimTypeKey, SchemeKey } from '../../workflows/search-attributes';
import type { ClaimWorkflowConfigInput } from '../../workflows/claim/config';
import type { Config } from '../config';
import type { ClaimStarter } from '../../workers/intake/handle-claim-submitted';

/** The claim workflow's type name; a workflow's type is its exported function name (STYLE H12). */
export const CLAIM_WORKFLOW_TYPE = 'claimProcessingWorkflow';

/** The workflow id of a claim: a business id, never personal data (INFRA.md (e), STYLE H15). */
export const claimWorkflowId = (claimId: string): string => `claim-${claimId}`;

/** The scheme a submitted claim falls under, for the `Scheme` search attribute. */
export function schemeOf(claim: ClaimSubmitted): string {
  switch (claim.claimType) {
    case 'employment-injury':
      return 'employment-injury';
    case 'non-employment-injury':
      return 'lindung-24-jam';
    case 'invalidity':
      return 'invalidity';
    case 'death':
      return claim.death.cause === 'employment-injury'
        ? 'employment-injury'
        : claim.death.cause === 'non-employment-injury'
          ? 'lindung-24-jam'
          : 'invalidity';
  }
}

function accidentInstant(claim: ClaimSubmitted): Date | undefined {
  const incident = claim.claimType === 'invalidity' ? undefined : claim.incident;
  if (incident?.occurredAt) return new Date(incident.occurredAt);
  if (incident?.onsetDate) return new Date(`${incident.onsetDate}T00:00:00+08:00`);
  if (claim.claimType === 'death') return new Date(`${claim.death.dateOfDeath}T00:00:00+08:00`);
  return undefined;
}

/**
 * Starts one claim workflow per claim id (INFRA.md (g)): `USE_EXISTING` returns the open run for a redelivered
 * message; `REJECT_DUPLICATE` refuses a new run once the claim has closed, which surfaces as
 * WorkflowExecutionAlreadyStartedError and means "already handled".
 *
 * Telling "started" from "duplicate" for the counters: the SDK does not say whether USE_EXISTING attached to an
 * open run, so the run's memo records the intake event id that created it. A run whose memo carries this event's
 * id was created by this message (possibly in a delivery that crashed before its offset was committed);
 * a different id means another submission of the same claim. Claims already counted by this process are
 * duplicates whatever the memo says, so an event published twice is counted once.
 */
/** How many recently counted claim ids the starter remembers (oldest forgotten first). */
const MAX_REMEMBERED = 100_000;

export function createClaimStarter(
  client: Client,
  taskQueue: string,
  workflowConfig: ClaimWorkflowConfigInput = {}
): ClaimStarter {
  const args = (claim: ClaimSubmitted): [ClaimSubmitted] | [ClaimSubmitted, ClaimWorkflowConfigInput] =>
    Object.keys(workflowConfig).length > 0 ? [claim, workflowConfig] : [claim];
  const counted = new Set<string>();
  return {
    async start(claim) {
      const accident = accidentInstant(claim);
      try {
        const handle = await client.workflow.start(CLAIM_WORKFLOW_TYPE, {
          workflowId: claimWorkflowId(claim.claimId),
          taskQueue,
          args: args(claim),
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          memo: { intakeEventId: claim.eventId, claimType: claim.claimType },
          typedSearchAttributes: [
            { key: ClaimIdKey, value: claim.claimId },
            { key: ClaimStageKey, value: 'received' },
            { key: ClaimTypeKey, value: claim.claimType },
            { key: SchemeKey, value: schemeOf(claim) },
            ...(accident ? [{ key: AccidentDateKey, value: accident }] : []),
          ],
        });
        if (counted.has(claim.claimId)) return 'duplicate';
        const description = await handle.describe();
        counted.add(claim.claimId);
        if (counted.size > MAX_REMEMBERED) counted.delete(counted.values().next().value as string);
        return description.memo?.intakeEventId === claim.eventId ? 'started' : 'duplicate';
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return 'duplicate';
        throw err;
      }
    },
  };
}

/** The claim workflow settings for newly started claims, from the CLAIM_* variables (unset: workflow defaults). */
export function claimWorkflowConfigFrom(config: Config): ClaimWorkflowConfigInput {
  const out: ClaimWorkflowConfigInput = {};
  if (config.CLAIM_INFORMATION_DEADLINE) out.informationDeadline = config.CLAIM_INFORMATION_DEADLINE as never;
  if (config.CLAIM_INFORMATION_REMINDER) out.informationReminderInterval = config.CLAIM_INFORMATION_REMINDER as never;
  if (config.CLAIM_ASSESSMENT_SLA) out.assessmentOverdueAfter = config.CLAIM_ASSESSMENT_SLA as never;
  if (config.CLAIM_ASSESSMENT_REMINDER) out.assessmentReminderInterval = config.CLAIM_ASSESSMENT_REMINDER as never;
  if (config.CLAIM_AUTHORITY_LIMIT_SEN !== undefined) out.authorityLimitSen = config.CLAIM_AUTHORITY_LIMIT_SEN;
  if (config.CLAIM_APPROVAL_SLA) out.approvalOverdueAfter = config.CLAIM_APPROVAL_SLA as never;
  if (config.CLAIM_APPROVAL_REMINDER) out.approvalReminderInterval = config.CLAIM_APPROVAL_REMINDER as never;
  const periodic = periodicWorkflowConfigFrom(config);
  if (Object.keys(periodic).length > 0) out.periodic = periodic;
  return out;
}

/**
 * The periodic-award settings from the PERIODIC_* variables (unset: workflow defaults). The claim workflow records
 * them in the start input of each award it starts, so a change of setting never alters running awards.
 */
export function periodicWorkflowConfigFrom(
  config: Pick<
    Config,
    | 'PERIODIC_CYCLE_SECONDS'
    | 'PERIODIC_RESULT_TIMEOUT'
    | 'PERIODIC_RETRY_SCHEDULE'
    | 'PERIODIC_DECLARATION_GRACE_DAYS'
    | 'PERIODIC_SUSPENSION_MONTHS'
    | 'PERIODIC_PREPARATION_WINDOW_HOURS'
  >
): PeriodicConfigInput {
  const out: PeriodicConfigInput = {};
  if (config.PERIODIC_CYCLE_SECONDS !== undefined) out.cycle = { seconds: config.PERIODIC_CYCLE_SECONDS };
  if (config.PERIODIC_RESULT_TIMEOUT) out.resultTimeout = config.PERIODIC_RESULT_TIMEOUT;
  if (config.PERIODIC_RETRY_SCHEDULE) {
    out.failedRetrySchedule = config.PERIODIC_RETRY_SCHEDULE.split(',')
      .map((d) => d.trim())
      .filter((d) => d.length > 0);
  }
  if (config.PERIODIC_DECLARATION_GRACE_DAYS !== undefined) {
    out.declarationGraceDays = config.PERIODIC_DECLARATION_GRACE_DAYS;
  }
  if (config.PERIODIC_SUSPENSION_MONTHS !== undefined) out.suspensionMonths = config.PERIODIC_SUSPENSION_MONTHS;
  if (config.PERIODIC_PREPARATION_WINDOW_HOURS !== undefined) {
    out.preparationWindowHours = config.PERIODIC_PREPARATION_WINDOW_HOURS;
  }
  return out;
}
