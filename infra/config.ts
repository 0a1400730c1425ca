import { accessSync, constants, statSync } from 'node:fs';
import { z } from 'zod';
import { parseDurationMs } from './duration';
import { mongoUriOptions } from './mongo/uri-options';

const hostPort = /^[^\s:,]+:\d{1,5}$/;
const durationText = /^\d+(\.\d+)?\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?|w|weeks?)$/;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** `id:base64key[,id:base64key…]`, each key 32 bytes (44 base64 characters); infra/temporal/codec.ts checks the rest. */
const payloadKeys = /^\s*[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/]{43}=\s*(,\s*[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/]{43}=\s*)*$/;
const DEV_PAYLOAD_KEY = 'ZGV2LW9ubHktcGF5bG9hZC1rZXktMzItYnl0ZXMtISE=';
const DEV_PAYLOAD_KEYS = `dev-2026-11:${DEV_PAYLOAD_KEY}`;
const DEV_CODEC_SERVER_TOKEN = 'local-operator-token';

/** A duration for people (`30d`, `12h`, `90 minutes`) parsed to whole milliseconds, at least `minMs`. */
const durationMs = (fallback: string, minMs: number, message: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = parseDurationMs(text);
      if (ms === undefined || ms < minMs) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return ms;
    });

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const isReadableFile = (file: string): boolean => {
  try {
    accessSync(file, constants.R_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** A path to a file the process must be able to read at start (a CA bundle, a client certificate). */
const readableFile = optionalText.refine(
  (file) => file === undefined || isReadableFile(file),
  'expected the path of a readable file (nothing readable there)'
);

/** A whole number of `unit` (connections, or milliseconds as the MongoDB driver counts them), at least `min`. */
const wholeNumber = (unit: string, min: number, fallback: number) => {
  const message = `expected a whole number of ${unit}, at least ${min}`;
  return z.coerce.number({ error: message }).int(message).min(min, message).default(fallback);
};

/** Like {@link wholeNumber}, but unset (or blank) stays undefined: the library's own default applies. */
const optionalWholeNumber = (unit: string, min: number) => {
  const message = `expected a whole number of ${unit}, at least ${min}`;
  return optionalText.pipe(
    z.coerce.number<string | undefined>({ error: message }).int(message).min(min, message).optional()
  );
};

/**
 * Every setting of every process, read from environment variables once. Local development needs none of them:
 * the defaults point at the servers `npm run stack:up` starts. Production differs only by these values.
 */
export const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error']).default('info'),

    /** Temporal frontend, host:port. */
    TEMPORAL_ADDRESS: z.string().regex(hostPort, 'expected host:port, e.g. 127.0.0.1:7233').default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('claims'),
    /** mTLS client certificate and key (PEM text or a path to a PEM file), for a self-hosted cluster or Temporal Cloud. */
    TEMPORAL_TLS_CERT: optionalText,
    TEMPORAL_TLS_KEY: optionalText,
    TEMPORAL_TLS_SERVER_NAME: optionalText,
    /** The CA that signed the frontend's certificate (PEM text or a path), for a self-hosted cluster; implies TLS. */
    TEMPORAL_TLS_CA: optionalText,
    /** API key authentication (Temporal Cloud); implies TLS. */
    TEMPORAL_API_KEY: optionalText,
    /**
     * Worker tuning (infra/temporal/worker-tuning.ts); each unset keeps the SDK's default. Workflows kept in the
     * worker's sticky cache, workflow and activity task slots, local activity slots, and pollers per queue.
     */
    TEMPORAL_WORKER_MAX_CACHED_WORKFLOWS: optionalWholeNumber('workflows', 0),
    TEMPORAL_WORKER_WORKFLOW_TASK_SLOTS: optionalWholeNumber('workflow tasks', 2),
    TEMPORAL_WORKER_ACTIVITY_TASK_SLOTS: optionalWholeNumber('activities', 1),
    TEMPORAL_WORKER_LOCAL_ACTIVITY_SLOTS: optionalWholeNumber('local activities', 1),
    TEMPORAL_WORKER_WORKFLOW_TASK_POLLERS: optionalWholeNumber('pollers', 2),
    TEMPORAL_WORKER_ACTIVITY_TASK_POLLERS: optionalWholeNumber('pollers', 1),

    /** Comma-separated Kafka bootstrap brokers, host:port[,host:port…]. */
    KAFKA_BROKERS: z
      .string()
      .default('127.0.0.1:9092')
      .transform((v) => v.split(',').map((b) => b.trim()))
      .pipe(z.array(z.string().regex(hostPort, 'each broker must be host:port, e.g. 127.0.0.1:9092')).min(1)),
    KAFKA_CLIENT_ID: z.string().min(1).default('socso-claims'),
    KAFKA_SSL: booleanFlag.default(false),
    /** A PEM file of the CA(s) that signed the brokers' certificates, for a cluster with a private CA; implies TLS. */
    KAFKA_SSL_CA_FILE: readableFile,
    KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
    KAFKA_SASL_USERNAME: optionalText,
    KAFKA_SASL_PASSWORD: optionalText,
    /** Suffix appended to every topic name, so several environments can share one cluster (and tests isolate). */
    KAFKA_TOPIC_SUFFIX: z.string().default(''),
    /** Replication factor for the topics the project creates (1 locally, 3 on a production cluster). */
    KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
    /**
     * Partitions of each topic the project creates (DLQs: 1). The high-volume topics (claims.submitted,
     * claims.events, awards.events, payments.instructions, payments.results) are also grown to this count where they
     * have fewer (infra/kafka/project-topics.ts), so up to this many consumer processes of one group share the load.
     */
    KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
    /**
     * Suffix appended to every consumer group id of the consumer process (empty by default), so a process on topics
     * of its own (`KAFKA_TOPIC_SUFFIX`, e.g. a test) joins groups of its own and never shares them with other processes.
     */
    KAFKA_GROUP_SUFFIX: z.string().default(''),
    /**
     * Attempts a consumer gives a message whose handler keeps failing (not for want of a server: those wait) before
     * it is dead-lettered with the reason and the attempt count, so one poison message never blocks its partition.
     */
    KAFKA_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
    /**
     * How long dead-letter topics keep a record (`retention.ms`), as a duration such as `30d`, `12h` or `90 days`;
     * parsed to milliseconds. Applied when a DLQ topic is created and to existing DLQ topics at stack start
     * (infra/kafka/project-topics.ts), so a changed value takes effect. Default 30 days: long enough to work the
     * DLQ (`npx claims dlq`), short enough that personal data in dead letters is not kept forever.
     */
    KAFKA_DLQ_RETENTION: durationMs('30d', 1, 'expected a positive duration such as 30d, 12h or 90 days'),

    /**
     * How long a producer keeps retrying one send while Kafka does not answer (`10m`, `90s`, `1h`; at least 1 s)
     * before it gives up with an OutageError naming this setting. kafkajs's own retries end after about a
     * minute (infra/kafka/producer-outage.ts), so every platform producer waits out a longer outage itself, logging
     * once when it starts waiting and once when Kafka answers again.
     */
    KAFKA_PRODUCER_OUTAGE_MAX: durationMs('10m', 1_000, 'expected a duration of at least 1s, such as 10m or 90s'),
    /**
     * How long a consumer may complete nothing while its lag stays above zero or grows, or a worker's activities
     * keep timing out against the store, before the process names the stall and exits for its supervisor to
     * restart it (workers/stall-watchdog.ts). At least 10 s.
     */
    STALL_AFTER: durationMs('2m', 10_000, 'expected a duration of at least 10s, such as 2m or 90s'),

    /**
     * MongoDB connection string. Locally FerretDB; in production a replica set. The settings below apply to every
     * process's connection (infra/mongo/connection.ts); an option written in this URI wins over its variable.
     */
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/.+/, 'expected a mongodb:// or mongodb+srv:// connection string')
      .default('mongodb://127.0.0.1:27017/claims'),
    /**
     * Connections per process (the driver's `maxPoolSize`; its own default is 100). 20: FerretDB's update holds one
     * backend connection while it waits for a second, so as many updates in flight as its pool has connections
     * deadlock it for good (on PostgreSQL 200 shared by every process and database, infra/servers/postgres.ts; on
     * SQLite 100 per database). `npm start`'s three processes at 20 stay well below that, and 20 concurrent updates
     * already reached about 1,000 a second on a 2-core machine (README). A MongoDB replica set may take more.
     */
    MONGODB_MAX_POOL_SIZE: wholeNumber('connections', 1, 20),
    /** Connections kept open while idle (`minPoolSize`). */
    MONGODB_MIN_POOL_SIZE: wholeNumber('connections', 0, 0),
    /** How long an operation waits for a usable server (a primary for writes) before failing. */
    MONGODB_SERVER_SELECTION_TIMEOUT_MS: wholeNumber('milliseconds', 1, 10_000),
    /**
     * How long a socket may wait for a reply before the driver closes it (`socketTimeoutMS`); 0, the driver's
     * default, is none. Off by default: a registry batch on FerretDB can legitimately take minutes, and a hung store
     * is named by the stall watchdog (STALL_AFTER) instead.
     */
    MONGODB_SOCKET_TIMEOUT_MS: wholeNumber('milliseconds', 0, 0),
    /** TLS to the store; on when a CA or client certificate file is set (and always with mongodb+srv://). */
    MONGODB_TLS: booleanFlag.optional(),
    /** A PEM file of the CA(s) that signed the servers' certificates (`tlsCAFile`). */
    MONGODB_TLS_CA_FILE: readableFile,
    /** A PEM file with the client certificate and its key (`tlsCertificateKeyFile`), for x.509 authentication. */
    MONGODB_TLS_CERT_KEY_FILE: readableFile,
    /** The replica set name (`replicaSet`); the driver then checks it is talking to that set. */
    MONGODB_REPLICA_SET: optionalText,
    /** The database holding the user's credentials (`authSource`), e.g. `admin`, or `$external` for x.509. */
    MONGODB_AUTH_SOURCE: optionalText,
    /** Credentials kept out of the URI (e.g. from a secret store); ignored when the URI has its own. */
    MONGODB_USERNAME: optionalText,
    MONGODB_PASSWORD: optionalText,

    /**
     * Payload encryption keys for Temporal payloads: `id:base64key[,id:base64key…]` (32-byte AES-256 keys).
     * The first key encrypts; all decrypt (rotation). The local default is a fixed development key.
     */
    PAYLOAD_KEYS: z
      .string()
      .regex(
        payloadKeys,
        'expected id:base64key[,id:base64key…] with 32-byte keys (generate one with `openssl rand -base64 32`)'
      )
      .default(DEV_PAYLOAD_KEYS),
    /**
     * Token an operator must present to the codec server to see decoded payloads: as the endpoint path prefix
     * `http://127.0.0.1:8888/t/<token>` locally, or as `Authorization: Bearer <token>` behind https.
     */
    CODEC_SERVER_TOKEN: z
      .string()
      .min(8)
      .regex(/^[A-Za-z0-9._~-]+$/, 'expected URL-safe characters only (A-Z a-z 0-9 . _ ~ -), it goes into a URL path')
      .default(DEV_CODEC_SERVER_TOKEN),
    /**
     * Claim workflow durations and limit for newly started claims (Temporal duration strings such as `30 days`
     * or `2 minutes`); unset means the workflow's defaults. Recorded in each claim's start arguments, so a change
     * never alters running claims. `npm start` shortens them so the demo shows deadlines and SLA breaches.
     */
    CLAIM_INFORMATION_DEADLINE: z.string().regex(durationText, 'expected a duration such as "30 days"').optional(),
    CLAIM_INFORMATION_REMINDER: z.string().regex(durationText, 'expected a duration such as "7 days"').optional(),
    CLAIM_ASSESSMENT_SLA: z.string().regex(durationText, 'expected a duration such as "90 days"').optional(),
    CLAIM_ASSESSMENT_REMINDER: z.string().regex(durationText, 'expected a duration such as "14 days"').optional(),
    CLAIM_AUTHORITY_LIMIT_SEN: z.coerce.number().int().positive().optional(),
    CLAIM_APPROVAL_SLA: z.string().regex(durationText, 'expected a duration such as "3 days"').optional(),
    CLAIM_APPROVAL_REMINDER: z.string().regex(durationText, 'expected a duration such as "1 day"').optional(),
    /**
     * Periodic-award workflow settings for newly started awards (mapped by infra/temporal/claim-starter.ts); unset
     * means the workflow's defaults (a calendar month per cycle, result timeout 10 days, failed payments re-sent after 1, 3 and
     * 7 days). `PERIODIC_CYCLE_SECONDS` makes month i due i×N seconds after the start (tests and the demo; amounts
     * stay calendar months). `PERIODIC_RETRY_SCHEDULE` is a comma-separated list of durations.
     */
    PERIODIC_CYCLE_SECONDS: z.coerce.number().int().positive().optional(),
    PERIODIC_RESULT_TIMEOUT: z.string().regex(durationText, 'expected a duration such as "10 days"').optional(),
    PERIODIC_RETRY_SCHEDULE: z
      .string()
      .refine(
        (text) => text.split(',').every((part) => durationText.test(part.trim())),
        'expected durations separated by commas, e.g. "1 day, 3 days, 7 days"'
      )
      .optional(),
    PERIODIC_DECLARATION_GRACE_DAYS: z.coerce.number().int().nonnegative().optional(),
    /** PAY-SUSP-001 `pay.suspensionMonths`: cycles an operator's suspension lasts unless extended (default 6). */
    PERIODIC_SUSPENSION_MONTHS: z.coerce.number().int().positive().optional(),
    /** Hours before the payment date over which instalments are prepared (each award at its own hour; default 120). */
    PERIODIC_PREPARATION_WINDOW_HOURS: z.coerce.number().int().nonnegative().max(480).optional(),
    /**
     * A JSON file of engine parameters (benefit-rules.md section 10) for the worker, e.g. a new cost-of-living round
     * in `revision.extraRounds`; unset: every parameter at its default (infra/engine/params-file.ts).
     */
    ENGINE_PARAMS_FILE: z.string().min(1).optional(),
    CODEC_SERVER_PORT: z.coerce.number().int().min(1).max(65535).default(8888),
    /**
     * The simulated bank (workers/bank, a local stand-in for the downstream payment system): the fraction of attempts
     * that fail transiently, the fraction of bank accounts treated as closed (every payment to them is returned),
     * and how long it takes to answer a new attempt.
     */
    BANK_FAIL_RATE: z.coerce.number().min(0).max(1).default(0.05),
    BANK_RETURN_RATE: z.coerce.number().min(0).max(1).default(0.02),
    BANK_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  })
  .superRefine((c, ctx) => {
    if (c.KAFKA_SASL_MECHANISM && (!c.KAFKA_SASL_USERNAME || !c.KAFKA_SASL_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['KAFKA_SASL_USERNAME'],
        message: 'KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required when KAFKA_SASL_MECHANISM is set',
      });
    }
    if (c.NODE_ENV === 'production' && c.PAYLOAD_KEYS.includes(DEV_PAYLOAD_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['PAYLOAD_KEYS'],
        message: 'the development key must not be used in production',
      });
    }
    if (c.NODE_ENV === 'production' && c.CODEC_SERVER_TOKEN === DEV_CODEC_SERVER_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['CODEC_SERVER_TOKEN'],
        message: 'the development token must not be used in production',
      });
    }
    if (Boolean(c.MONGODB_USERNAME) !== Boolean(c.MONGODB_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['MONGODB_PASSWORD'],
        message: 'MONGODB_USERNAME and MONGODB_PASSWORD must be set together',
      });
    }
    if (c.MONGODB_MIN_POOL_SIZE > c.MONGODB_MAX_POOL_SIZE) {
      ctx.addIssue({
        code: 'custom',
        path: ['MONGODB_MIN_POOL_SIZE'],
        message: `must not exceed MONGODB_MAX_POOL_SIZE (${c.MONGODB_MAX_POOL_SIZE})`,
      });
    }
    if (c.MONGODB_TLS === false && (c.MONGODB_TLS_CA_FILE || c.MONGODB_TLS_CERT_KEY_FILE)) {
      ctx.addIssue({
        code: 'custom',
        path: ['MONGODB_TLS'],
        message: 'is false while MONGODB_TLS_CA_FILE or MONGODB_TLS_CERT_KEY_FILE is set',
      });
    }
    // Money: a payment write counts once a majority of the replica set has it, so a failover cannot undo it, and
    // every repository reads its own writes back (ledger, awards), which only the primary guarantees.
    const uriOptions = mongoUriOptions(c.MONGODB_URI);
    const w = uriOptions.get('w');
    if (w !== undefined && w !== 'majority') {
      ctx.addIssue({
        code: 'custom',
        path: ['MONGODB_URI'],
        message: `w=${w} is refused: payment writes must be acknowledged by a majority (w=majority, the default here)`,
      });
    }
    const readPreference = uriOptions.get('readpreference');
    if (readPreference !== undefined && readPreference !== 'primary') {
      ctx.addIssue({
        code: 'custom',
        path: ['MONGODB_URI'],
        message: `readPreference=${readPreference} is refused: the repositories read their own writes, so reads go to the primary`,
      });
    }
    if (Boolean(c.TEMPORAL_TLS_CERT) !== Boolean(c.TEMPORAL_TLS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEMPORAL_TLS_KEY'],
        message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together',
      });
    }
  });

/** The parsed, frozen configuration. */
export type Config = Readonly<z.output<typeof ConfigSchema>>;

/** Raised when an environment variable is malformed; the message names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses the configuration from `env` (default `process.env`). Throws a {@link ConfigError} naming each
 * malformed variable, so a bad deployment fails at start rather than at first use.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '(config)');
        const value = env[variable];
        // Secrets are never echoed, nor the credentials a connection string may carry.
        const shown =
          value === undefined || /PASSWORD|KEY|TOKEN|CERT|_CA$/.test(variable)
            ? ''
            : ` (got "${value.replace(/\/\/[^@/]*@/, '//***@')}")`;
        return `${variable}: ${issue.message}${shown}`;
      })
    );
  }
  return Object.freeze(result.data);
}
