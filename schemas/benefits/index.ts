// The contracts of the benefits engine (STYLE H2, H9). Re-exports only; zod and schemas/ imports only, so this
// folder is safe inside the workflow sandbox.
export * from './award';
export * from './facts';
export * from './rate-tables';
export * from './params';
