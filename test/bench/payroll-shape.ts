import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

/*
 * The shape of one periodic cycle as a real award's history shows it, for the no-op baseline to repeat: the same
 * activities, timers and signal wait in the same order, doing nothing. Type-only imports: the no-op workflow
 * (payroll-noop-workflows.ts, in the sandbox) imports these types.
 */

/** One step of a cycle. */
export type CycleStep =
  /**
   * An activity (`local`: a local activity, recorded as a marker); `signals`: it makes its own workflow receive one
   * signal (as the bank's answer does).
   */
  | { kind: 'activity'; local?: true; signals?: true }
  /** A timer that fires (the wait until the cycle is due). */
  | { kind: 'timer'; ms: number }
  /** A wait for a signal, with a timer as its timeout when the history shows one (the bank-answer wait). */
  | { kind: 'signal-wait'; timeoutMs?: number };

/** The steps of a cycle, with what else its history held. */
export interface CycleShape {
  steps: CycleStep[];
  /** Activities of both kinds, and how many of them were local. */
  activities: number;
  localActivities: number;
  signals: number;
  timers: number;
  /** Events of the whole history, and workflow tasks completed. */
  historyEvents: number;
  workflowTasks: number;
}

/** The event types the shape reads (numbers of temporal.api.enums.v1.EventType). */
const T = {
  workflowTaskCompleted: 7,
  activityScheduled: 10,
  timerStarted: 17,
  timerFired: 18,
  timerCanceled: 19,
  markerRecorded: 25,
  signaled: 26,
} as const;

/** The marker name the SDK records a local activity's result under (a `patched()` call records `core_patch`). */
const LOCAL_ACTIVITY_MARKER = 'core_local_activity';

/** An int64 of a history: a Long from protobufjs, or a plain number. */
const int64 = (v: unknown): number =>
  typeof v === 'object' && v !== null && 'toNumber' in v ? (v as { toNumber(): number }).toNumber() : Number(v ?? 0);

const durationMs = (d: temporal.api.history.v1.ITimerStartedEventAttributes['startToFireTimeout']): number =>
  int64(d?.seconds) * 1000 + Math.round((d?.nanos ?? 0) / 1e6);

/**
 * Reads the cycle of one history: each activity (scheduled, or local and recorded as a marker), each timer that fired, and each signal wait (a timer
 * cancelled by a signal, or a signal that arrived with no timer running). The activity just before a signal wait
 * is the one whose work brings the signal (issuePeriodicPayment → bank → results consumer).
 */
export function cycleShapeOf(history: temporal.api.history.v1.IHistory): CycleShape {
  const events = history.events ?? [];
  const ended = new Map<string, number>();
  for (const e of events) {
    const id = (e.timerFiredEventAttributes ?? e.timerCanceledEventAttributes)?.timerId;
    if (id) ended.set(id, Number(e.eventType));
  }
  const steps: CycleStep[] = [];
  let waiting = false;
  let signals = 0;
  let timers = 0;
  let workflowTasks = 0;
  for (const e of events) {
    const type = Number(e.eventType);
    if (type === T.workflowTaskCompleted) workflowTasks += 1;
    else if (type === T.activityScheduled) steps.push({ kind: 'activity' });
    else if (type === T.markerRecorded && e.markerRecordedEventAttributes?.markerName === LOCAL_ACTIVITY_MARKER) {
      steps.push({ kind: 'activity', local: true });
    } else if (type === T.timerStarted) {
      timers += 1;
      const a = e.timerStartedEventAttributes;
      const ms = durationMs(a?.startToFireTimeout);
      if (ended.get(a?.timerId ?? '') === T.timerCanceled) {
        steps.push({ kind: 'signal-wait', timeoutMs: ms });
        waiting = true;
      } else steps.push({ kind: 'timer', ms });
    } else if (type === T.signaled) {
      signals += 1;
      if (!waiting) steps.push({ kind: 'signal-wait' });
      waiting = false;
    }
  }
  for (let i = 1; i < steps.length; i += 1) {
    const before = steps[i - 1];
    if (steps[i]?.kind === 'signal-wait' && before?.kind === 'activity') before.signals = true;
  }
  return {
    steps,
    activities: steps.filter((s) => s.kind === 'activity').length,
    localActivities: steps.filter((s) => s.kind === 'activity' && s.local === true).length,
    signals,
    timers,
    historyEvents: events.length,
    workflowTasks,
  };
}

/**
 * The cycle shape most of the awards had, read from up to 5 histories spread over the run (the settle wait has a
 * timer only when the bank's answer came after the wait began, which depends on the load at that moment).
 */
export async function commonShape(client: Client, ids: string[]): Promise<CycleShape> {
  const picks = [...new Set([0, 1, 2, 3, 4].map((k) => Math.floor((k * (ids.length - 1)) / 4)))];
  const shapes = await Promise.all(
    picks.map(async (i) => cycleShapeOf(await client.workflow.getHandle(ids[i] ?? '').fetchHistory()))
  );
  const count = (s: CycleShape) => shapes.filter((x) => JSON.stringify(x.steps) === JSON.stringify(s.steps)).length;
  return shapes.reduce((best, s) => (count(s) > count(best) ? s : best));
}
