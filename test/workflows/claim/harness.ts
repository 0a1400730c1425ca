import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { Activities } from '../../../activities';
import type { LifecycleEventInput, StoredAward, VerificationResult } from '../../../activities/claims';
import { paymentInstructionFor } from '../../../activities/claims/payments';
import type { AwardLine } from '../../../schemas/benefits/award';
import { sen } from '../../../schemas/common/money';
import type { ClaimStatus } from '../../../schemas/claim/status';
import { getClaimStatusQuery } from '../../../workflows/claim/messages';
import type { ClaimWorkflowConfigInput } from '../../../workflows/claim/config';
import { anAwardLine, INSURED_PERSON_ID } from '../../support/builders';
import { eventually } from '../../support/unique';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTES } from '../../../workflows/search-attributes';
import { lumpSumWorkflowId } from '../../../workflows/payments/ids';
import type { PaymentResultV1 } from '../../../schemas/events/payment-result.v1';

const SA_TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

/** The time-skipping server refuses unknown search attributes on upsert: register the project's keys first. */
export async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const searchAttributes = Object.fromEntries(
    SEARCH_ATTRIBUTES.map(
      (k) => [k.name, SA_TYPES[k.type] ?? temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD] as const
    )
  );
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes });
}

/** Short durations so every path runs in seconds of time-skipping. */
export const TEST_CONFIG: ClaimWorkflowConfigInput = {
  informationDeadline: '10 days',
  informationReminderInterval: '3 days',
  assessmentOverdueAfter: '20 days',
  assessmentReminderInterval: '5 days',
  authorityLimitSen: 1_000_000,
};

export const verified = (overrides: Partial<VerificationResult> = {}): VerificationResult => ({
  outcome: 'continue',
  code: 'VERIFIED',
  reason: 'Registration, cover, exclusions and documents verified.',
  flags: [],
  missing: [],
  claimClass: 'EI',
  checks: [],
  ...overrides,
});

/** A TDB line for `days` certified days at RM100.00 a day. */
export const tdbLine = (days: number, from = '2026-07-15', to = '2026-07-24'): AwardLine =>
  anAwardLine({
    lineId: 'TDB-1',
    benefitType: 'temporary-disablement',
    kind: 'periodic',
    amountSen: sen(days * 10_000),
    amountBasis: 'period-total',
    period: { from, to },
    startDate: from,
    ruleIds: ['EI-TDB-001'],
  });

/** A stored award as the computeAward activity returns it. */
export function anAward(awardId: string, lines: AwardLine[], overrides: Partial<StoredAward> = {}): StoredAward {
  return {
    awardId,
    claimId: 'C-2026-000123',
    asOf: '2026-10-06',
    scope: 'final',
    totalSen: lines.reduce((s, l) => s + l.amountSen, 0),
    lines,
    ruleIds: lines.flatMap((l) => l.ruleIds),
    eligibility: { outcome: 'eligible', reasons: [] },
    flags: [],
    rateTableVersions: {},
    createdAt: '2026-10-06T00:00:00Z',
    ...overrides,
  };
}

export const lumpSumPdb = (amount = 800_000): AwardLine =>
  anAwardLine({
    lineId: 'PDB-1',
    kind: 'lump-sum',
    amountSen: sen(amount),
    amountBasis: 'lump-sum',
    period: { from: '2026-07-25', to: '2026-07-25' },
    beneficiaryId: INSURED_PERSON_ID,
  });

/** Fake activities (jest.fn) recording lifecycle events; `final` is the final award's lines. */
export function fakeActivities(
  options: { verify?: VerificationResult[]; final?: (awardId: string) => StoredAward } = {}
) {
  const events: LifecycleEventInput[] = [];
  const verifications = [...(options.verify ?? [verified()])];
  const acts = {
    verifyClaim: jest.fn(
      async () => (verifications.length > 1 ? verifications.shift() : verifications[0]) ?? verified()
    ),
    publishLifecycleEvent: jest.fn(async (e: LifecycleEventInput) => {
      // Downstream drops a copy by its event id (claim + sequence): a local activity run again is the same event.
      if (!events.some((x) => x.sequence === e.sequence)) events.push(e);
      return `event-${e.sequence}`;
    }),
    requestMedicalAssessment: jest.fn(async () => 'requested'),
    computeAward: jest.fn<Promise<StoredAward>, Parameters<Activities['computeAward']>>(async (input) => {
      if (input.scope === 'final') {
        return options.final?.(input.awardId) ?? anAward(input.awardId, [lumpSumPdb(100_000)]);
      }
      const days = input.certificates.length * 10;
      const line = tdbLine(days - input.alreadyAwardedTdbSen / 10_000);
      return anAward(input.awardId, [line], { scope: 'tdb-period' });
    }),
    recordAwardApproval: jest.fn(async (input: Parameters<Activities['recordAwardApproval']>[0]) =>
      anAward(input.awardId, [], { approval: { ...input } })
    ),
    publishBenefitAwarded: jest.fn(
      async (input: Parameters<Activities['publishBenefitAwarded']>[0]) => input.lines.length
    ),
    issuePayment: jest.fn(async (input: Parameters<Activities['issuePayment']>[0]) => ({
      // The payment id as the real activity derives it (per line from patch claim-payment-id-per-line).
      paymentId: paymentInstructionFor(input).paymentId,
      amountSen: input.line.amountSen,
      status: 'issued' as const,
    })),
    // A lump sum's payment workflow (patch claim-lump-sum-payment-life): the bank has already paid it, so the
    // workflow finds the answer when it starts and ends at once (workflows/payments has its own tests).
    paymentResultsOf: jest.fn(async (paymentId: string) => [paidResult(paymentId)]),
    publishAwardEvent: jest.fn(
      async (e: Parameters<Activities['publishAwardEvent']>[0]) => `award-event-${e.sequence}`
    ),
  } satisfies Partial<Activities>;
  return { acts, events, types: () => events.map((e) => e.type) };
}

/** The bank's `paid` answer to `paymentId`. */
export const paidResult = (paymentId: string): PaymentResultV1 => ({
  schemaVersion: 1,
  eventId: `00000000-0000-4000-8000-${paymentId.length.toString().padStart(12, '0')}`,
  paymentId,
  status: 'paid',
  bankReference: 'BANK-REF-1',
  settledAt: '2026-10-07T02:00:00.000Z',
});

/**
 * Waits (inside the worker's run) for the payment workflow of every lump sum `issuePayment` issued, so none is left
 * with an activity scheduled on a task queue whose worker has gone (that stalls time-skipping for later tests).
 */
export async function settleLumpSums(env: TestWorkflowEnvironment, activities: Partial<Activities>): Promise<void> {
  const calls = (activities.issuePayment as jest.Mock | undefined)?.mock?.results ?? [];
  for (const call of calls) {
    if (call.type !== 'return') continue;
    const issued = (await call.value) as { paymentId: string };
    await env.client.workflow
      .getHandle(lumpSumWorkflowId(issued.paymentId))
      .result()
      .catch(() => undefined);
  }
}

/** Polls the status query until `check` holds (queries do not move time-skipping time). */
export async function statusWhen(
  handle: WorkflowHandle,
  check: (s: ClaimStatus) => boolean,
  timeoutMs = 20_000
): Promise<ClaimStatus> {
  return eventually(async () => {
    const s = await handle.query(getClaimStatusQuery);
    return check(s) ? s : undefined;
  }, timeoutMs);
}

/** With RECORD_HISTORIES=1, stores the run's history for the replay test (STYLE H21). */
export async function maybeRecordHistory(handle: WorkflowHandle, scenario: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await handle.fetchHistory();
  const file = path.resolve(__dirname, '../../replay/histories', `claim-processing-${scenario}.json`);
  // protobufjs object form (longs and bytes as strings): historyToJSON's protojson fails under Jest's module registry.
  const json = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(history), {
    longs: String,
    enums: String,
    bytes: String,
  });
  writeFileSync(file, `${JSON.stringify(json, null, 1)}\n`);
}
