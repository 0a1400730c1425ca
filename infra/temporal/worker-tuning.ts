import type { WorkerOptions } from '@temporalio/worker';
import type { Config } from '../config';

/** The worker options that tune throughput and memory, as set by `TEMPORAL_WORKER_*`. */
export type WorkerTuning = Pick<
  WorkerOptions,
  | 'maxCachedWorkflows'
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'maxConcurrentLocalActivityExecutions'
  | 'maxConcurrentWorkflowTaskPolls'
  | 'maxConcurrentActivityTaskPolls'
>;

/**
 * The worker's tuning from its configuration: only the settings that are set, so every other one keeps the SDK's
 * default (sized from the machine's memory for the cache). The SDK refuses pollers above their task slots; this
 * says so by variable name first.
 */
export function workerTuning(
  config: Pick<
    Config,
    | 'TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS'
    | 'TEMPORAL_WORKER_WORKFLOW_TASK_SLOTS'
    | 'TEMPORAL_WORKER_ACTIVITY_TASK_SLOTS'
    | 'TEMPORAL_WORKER_LOCAL_ACTIVITY_SLOTS'
    | 'TEMPORAL_WORKER_WORKFLOW_TASK_POLLERS'
    | 'TEMPORAL_WORKER_ACTIVITY_TASK_POLLERS'
  >
): WorkerTuning {
  const c = config;
  const tooMany = (pollers: number | undefined, slots: number | undefined, what: string): void => {
    if (pollers !== undefined && slots !== undefined && pollers > slots) {
      throw new RangeError(
        `TEMPORAL_WORKER_${what}_POLLERS (${pollers}) exceeds TEMPORAL_WORKER_${what}_SLOTS (${slots})`
      );
    }
  };
  tooMany(c.TEMPORAL_WORKER_WORKFLOW_TASK_POLLERS, c.TEMPORAL_WORKER_WORKFLOW_TASK_SLOTS, 'WORKFLOW_TASK');
  tooMany(c.TEMPORAL_WORKER_ACTIVITY_TASK_POLLERS, c.TEMPORAL_WORKER_ACTIVITY_TASK_SLOTS, 'ACTIVITY_TASK');
  const set = <K extends keyof WorkerTuning>(key: K, value: WorkerTuning[K] | undefined): Partial<WorkerTuning> =>
    value === undefined ? {} : { [key]: value };
  return {
    ...set('maxCachedWorkflows', c.TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS),
    ...set('maxConcurrentWorkflowTaskExecutions', c.TEMPORAL_WORKER_WORKFLOW_TASK_SLOTS),
    ...set('maxConcurrentActivityTaskExecutions', c.TEMPORAL_WORKER_ACTIVITY_TASK_SLOTS),
    ...set('maxConcurrentLocalActivityExecutions', c.TEMPORAL_WORKER_LOCAL_ACTIVITY_SLOTS),
    ...set('maxConcurrentWorkflowTaskPolls', c.TEMPORAL_WORKER_WORKFLOW_TASK_POLLERS),
    ...set('maxConcurrentActivityTaskPolls', c.TEMPORAL_WORKER_ACTIVITY_TASK_POLLERS),
  };
}
