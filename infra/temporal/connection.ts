import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config';

/** The Temporal settings of {@link Config}; settings built by hand may leave the server CA out. */
export type TemporalSettings = Pick<
  Config,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_TLS_CERT'
  | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'TEMPORAL_API_KEY'
> &
  Partial<Pick<Config, 'TEMPORAL_TLS_CA'>>;

/** What both connection kinds (client gRPC and worker core) take: the address, TLS and the API key. */
export type TemporalConnectionOptions = Pick<ConnectionOptions, 'address' | 'tls'> & { apiKey?: string };

/** PEM text given directly (a secret injected as env) or read from the file at that path. */
function pem(variable: string, value: string): Buffer {
  if (value.includes('-----BEGIN')) return Buffer.from(value);
  try {
    return readFileSync(value);
  } catch (err) {
    throw new Error(`${variable}: neither PEM text nor a readable file (${(err as NodeJS.ErrnoException).code})`);
  }
}

/**
 * The connection options for the configured frontend. TLS is on when anything asks for it: an mTLS client pair
 * (self-hosted or Temporal Cloud), a CA for the server's certificate, a server name, or an API key (Temporal Cloud
 * only takes API keys over TLS). PEM values are read here, from text or a file, so a missing file fails at start.
 */
export function temporalConnectionOptions(config: TemporalSettings): TemporalConnectionOptions {
  const clientCertPair =
    config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY
      ? {
          clientCertPair: {
            crt: pem('TEMPORAL_TLS_CERT', config.TEMPORAL_TLS_CERT),
            key: pem('TEMPORAL_TLS_KEY', config.TEMPORAL_TLS_KEY),
          },
        }
      : {};
  const tls = {
    ...(config.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME } : {}),
    ...(config.TEMPORAL_TLS_CA ? { serverRootCACertificate: pem('TEMPORAL_TLS_CA', config.TEMPORAL_TLS_CA) } : {}),
    ...clientCertPair,
  };
  const wantsTls = Object.keys(tls).length > 0 || Boolean(config.TEMPORAL_API_KEY);
  return {
    address: config.TEMPORAL_ADDRESS,
    ...(wantsTls ? { tls: Object.keys(tls).length > 0 ? tls : true } : {}),
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}

/** Connects a client-side (gRPC) connection to the configured Temporal frontend. */
export async function createTemporalConnection(config: TemporalSettings): Promise<Connection> {
  return Connection.connect({ ...temporalConnectionOptions(config), connectTimeout: '10s' });
}

/** The client's options: the configured namespace, and the project's data converter (payload encryption). */
export function temporalClientOptions(
  config: Pick<TemporalSettings, 'TEMPORAL_NAMESPACE'>,
  dataConverter?: DataConverter
): { namespace: string; dataConverter?: DataConverter } {
  return { namespace: config.TEMPORAL_NAMESPACE, ...(dataConverter !== undefined ? { dataConverter } : {}) };
}

/** Builds a Temporal client on `connection`, always with the project's data converter (payload encryption). */
export function createTemporalClient(
  connection: Connection,
  config: TemporalSettings,
  dataConverter?: DataConverter
): Client {
  return new Client({ connection, ...temporalClientOptions(config, dataConverter) });
}

/** Connects the worker-side (Rust core) connection to the configured Temporal frontend. */
export async function createWorkerConnection(config: TemporalSettings): Promise<NativeConnection> {
  const options: NativeConnectionOptions = temporalConnectionOptions(config);
  return NativeConnection.connect(options);
}
