import { loadConfig, type Config } from '../../../infra/config';
import { topicName } from '../../../infra/kafka/project-topics';

/**
 * Where one side of a run lives, isolated by name from everything else on the shared servers (STYLE H22): its own
 * topics (`KAFKA_TOPIC_SUFFIX`), consumer groups (`KAFKA_GROUP_SUFFIX`), task queue and database.
 */
export interface RunScope {
  suffix: string;
  taskQueue: string;
  dbName: string;
  config: Config;
  /** The environment of the platform processes run in this scope. */
  env: NodeJS.ProcessEnv;
  topic(base: string): string;
}

/** The scope `<id>` (the real pipeline) or `<id>n` (the no-op baseline) of run `runId`. */
export function scopeFor(runId: string, side: 'real' | 'noop'): RunScope {
  const id = side === 'real' ? runId : `${runId}n`;
  const suffix = `.${id}`;
  const taskQueue = `bench-${side === 'real' ? 'pipeline' : 'noop'}-${id}`;
  const dbName = `bench_${id}`;
  const uri = new URL(loadConfig().MONGODB_URI);
  uri.pathname = `/${dbName}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KAFKA_TOPIC_SUFFIX: suffix,
    KAFKA_GROUP_SUFFIX: suffix,
    TEMPORAL_TASK_QUEUE: taskQueue,
    MONGODB_URI: uri.toString(),
  };
  const config = loadConfig(env);
  return { suffix, taskQueue, dbName, config, env, topic: (base) => topicName(config, base) };
}
