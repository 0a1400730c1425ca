import { quietTemporalRuntime } from './quiet-temporal';

// Bundling the workflows and starting the time-skipping server take seconds on 2 cores.
jest.setTimeout(120_000);
quietTemporalRuntime();
