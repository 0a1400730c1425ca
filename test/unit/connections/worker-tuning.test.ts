import { loadConfig } from '../../../infra/config';
import { workerTuning } from '../../../infra/temporal/worker-tuning';

describe('worker tuning (infra/temporal/worker-tuning.ts)', () => {
  it('when nothing is set, then the worker keeps every SDK default', () => {
    expect(workerTuning(loadConfig({}))).toEqual({});
  });

  it('when each variable is set, then the worker gets the matching option', () => {
    const tuning = workerTuning(
      loadConfig({
        TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: '2000',
        TEMPORAL_WORKER_WORKFLOW_TASK_SLOTS: '80',
        TEMPORAL_WORKER_ACTIVITY_TASK_SLOTS: '200',
        TEMPORAL_WORKER_LOCAL_ACTIVITY_SLOTS: '150',
        TEMPORAL_WORKER_WORKFLOW_TASK_POLLERS: '8',
        TEMPORAL_WORKER_ACTIVITY_TASK_POLLERS: '4',
      })
    );
    expect(tuning).toEqual({
      maxCachedWorkflows: 2000,
      maxConcurrentWorkflowTaskExecutions: 80,
      maxConcurrentActivityTaskExecutions: 200,
      maxConcurrentLocalActivityExecutions: 150,
      maxConcurrentWorkflowTaskPolls: 8,
      maxConcurrentActivityTaskPolls: 4,
    });
  });

  it('when a value is not a whole number or too small, then the configuration error names the variable', () => {
    expect(() => loadConfig({ TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(
      /TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: expected a whole number of workflows/
    );
    expect(() => loadConfig({ TEMPORAL_WORKER_WORKFLOW_TASK_SLOTS: '1' })).toThrow(
      /TEMPORAL_WORKER_WORKFLOW_TASK_SLOTS: expected a whole number of workflow tasks, at least 2/
    );
  });

  it('when there are more pollers than task slots, then the worker is refused naming both variables', () => {
    const config = loadConfig({ TEMPORAL_WORKER_WORKFLOW_TASK_SLOTS: '4', TEMPORAL_WORKER_WORKFLOW_TASK_POLLERS: '6' });
    expect(() => workerTuning(config)).toThrow(
      'TEMPORAL_WORKER_WORKFLOW_TASK_POLLERS (6) exceeds TEMPORAL_WORKER_WORKFLOW_TASK_SLOTS (4)'
    );
  });
});
