import { defaultPayloadConverter, type DataConverter, type LoadedDataConverter } from '@temporalio/common';
import { loadConfig, type Config } from '../config';
import { createPayloadCodec, type AesGcmPayloadCodec } from './codec';
import { failureConverter } from './failure-converter';

/**
 * The data converters of every Temporal client, worker and test environment (STYLE H17, INFRA.md (e)): payloads are
 * encrypted by the AES-GCM codec, and failure messages and stack traces too (`encodeCommonAttributes: true`).
 *
 * Why a client and a worker flavour: `DataConverter` (what `new Client()` and `Worker.create()` accept) has no
 * `failureConverter` field, only `failureConverterPath`. A worker converts failures in two places: in the main thread
 * (activity failures) and inside the workflow sandbox (workflow failures), and the sandbox can only get a converter
 * by bundling a module, which is why the worker needs the path. `Worker.create({ workflowsPath, dataConverter })`
 * passes that path to its bundler; a prebuilt bundle needs `bundleWorkflowCode({ failureConverterPath:
 * FAILURE_CONVERTER_PATH })`. A client converts failures in the main thread only, and `new Client()` takes an already
 * loaded converter (`payloadConverter`, `failureConverter`, `payloadCodecs`) as is, so it needs no module loading.
 * Both share one codec instance per key set.
 */

/** Module with the `failureConverter` named export, for `failureConverterPath` and `bundleWorkflowCode`. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

type PayloadKeySettings = Pick<Config, 'PAYLOAD_KEYS'>;

interface Converters {
  codec: AesGcmPayloadCodec;
  client: LoadedDataConverter;
  worker: DataConverter;
}

const byKeySet = new Map<string, Converters>();

function converters(config: PayloadKeySettings): Converters {
  const cached = byKeySet.get(config.PAYLOAD_KEYS);
  if (cached) return cached;
  const codec = createPayloadCodec(config.PAYLOAD_KEYS);
  const created: Converters = {
    codec,
    client: { payloadConverter: defaultPayloadConverter, failureConverter, payloadCodecs: [codec] },
    worker: { payloadCodecs: [codec], failureConverterPath: FAILURE_CONVERTER_PATH },
  };
  byKeySet.set(config.PAYLOAD_KEYS, created);
  return created;
}

/** The payload codec for `PAYLOAD_KEYS` (the codec server uses it directly). Memoised per key set. */
export function getPayloadCodec(config: PayloadKeySettings = loadConfig()): AesGcmPayloadCodec {
  return converters(config).codec;
}

/**
 * For `new Client({ dataConverter })` and the test environments' clients: a loaded converter with the encrypting
 * codec and the encoding failure converter. Memoised per key set.
 */
export function getClientDataConverter(config: PayloadKeySettings = loadConfig()): DataConverter {
  // A LoadedDataConverter is what the client uses as is (it checks for `payloadConverter`); typed as DataConverter
  // because that is what client options declare.
  return converters(config).client;
}

/**
 * For `Worker.create({ dataConverter })`: the same codec, and the failure converter by path so the worker's bundler
 * puts it into the workflow sandbox as well. Memoised per key set.
 */
export function getWorkerDataConverter(config: PayloadKeySettings = loadConfig()): DataConverter {
  return converters(config).worker;
}

/** STYLE H17's name for the client converter. */
export const getDataConverter = getClientDataConverter;
