import { temporal } from '@temporalio/proto';
import { parseAwards } from '../../bench/payroll';
import { payrollAwards, payrollMonth } from '../../bench/payroll-awards';
import { peakPerSecond, percentile, wakeUpsOf } from '../../bench/payroll-report';
import { cycleShapeOf } from '../../bench/payroll-shape';
import { PeriodicAwardInput } from '../../../schemas/periodic/start-input';
import { periodicWorkflowIdOfPayment } from '../../../workflows/periodic/ids';

const E = temporal.api.enums.v1.EventType;
type Event = temporal.api.history.v1.IHistoryEvent;
const activity = (): Event => ({ eventType: E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED });
const taskDone = (): Event => ({ eventType: E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED });
// fromObject: int64 fields become Longs, as in a history the client fetched.
const timer = (id: string, seconds: number): Event =>
  temporal.api.history.v1.HistoryEvent.fromObject({
    eventType: E.EVENT_TYPE_TIMER_STARTED,
    timerStartedEventAttributes: { timerId: id, startToFireTimeout: { seconds, nanos: seconds === 0 ? 1_000_000 : 0 } },
  });
const fired = (id: string): Event => ({
  eventType: E.EVENT_TYPE_TIMER_FIRED,
  timerFiredEventAttributes: { timerId: id },
});
const cancelled = (id: string): Event => ({
  eventType: E.EVENT_TYPE_TIMER_CANCELED,
  timerCanceledEventAttributes: { timerId: id },
});
const signalled = (): Event => ({ eventType: E.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED });

describe('payroll bench helpers (test/bench/payroll-*.ts)', () => {
  it('when the bank answers after the settle wait began, then the cycle is the activities, the due timer and a signal wait with its timeout', () => {
    const shape = cycleShapeOf({
      events: [
        taskDone(),
        activity(),
        activity(),
        timer('1', 0),
        fired('1'),
        activity(),
        timer('2', 864_000),
        signalled(),
        cancelled('2'),
        taskDone(),
        activity(),
      ],
    });
    expect(shape).toEqual({
      steps: [
        { kind: 'activity' },
        { kind: 'activity' },
        { kind: 'timer', ms: 1 },
        { kind: 'activity', signals: true },
        { kind: 'signal-wait', timeoutMs: 864_000_000 },
        { kind: 'activity' },
      ],
      activities: 4,
      localActivities: 0,
      signals: 1,
      timers: 2,
      historyEvents: 11,
      workflowTasks: 2,
    });
  });

  it('when the answer came before the wait began (no timer), then the signal wait has no timeout and follows the issuing activity', () => {
    const shape = cycleShapeOf({ events: [activity(), signalled(), activity()] });
    expect(shape.steps).toEqual([{ kind: 'activity', signals: true }, { kind: 'signal-wait' }, { kind: 'activity' }]);
    expect(shape).toMatchObject({ activities: 2, signals: 1, timers: 0 });
  });

  it('when the steps ran as local activities, then each marker of a local activity is a local step and patch markers are not', () => {
    const marker = (markerName: string): Event => ({
      eventType: E.EVENT_TYPE_MARKER_RECORDED,
      markerRecordedEventAttributes: { markerName },
    });
    const shape = cycleShapeOf({
      events: [
        marker('core_patch'),
        marker('core_local_activity'),
        timer('1', 0),
        fired('1'),
        marker('core_local_activity'),
        signalled(),
      ],
    });
    expect(shape.steps).toEqual([
      { kind: 'activity', local: true },
      { kind: 'timer', ms: 1 },
      { kind: 'activity', local: true, signals: true },
      { kind: 'signal-wait' },
    ]);
    expect(shape).toMatchObject({ activities: 2, localActivities: 2 });
  });

  it('when awards are built for a run, then each is a valid start input whose payment id leads back to its workflow, in a month whose payment date has passed', () => {
    const month = payrollMonth(new Date('2026-12-03T15:00:00Z'));
    expect(month).toBe('2026-11');
    expect(payrollMonth(new Date('2026-12-31T17:00:00Z'))).toBe('2026-12'); // already 1 January in Malaysia
    const awards = payrollAwards('run1', month, 3);
    for (const a of awards) {
      expect(PeriodicAwardInput.safeParse(a.input).success).toBe(true);
      expect(periodicWorkflowIdOfPayment(a.paymentId)).toBe(a.workflowId);
    }
    expect(new Set(awards.map((a) => a.input.payee.bankAccount.accountNumber)).size).toBe(3);
  });

  it('when figures are summarised, then percentiles are nearest-rank and wake-ups are counted per wall-clock second', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 100)).toBe(5);
    expect(percentile([], 95)).toBe(0);
    expect(peakPerSecond([1_000, 1_100, 1_999, 2_000, 3_500])).toBe(3);
    expect(wakeUpsOf([1_000, 1_500, 3_000], 1_000)).toEqual({ peakPerSec: 2, meanPerSec: 1.5, secondsToWakeAll: 2 });
  });

  it('when --awards is given, then it must be a positive whole number; without it the payroll has 5,000 awards', () => {
    expect(parseAwards([])).toBe(5_000);
    expect(parseAwards(['--awards', '30'])).toBe(30);
    for (const bad of ['0', '-3', '2.5', 'many', '']) expect(() => parseAwards(['--awards', bad])).toThrow(/--awards/);
  });
});
