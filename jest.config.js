// @ts-check

/**
 * One Jest project per folder of test/ (STYLE H19): they differ in what they need, not in what they cover.
 * - unit: no servers.
 * - workflows: the installed time-skipping test server (test/support/temporal-env.ts).
 * - integration: the real Temporal dev server, Kafka and FerretDB/MongoDB, started by infra/servers/ from globalSetup.
 */
/** @type {import('jest').Config['transform']} */
const tsJest = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
};

/** @satisfies {import('jest').Config} */
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: tsJest,
  clearMocks: true,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
const config = {
  // 2 cores: the servers need one of them.
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/setup-unit.ts'],
    },
    {
      ...common,
      displayName: 'workflows',
      // Installs the time-skipping test server when missing; it needs no running server.
      globalSetup: '<rootDir>/test/support/global-setup-workflows.ts',
      testMatch: ['<rootDir>/test/workflows/**/*.test.ts', '<rootDir>/test/replay/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/setup-workflows.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      // Runs only when an integration test is selected: ensures the whole stack is up (reusing healthy servers).
      globalSetup: '<rootDir>/test/support/global-setup-integration.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown-integration.ts',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/support/setup-integration.ts'],
    },
  ],
};

module.exports = config;
