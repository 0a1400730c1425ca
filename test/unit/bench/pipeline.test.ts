import { temporal } from '@temporalio/proto';
import { parsePipelineArgs } from '../../bench/pipeline';
import { describeShape, historyShapeOf } from '../../bench/pipeline/shape';
import { spreadOf } from '../../bench/pipeline/stats';

const E = temporal.api.enums.v1.EventType;
type Event = temporal.api.history.v1.IHistoryEvent;
const taskDone = (): Event => ({ eventType: E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED });
const marker = (markerName: string): Event => ({
  eventType: E.EVENT_TYPE_MARKER_RECORDED,
  markerRecordedEventAttributes: { markerName },
});
const upsert = (...names: string[]): Event => ({
  eventType: E.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  upsertWorkflowSearchAttributesEventAttributes: {
    searchAttributes: { indexedFields: Object.fromEntries(names.map((n) => [n, {}])) },
  },
});
const of = (eventType: temporal.api.enums.v1.EventType): Event => ({ eventType });
const timer = (timerId: string): Event => ({
  eventType: E.EVENT_TYPE_TIMER_STARTED,
  timerStartedEventAttributes: { timerId },
});

describe('pipeline bench helpers (test/bench/pipeline/*.ts)', () => {
  it('when a claim history is read, then each workflow task lists its commands in order and its inputs', () => {
    const shape = historyShapeOf({
      events: [
        of(E.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED),
        taskDone(),
        of(E.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED),
        marker('core_patch'),
        upsert('TemporalChangeVersion'), // part of the patch, not a step
        upsert('ClaimStage'),
        marker('core_local_activity'),
        of(E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED),
        of(E.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED),
        taskDone(),
        marker('core_local_activity'),
        timer('sla'),
        timer('wait'),
        { eventType: E.EVENT_TYPE_TIMER_FIRED, timerFiredEventAttributes: { timerId: 'wait' } },
        taskDone(),
        of(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
        of(E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED),
        { eventType: E.EVENT_TYPE_TIMER_CANCELED, timerCanceledEventAttributes: { timerId: 'sla' } },
        of(E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
        of(E.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED),
      ],
    });
    expect(shape.tasks).toEqual([
      { steps: ['memo', 'patch', 'search-attributes', 'local-activity', 'child'], inputs: 0 },
      { steps: ['local-activity', 'timer-cancelled', 'timer-fired'], inputs: 0 },
      { steps: ['activity'], inputs: 1 },
    ]);
    expect(shape.totals).toMatchObject({ 'local-activity': 2, 'search-attributes': 1, workflowTasks: 3, events: 20 });
    expect(describeShape(shape)).toBe(
      '3 workflow tasks, 20 events: 2 local activities, 1 activities, 1 timers fired, 1 timers cancelled, ' +
        '1 search-attribute upserts, 1 memo upserts, 1 patch markers, 1 child workflows, 1 updates/signals received'
    );
  });

  it('when latencies are summarised, then p50, p99 and max are nearest-rank values of the sample', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(spreadOf(values)).toEqual({ n: 100, p50: 51, p99: 100, max: 100 });
    expect(spreadOf([])).toEqual({ n: 0, p50: 0, p99: 0, max: 0 });
  });

  it('when flags are given, then they are parsed, and a bad one is refused naming the flag', () => {
    expect(parsePipelineArgs(['--claims', '30', '--rate', '2.5', '--phases', 'rate,baseline'])).toMatchObject({
      claims: 30,
      rate: 2.5,
      warmup: 10,
      phases: ['baseline', 'rate'],
      stallMs: 60_000,
      name: 'pipeline',
    });
    expect(parsePipelineArgs([])).toMatchObject({
      claims: 2000,
      rate: 20,
      phases: ['baseline', 'unthrottled', 'rate'],
    });
    expect(() => parsePipelineArgs(['--claims', '2.5'])).toThrow(/--claims/);
    expect(() => parsePipelineArgs(['--phases', 'fast'])).toThrow(/--phases/);
    expect(() => parsePipelineArgs(['--rate', '0'])).toThrow(/--rate/);
  });
});
