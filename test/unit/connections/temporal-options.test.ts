import { Connection } from '@temporalio/client';
import { loadConfig } from '../../../infra/config';
import {
  createTemporalClient,
  temporalClientOptions,
  temporalConnectionOptions,
} from '../../../infra/temporal/connection';
import { CA_PEM, CERT_PEM, KEY_PEM, pemFiles } from './pem-files';

describe('Temporal connection options (infra/temporal/connection.ts)', () => {
  const files = pemFiles({ ca: CA_PEM, cert: CERT_PEM, key: KEY_PEM });

  it('when nothing is set, then the local dev server is reached in plain text on the default namespace', () => {
    const config = loadConfig({});
    expect(temporalConnectionOptions(config)).toEqual({ address: '127.0.0.1:7233' });
    expect(temporalClientOptions(config)).toEqual({ namespace: 'default' });
  });

  it('when the mTLS pair is given as PEM text, then the client presents it over TLS', () => {
    const options = temporalConnectionOptions(
      loadConfig({
        TEMPORAL_ADDRESS: 'claims.a1b2c.tmprl.cloud:7233',
        TEMPORAL_TLS_CERT: CERT_PEM,
        TEMPORAL_TLS_KEY: KEY_PEM,
      })
    );
    expect(options).toEqual({
      address: 'claims.a1b2c.tmprl.cloud:7233',
      tls: { clientCertPair: { crt: Buffer.from(CERT_PEM), key: Buffer.from(KEY_PEM) } },
    });
  });

  it('when the mTLS pair, the CA and the server name are file paths and a name, then each is read and applied', () => {
    const options = temporalConnectionOptions(
      loadConfig({
        TEMPORAL_ADDRESS: 'temporal.internal:7233',
        TEMPORAL_TLS_CERT: files.cert,
        TEMPORAL_TLS_KEY: files.key,
        TEMPORAL_TLS_CA: files.ca,
        TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.internal',
      })
    );
    expect(options.tls).toEqual({
      serverNameOverride: 'frontend.temporal.internal',
      serverRootCACertificate: Buffer.from(CA_PEM),
      clientCertPair: { crt: Buffer.from(CERT_PEM), key: Buffer.from(KEY_PEM) },
    });
  });

  it('when an API key is set, then it is sent over TLS', () => {
    const options = temporalConnectionOptions(
      loadConfig({ TEMPORAL_ADDRESS: 'ap-southeast-1.aws.api.temporal.io:7233', TEMPORAL_API_KEY: 'key-123' })
    );
    expect(options).toEqual({ address: 'ap-southeast-1.aws.api.temporal.io:7233', tls: true, apiKey: 'key-123' });
  });

  it('when an API key comes with a private CA, then TLS trusts that CA and the key is sent', () => {
    const options = temporalConnectionOptions(loadConfig({ TEMPORAL_API_KEY: 'key-123', TEMPORAL_TLS_CA: CA_PEM }));
    expect(options).toMatchObject({ tls: { serverRootCACertificate: Buffer.from(CA_PEM) }, apiKey: 'key-123' });
  });

  it('when a namespace is configured, then the client works in it', async () => {
    const config = loadConfig({ TEMPORAL_NAMESPACE: 'socso-claims.a1b2c' });
    expect(temporalClientOptions(config).namespace).toBe('socso-claims.a1b2c');
    const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
    try {
      expect(createTemporalClient(connection, config).options.namespace).toBe('socso-claims.a1b2c');
    } finally {
      await connection.close();
    }
  });

  it('when a PEM variable names a file that cannot be read, then the error names the variable', () => {
    const config = loadConfig({ TEMPORAL_TLS_CERT: '/nonexistent/client.pem', TEMPORAL_TLS_KEY: files.key });
    expect(() => temporalConnectionOptions(config)).toThrow(/TEMPORAL_TLS_CERT: neither PEM text nor a readable file/);
  });

  it('when only half of the mTLS pair is set, then the configuration names the missing half', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT: CERT_PEM })).toThrow(/TEMPORAL_TLS_KEY/);
  });
});
