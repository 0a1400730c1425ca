import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config';

/** The Temporal settings of {@link Config}. */
export type TemporalSettings = Pick<
  Config,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_NAMESPACE'
  | 'TEMPORAL_TLS_CERT'
  | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_SERVER_NAME'
  | 'TEMPORAL_API_KEY'
>;

function pem(value: string): Buffer {
  // Accept PEM text directly (secrets injected as env) or a path to a PEM file.
  return Buffer.from(value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8'));
}

function tlsAndAuth(config: TemporalSettings): Pick<ConnectionOptions, 'tls'> & { apiKey?: string } {
  if (config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY) {
    return {
      tls: {
        serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME,
        clientCertPair: { crt: pem(config.TEMPORAL_TLS_CERT), key: pem(config.TEMPORAL_TLS_KEY) },
      },
    };
  }
  if (config.TEMPORAL_API_KEY) {
    return { tls: true, apiKey: config.TEMPORAL_API_KEY };
  }
  return {};
}

/** Connects a client-side (gRPC) connection to the configured Temporal frontend. */
export async function createTemporalConnection(config: TemporalSettings): Promise<Connection> {
  return Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: '10s', ...tlsAndAuth(config) });
}

/** Builds a Temporal client on `connection`, always with the project's data converter (payload encryption). */
export function createTemporalClient(
  connection: Connection,
  config: TemporalSettings,
  dataConverter?: DataConverter
): Client {
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
}

/** Connects the worker-side (Rust core) connection to the configured Temporal frontend. */
export async function createWorkerConnection(config: TemporalSettings): Promise<NativeConnection> {
  const options: NativeConnectionOptions = { address: config.TEMPORAL_ADDRESS, ...tlsAndAuth(config) };
  return NativeConnection.connect(options);
}
