import { DefaultFailureConverter } from '@temporalio/common';

/**
 * The project's failure converter, loaded by path (`failureConverterPath`, see ./data-converter.ts) because workers
 * bundle it into the workflow sandbox: failure messages and stack traces move into an encoded payload, which the
 * payload codec then encrypts. Sandbox-safe on purpose: it imports nothing but `@temporalio/common`.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
