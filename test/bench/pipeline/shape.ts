import { temporal } from '@temporalio/proto';

/*
 * The shape of one real claim's history, for the no-op baseline to repeat: per workflow task, the commands the
 * workflow issued (local activities, activities, timers, search-attribute and memo upserts, patch markers, child
 * starts) in the order it issued them. The no-op workflow (noop-workflows.ts, inside the sandbox) imports the types
 * of this file only.
 */

/** One command of a workflow task, as the history records it. */
export type ShapeStep =
  | 'local-activity'
  | 'activity'
  /** A timer that fired (a wait). */
  | 'timer-fired'
  /** A timer cancelled later (a timeout that did not run out, e.g. the Medical Board SLA), or still open at the end. */
  | 'timer-cancelled'
  | 'search-attributes'
  | 'memo'
  /** A `patched()` marker (with the change-version search attribute the SDK upserts along with it). */
  | 'patch'
  | 'child';

/** The commands of one workflow task, and the outside inputs it handled. */
export interface ShapeTask {
  steps: ShapeStep[];
  /** Updates and signals this task handled: what woke it (the Medical Board's decision, an approval). */
  inputs: number;
}

/** What a claim's history holds: the tasks to repeat and the totals the report prints. */
export interface HistoryShape {
  tasks: ShapeTask[];
  totals: Record<ShapeStep | 'inputs' | 'workflowTasks' | 'events', number>;
}

const E = temporal.api.enums.v1.EventType;

const STEP_OF: Partial<Record<number, ShapeStep>> = {
  [E.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED]: 'activity',
  [E.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES]: 'search-attributes',
  [E.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED]: 'memo',
  [E.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED]: 'child',
};

const INPUTS = new Set<number>([
  E.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
  E.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
]);

/** Names the SDK gives its markers (sdk-core): a local activity's result, and a `patched()` call. */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';
const PATCH_MARKER = 'core_patch';
/** The search attribute the SDK upserts along with each patch marker: part of `patched()`, not a step of its own. */
const CHANGE_VERSION = 'TemporalChangeVersion';

/**
 * Reads the shape of a history: the commands of each workflow task (those recorded after its
 * WorkflowTaskCompleted), and the updates and signals it handled (recorded there too).
 */
export function historyShapeOf(history: temporal.api.history.v1.IHistory): HistoryShape {
  const events = history.events ?? [];
  const fired = new Set<string>();
  for (const e of events) {
    if (Number(e.eventType) === E.EVENT_TYPE_TIMER_FIRED) fired.add(e.timerFiredEventAttributes?.timerId ?? '');
  }
  const tasks: ShapeTask[] = [];
  let current: ShapeTask | undefined;
  const totals: HistoryShape['totals'] = {
    'local-activity': 0,
    activity: 0,
    'timer-fired': 0,
    'timer-cancelled': 0,
    'search-attributes': 0,
    memo: 0,
    patch: 0,
    child: 0,
    inputs: 0,
    workflowTasks: 0,
    events: events.length,
  };
  for (const e of events) {
    const type = Number(e.eventType);
    if (type === E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
      current = { steps: [], inputs: 0 };
      tasks.push(current);
      totals.workflowTasks += 1;
      continue;
    }
    if (INPUTS.has(type)) {
      if (current) current.inputs += 1;
      totals.inputs += 1;
      continue;
    }
    let step = STEP_OF[type];
    if (type === E.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) {
      const fields = Object.keys(
        e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}
      );
      if (fields.length > 0 && fields.every((f) => f === CHANGE_VERSION)) continue;
    } else if (type === E.EVENT_TYPE_MARKER_RECORDED) {
      const name = e.markerRecordedEventAttributes?.markerName;
      step = name === LOCAL_ACTIVITY_MARKER ? 'local-activity' : name === PATCH_MARKER ? 'patch' : undefined;
    } else if (type === E.EVENT_TYPE_TIMER_STARTED) {
      step = fired.has(e.timerStartedEventAttributes?.timerId ?? '') ? 'timer-fired' : 'timer-cancelled';
    }
    if (step === undefined || current === undefined) continue;
    current.steps.push(step);
    totals[step] += 1;
  }
  return { tasks, totals };
}

/** One line for the report, e.g. `3 workflow tasks: 13 local activities, 1 timer (cancelled), …`. */
export function describeShape(shape: HistoryShape): string {
  const t = shape.totals;
  const parts: [number, string][] = [
    [t['local-activity'], 'local activities'],
    [t.activity, 'activities'],
    [t['timer-fired'], 'timers fired'],
    [t['timer-cancelled'], 'timers cancelled'],
    [t['search-attributes'], 'search-attribute upserts'],
    [t.memo, 'memo upserts'],
    [t.patch, 'patch markers'],
    [t.child, 'child workflows'],
    [t.inputs, 'updates/signals received'],
  ];
  return `${t.workflowTasks} workflow tasks, ${t.events} events: ${parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ')}`;
}
