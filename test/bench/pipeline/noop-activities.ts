import type { HistoryShape } from './shape';

/** The line the no-op worker prints once it polls (the bench waits for it before it publishes). */
export const NOOP_WORKER_READY = 'noop worker polling';

/**
 * The no-op baseline's activities: one hands the workflow the shape to repeat (it stands for the claim's first local
 * activity), the other does nothing at all.
 */
export function createNoopActivities(shape: HistoryShape): {
  benchShape(): Promise<HistoryShape>;
  benchNoop(): Promise<void>;
} {
  return {
    async benchShape() {
      return shape;
    },
    async benchNoop() {
      return undefined;
    },
  };
}

/** The activities' type, for `proxyActivities` in the no-op workflow (type import only). */
export type NoopActivities = ReturnType<typeof createNoopActivities>;
