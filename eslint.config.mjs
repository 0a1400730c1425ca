// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import importX from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';

/**
 * Import boundary of STYLE H1/H3: workflows/ and schemas/ run inside Temporal's deterministic sandbox, so they
 * may not import Node built-ins, database or Kafka clients, non-workflow Temporal packages, or infra/.
 * Activities are reachable from workflows by type only.
 */
const sandboxRestrictedImports = {
  paths: [
    ...builtinModules.map((name) => ({ name, message: 'Node built-ins are not allowed in the workflow sandbox.' })),
    ...builtinModules.map((name) => ({
      name: `node:${name}`,
      message: 'Node built-ins are not allowed in the workflow sandbox.',
    })),
    { name: 'mongoose', message: 'Database access belongs in activities/ and infra/.' },
    { name: 'mongodb', message: 'Database access belongs in activities/ and infra/.' },
    { name: 'kafkajs', message: 'Kafka access belongs in activities/, workers/ and infra/.' },
    { name: '@temporalio/activity', message: 'Not available inside workflows.' },
    { name: '@temporalio/client', message: 'Not available inside workflows.' },
    { name: '@temporalio/worker', message: 'Not available inside workflows.' },
  ],
  patterns: [
    { group: ['**/infra', '**/infra/**'], message: 'workflows/ and schemas/ may not import infra/.' },
    { group: ['**/workers', '**/workers/**'], message: 'workflows/ and schemas/ may not import workers/.' },
    {
      group: ['**/activities', '**/activities/**'],
      allowTypeImports: true,
      message: 'Workflows reach activities through proxyActivities; import their types only.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.tools/', 'coverage/', 'workers/cli/claims.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'object-shorthand': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts', 'schemas/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', sandboxRestrictedImports],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { require: 'readonly', process: 'readonly', module: 'readonly', __dirname: 'readonly' },
    },
  },
  prettier
);
