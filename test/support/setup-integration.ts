import { quietTemporalRuntime } from './quiet-temporal';

// Real servers on 2 cores: consumer-group joins and visibility polling take seconds.
jest.setTimeout(180_000);
quietTemporalRuntime();
