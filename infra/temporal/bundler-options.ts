/**
 * Webpack options for every bundle of workflows/ (worker, tests, replay). With webpack's default
 * `optimization.providedExports`, zod's `export * as iso` namespace is mis-linked inside the bundle: `z.iso.date()`
 * becomes `z.date()` and every `IsoDate` field of the contracts fails with "expected date, received string" in the
 * sandbox (found by the claim workflow's tests). Turning the analysis off costs a slightly larger bundle only.
 */
export const WORKFLOW_BUNDLER_OPTIONS = {
  webpackConfigHook: <C extends { optimization?: object }>(config: C): C => ({
    ...config,
    optimization: { ...config.optimization, providedExports: false },
  }),
};
