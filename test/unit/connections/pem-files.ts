import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Placeholder PEM blocks: the option builders pass them on, only a TLS handshake would parse them. */
export const CA_PEM = '-----BEGIN CERTIFICATE-----\nY2EtZm9yLXRlc3Rz\n-----END CERTIFICATE-----\n';
export const CERT_PEM = '-----BEGIN CERTIFICATE-----\nY2xpZW50LWNlcnQ=\n-----END CERTIFICATE-----\n';
export const KEY_PEM = '-----BEGIN PRIVATE KEY-----\nY2xpZW50LWtleQ==\n-----END PRIVATE KEY-----\n';

/** Writes `files` (name → content) into a new temporary directory and returns each one's path. */
export function pemFiles<K extends string>(files: Record<K, string>): Record<K, string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'claims-tls-'));
  const paths = {} as Record<K, string>;
  for (const [name, content] of Object.entries(files) as Array<[K, string]>) {
    paths[name] = path.join(dir, `${name}.pem`);
    writeFileSync(paths[name], content);
  }
  return paths;
}
