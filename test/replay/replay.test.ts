import { bundleProjectWorkflows } from '../support/workflow-bundle';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';

/*
 * STYLE H21: every recorded history (test/workflows/claim with RECORD_HISTORIES=1) replays against the current
 * workflow code; a behaviour change without `patched()` fails here with a DeterminismViolationError.
 */
const HISTORIES = path.join(__dirname, 'histories');
const files = readdirSync(HISTORIES).filter((f) => f.endsWith('.json'));

/** The `patched()` ids recorded in a history file (core_patch markers carry `{"id": …}` as a base64 JSON payload). */
function patchIdsOf(file: string): string[] {
  const history = JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')) as {
    events: {
      markerRecordedEventAttributes?: {
        markerName?: string;
        details?: Record<string, { payloads?: { data?: string }[] }>;
      };
    }[];
  };
  return history.events.flatMap((e) => {
    const m = e.markerRecordedEventAttributes;
    const data = m?.markerName === 'core_patch' ? m.details?.['patch-data']?.payloads?.[0]?.data : undefined;
    return data ? [(JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { id: string }).id] : [];
  });
}

describe('replay of recorded histories', () => {
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    bundle = await bundleProjectWorkflows();
  });

  it('when histories were recorded, then there is one per claim scenario', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it('when periodic-award histories were recorded, then they include one from before the overpayment-audit patch', () => {
    const periodic = files.filter((f) => f.startsWith('periodic-'));
    expect(periodic.length).toBeGreaterThanOrEqual(3);
    // Recorded before `patched('periodic-audit-overpayment')`: it has an overpayment but no patch marker.
    const death = readFileSync(path.join(HISTORIES, 'periodic-death-overpayment.json'), 'utf8');
    expect(death).toContain('recordOverpayment');
    expect(patchIdsOf('periodic-death-overpayment.json')).toEqual([]);
  });

  it('when a sibling’s rate change reached back into paid months, then its history has the reassessment and child-limit patches, and the older ones have neither', () => {
    expect(patchIdsOf('periodic-child-shares-reassessed.json')).toEqual(
      expect.arrayContaining(['periodic-reassess-paid-periods', 'periodic-child-limit-follows-declarations'])
    );
    expect(patchIdsOf('periodic-suspension-limit.json')).toContain('periodic-suspension-limit');
    expect(patchIdsOf('periodic-estate-arrears.json')).toContain('periodic-estate-arrears');
    expect(patchIdsOf('periodic-final-settlement.json')).toContain('periodic-final-settlement');
    for (const before of ['periodic-thirty-years.json', 'periodic-failed-returned-bank-change.json']) {
      expect(patchIdsOf(before)).not.toContain('periodic-reassess-paid-periods');
      expect(patchIdsOf(before)).not.toContain('periodic-child-limit-follows-declarations');
    }
  });

  it('when the claim starts periodic awards, then histories from before and after that patch are both kept', () => {
    const read = (f: string) => readFileSync(path.join(HISTORIES, f), 'utf8');
    // Before `patched('claim-starts-periodic-awards')`: a handover event only, no child workflow.
    expect(read('claim-processing-death.json')).not.toContain('EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED');
    for (const after of ['claim-processing-death-periodic-awards.json', 'claim-processing-pdb-periodic-awards.json']) {
      expect(read(after)).toContain('EVENT_TYPE_MARKER_RECORDED');
      expect(read(after)).toContain('EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED');
    }
  });

  it('when an MC period or an award waits for a second officer, then histories from before and after the authority and reminder patches are both kept', () => {
    // Before: TDB per MC paid without the authority check, and an approval awaited without a timer.
    expect(patchIdsOf('claim-processing-tdb-per-mc.json')).not.toContain('claim-authority-check-every-payment');
    expect(patchIdsOf('claim-processing-approval.json')).not.toContain('claim-approval-reminders');
    expect(patchIdsOf('claim-processing-tdb-over-authority.json')).toEqual(
      expect.arrayContaining(['claim-authority-check-every-payment', 'claim-approval-reminders'])
    );
    expect(patchIdsOf('claim-processing-approval-reminders.json')).toContain('claim-approval-reminders');
  });

  it('when an award pays several lines to one person, then histories from before and after the payment-id-per-line patch are both kept', () => {
    // Before: lump sums and periodic awards keyed by <awardId> alone (a second line for the same person was lost).
    for (const before of ['claim-processing-pdb-lump-sum.json', 'claim-processing-death-periodic-awards.json']) {
      expect(patchIdsOf(before)).not.toContain('claim-payment-id-per-line');
    }
    expect(patchIdsOf('claim-processing-payment-id-per-line.json')).toContain('claim-payment-id-per-line');
    const after = readFileSync(path.join(HISTORIES, 'claim-processing-payment-id-per-line.json'), 'utf8');
    expect(after.match(/EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED/g)).toHaveLength(2);
  });

  it('when a lump sum or an instalment settles with the bank, then histories from before and after the payment-life and prune patches are both kept', () => {
    // Before `claim-lump-sum-payment-life`: a lump sum was issued and nothing waited for the bank's answer.
    expect(patchIdsOf('claim-processing-pdb-lump-sum.json')).not.toContain('claim-lump-sum-payment-life');
    expect(patchIdsOf('claim-processing-lump-sum-payment-life.json')).toContain('claim-lump-sum-payment-life');
    const after = readFileSync(path.join(HISTORIES, 'claim-processing-lump-sum-payment-life.json'), 'utf8');
    expect(after).toContain('lumpSumPaymentWorkflow');
    // The lump sum's own workflow: failed on every attempt, held, re-sent by an officer, paid.
    const lumpSum = readFileSync(path.join(HISTORIES, 'lump-sum-payment-failed-held-retried.json'), 'utf8');
    expect(lumpSum).toContain('resendPayment');
    expect(lumpSum).toContain('retryPayment');
    // A periodic run that continued as new after `periodic-prune-settled-results`, and the 30-year run from before.
    expect(patchIdsOf('periodic-prune-settled-results.json')).toContain('periodic-prune-settled-results');
    expect(patchIdsOf('periodic-thirty-years.json')).not.toContain('periodic-prune-settled-results');
  });

  it('when siblings share a pool or an update and the main loop both emit, then histories from after the sibling-stop and event-order patches are kept beside the older ones', () => {
    expect(patchIdsOf('periodic-operator-stop-marks-siblings.json')).toEqual(
      expect.arrayContaining(['periodic-operator-stop-marks-siblings', 'periodic-award-events-in-sequence'])
    );
    expect(patchIdsOf('periodic-events-in-sequence.json')).toContain('periodic-award-events-in-sequence');
    // Prepared ahead within the window, paid on the value date; the 30-year run from before woke on the date itself.
    expect(patchIdsOf('periodic-value-date-spread.json')).toContain('periodic-value-date-spread');
    expect(patchIdsOf('periodic-thirty-years.json')).not.toContain('periodic-value-date-spread');
    for (const before of ['periodic-child-shares-reassessed.json', 'periodic-failed-returned-bank-change.json']) {
      expect(patchIdsOf(before)).not.toContain('periodic-award-events-in-sequence');
      expect(patchIdsOf(before)).not.toContain('periodic-operator-stop-marks-siblings');
    }
  });

  it('when a claim’s short steps run as local activities, then histories from before and after that patch are both kept', () => {
    const count = (file: string, type: string) =>
      readFileSync(path.join(HISTORIES, file), 'utf8').split(`"${type}"`).length - 1;
    // After `claim-local-activities`: MC periods, the board's decision, the award and its payments as markers.
    for (const after of ['claim-processing-local-activities.json', 'claim-processing-local-activities-payments.json']) {
      expect(patchIdsOf(after)).toContain('claim-local-activities');
      expect(count(after, 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toBe(0);
      expect(count(after, 'EVENT_TYPE_MARKER_RECORDED')).toBeGreaterThan(10);
    }
    // The same scenarios from before: every step a scheduled activity.
    expect(patchIdsOf('claim-processing-tdb-per-mc.json')).not.toContain('claim-local-activities');
    expect(count('claim-processing-tdb-per-mc.json', 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toBeGreaterThan(10);
    // A lump sum failed, held, retried by an officer and paid, before and after `lump-sum-local-activities`.
    expect(patchIdsOf('lump-sum-payment-local-activities.json')).toContain('lump-sum-local-activities');
    expect(count('lump-sum-payment-local-activities.json', 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED')).toBe(0);
    expect(patchIdsOf('lump-sum-payment-failed-held-retried.json')).not.toContain('lump-sum-local-activities');
  });

  it.each(files)('when %s is replayed against the current code, then it is deterministic', async (file) => {
    // Stored in protobufjs object form by test/workflows/claim/harness.ts (maybeRecordHistory).
    const history = temporal.api.history.v1.History.fromObject(
      JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')) as object
    );
    await Worker.runReplayHistory({ workflowBundle: bundle }, history, `replay-${file}`);
  });
});
