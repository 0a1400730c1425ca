#!/usr/bin/env node
// `npx claims …`: the operator and developer CLI. A plain-JS shim so it runs without a build step;
// tsx compiles the TypeScript entry point on the fly.
require('tsx/cjs');
const { run } = require('./main.ts');
run(process.argv.slice(2));
