import mongoose, { type ConnectOptions } from 'mongoose';
import { ConfigError, loadConfig } from '../../../infra/config';
import { mongoConnectOptions } from '../../../infra/mongo/connection';
import { CA_PEM, CERT_PEM, pemFiles } from './pem-files';

/** The options as the MongoDB driver resolves them from the URI and the object (no connection is opened). */
function resolvedByDriver(uri: string, options: ConnectOptions) {
  const { autoIndex: _autoIndex, autoCreate: _autoCreate, ...driverOptions } = options;
  return new mongoose.mongo.MongoClient(uri, driverOptions).options;
}

describe('MongoDB connection options (infra/mongo/connection.ts)', () => {
  const files = pemFiles({ ca: CA_PEM, client: CERT_PEM });

  it('when nothing is set, then every process gets a pool of 20, a 10 s server selection and majority writes', () => {
    const options = mongoConnectOptions(loadConfig({}));
    expect(options).toEqual({
      maxPoolSize: 20,
      minPoolSize: 0,
      serverSelectionTimeoutMS: 10_000,
      socketTimeoutMS: 0,
      writeConcern: { w: 'majority' },
      autoIndex: true,
      autoCreate: true,
    });
    const driver = resolvedByDriver('mongodb://127.0.0.1:27017/claims', options);
    expect(driver).toMatchObject({ maxPoolSize: 20, minPoolSize: 0, serverSelectionTimeoutMS: 10_000 });
    expect(driver.tls).toBeFalsy();
    expect(driver.writeConcern?.w).toBe('majority');
    expect(driver.readPreference.mode).toBe('primary');
  });

  it('when the pool and timeout variables are set, then the driver gets them', () => {
    const config = loadConfig({
      MONGODB_MAX_POOL_SIZE: '50',
      MONGODB_MIN_POOL_SIZE: '5',
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '30000',
      MONGODB_SOCKET_TIMEOUT_MS: '120000',
    });
    expect(resolvedByDriver(config.MONGODB_URI, mongoConnectOptions(config))).toMatchObject({
      maxPoolSize: 50,
      minPoolSize: 5,
      serverSelectionTimeoutMS: 30_000,
      socketTimeoutMS: 120_000,
    });
  });

  it('when a replica set is configured with a CA, a client certificate and an auth source, then TLS is on and each reaches the driver', () => {
    const config = loadConfig({
      MONGODB_URI: 'mongodb://m1.internal:27017,m2.internal:27017,m3.internal:27017/claims',
      MONGODB_REPLICA_SET: 'rs0',
      MONGODB_TLS_CA_FILE: files.ca,
      MONGODB_TLS_CERT_KEY_FILE: files.client,
      MONGODB_AUTH_SOURCE: '$external',
    });
    const options = mongoConnectOptions(config);
    expect(options).toMatchObject({
      tls: true,
      tlsCAFile: files.ca,
      tlsCertificateKeyFile: files.client,
      replicaSet: 'rs0',
      authSource: '$external',
      writeConcern: { w: 'majority' },
    });
    expect(resolvedByDriver(config.MONGODB_URI, options)).toMatchObject({
      hosts: expect.arrayContaining([expect.objectContaining({ host: 'm2.internal' })]),
      tls: true,
      tlsCAFile: files.ca,
      tlsCertificateKeyFile: files.client,
      replicaSet: 'rs0',
    });
  });

  it('when credentials come from variables, then the driver authenticates with them against the auth source', () => {
    const config = loadConfig({
      MONGODB_URI: 'mongodb://m1.internal/claims',
      MONGODB_USERNAME: 'claims-app',
      MONGODB_PASSWORD: 's3cret',
      MONGODB_AUTH_SOURCE: 'admin',
    });
    const options = mongoConnectOptions(config);
    expect(options.auth).toEqual({ username: 'claims-app', password: 's3cret' });
    expect(resolvedByDriver(config.MONGODB_URI, options).credentials).toMatchObject({
      username: 'claims-app',
      password: 's3cret',
      source: 'admin',
    });
  });

  it('when the URI writes an option, then the URI wins over the variable', () => {
    const uri =
      'mongodb://app:from-uri@m1.internal/claims?maxPoolSize=5&serverSelectionTimeoutMS=2500&replicaSet=rs9' +
      '&tls=false&authSource=users&w=majority';
    const config = loadConfig({
      MONGODB_URI: uri,
      MONGODB_MAX_POOL_SIZE: '50',
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '30000',
      MONGODB_REPLICA_SET: 'rs0',
      MONGODB_TLS: 'true',
      MONGODB_AUTH_SOURCE: 'admin',
      MONGODB_USERNAME: 'from-env',
      MONGODB_PASSWORD: 'from-env',
    });
    const options = mongoConnectOptions(config);
    for (const key of ['maxPoolSize', 'serverSelectionTimeoutMS', 'replicaSet', 'tls', 'authSource', 'auth']) {
      expect(options).not.toHaveProperty(key);
    }
    const driver = resolvedByDriver(uri, options);
    expect(driver).toMatchObject({ maxPoolSize: 5, serverSelectionTimeoutMS: 2_500, replicaSet: 'rs9', tls: false });
    expect(driver.credentials).toMatchObject({ username: 'app', password: 'from-uri', source: 'users' });
    expect(driver.writeConcern?.w).toBe('majority');
  });

  it('when a caller asks for a database or a shorter server selection, then that call gets it', () => {
    const config = loadConfig({ MONGODB_URI: 'mongodb://127.0.0.1:27017/claims?serverSelectionTimeoutMS=9000' });
    expect(mongoConnectOptions(config, { dbName: 'it_x', serverSelectionTimeoutMS: 2_000 })).toMatchObject({
      dbName: 'it_x',
      serverSelectionTimeoutMS: 2_000,
    });
  });

  it.each([
    ['MONGODB_MAX_POOL_SIZE', 'many', /MONGODB_MAX_POOL_SIZE: expected a whole number of connections, at least 1/],
    ['MONGODB_MAX_POOL_SIZE', '0', /MONGODB_MAX_POOL_SIZE: expected a whole number of connections, at least 1/],
    ['MONGODB_MAX_POOL_SIZE', '2.5', /MONGODB_MAX_POOL_SIZE: expected a whole number/],
    ['MONGODB_MIN_POOL_SIZE', '-1', /MONGODB_MIN_POOL_SIZE: expected a whole number of connections, at least 0/],
    ['MONGODB_MIN_POOL_SIZE', '30', /MONGODB_MIN_POOL_SIZE: must not exceed MONGODB_MAX_POOL_SIZE \(20\)/],
    [
      'MONGODB_SERVER_SELECTION_TIMEOUT_MS',
      '10s',
      /MONGODB_SERVER_SELECTION_TIMEOUT_MS: expected a whole number of milliseconds/,
    ],
    [
      'MONGODB_SOCKET_TIMEOUT_MS',
      '-5',
      /MONGODB_SOCKET_TIMEOUT_MS: expected a whole number of milliseconds, at least 0/,
    ],
    ['MONGODB_TLS', 'maybe', /MONGODB_TLS: expected true or false/],
    ['MONGODB_TLS_CA_FILE', '/nonexistent/ca.pem', /MONGODB_TLS_CA_FILE: expected the path of a readable file/],
    ['MONGODB_TLS_CERT_KEY_FILE', '/nonexistent', /MONGODB_TLS_CERT_KEY_FILE: expected the path of a readable file/],
    ['MONGODB_USERNAME', 'claims-app', /MONGODB_PASSWORD: MONGODB_USERNAME and MONGODB_PASSWORD must be set together/],
  ])('when %s is %p, then the error names it', (variable, value, message) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(message);
  });

  it('when TLS is switched off while a CA file is given, then the contradiction is named', () => {
    expect(() => loadConfig({ MONGODB_TLS: 'false', MONGODB_TLS_CA_FILE: files.ca })).toThrow(/MONGODB_TLS: is false/);
  });

  it.each([
    ['w=1', /MONGODB_URI: w=1 is refused: payment writes must be acknowledged by a majority/],
    ['W=0', /MONGODB_URI: w=0 is refused/],
    ['readPreference=secondaryPreferred', /MONGODB_URI: readPreference=secondaryPreferred is refused/],
  ])(
    'when the URI asks for %s, then it is refused, naming MONGODB_URI and without its credentials',
    (query, message) => {
      const env = { MONGODB_URI: `mongodb://app:hunter2@m1.internal/claims?${query}` };
      expect(() => loadConfig(env)).toThrow(message);
      expect(() => loadConfig(env)).toThrow(/mongodb:\/\/\*\*\*@m1\.internal/);
      expect(() => loadConfig(env)).not.toThrow(/hunter2/);
    }
  );
});
