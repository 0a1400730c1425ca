import { loadRateTables } from '../benefits/tables';
import { EngineParams, type EngineParamsInput } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import type { Topic } from '../../schemas/topics';
import { createAwardActivities } from './awards';
import { createClaimEventActivities } from './events';
import { createPaymentActivities } from './payments';
import type { ClaimRepository, EventPublisher, PaymentLedger, RegistryReader } from './ports';
import { createVerificationActivities } from './verification';

export type * from './ports';
export type * from './types';

/** The ports of the claim activities (STYLE H5). */
export interface ClaimActivityDeps {
  registry: RegistryReader;
  claims: ClaimRepository;
  ledger: PaymentLedger;
  events: EventPublisher;
  /** Rate tables; default: the dated tables shipped with the engine. */
  tables?: Readonly<RateTables>;
  /** Engine parameters (section 10 of the benefit rules); default: the published defaults. */
  params?: EngineParamsInput;
  /** Maps a topic to its deployed name (e.g. with `KAFKA_TOPIC_SUFFIX`); default: unchanged. */
  topicName?: (topic: Topic) => string;
}

/** Builds every activity of the claim workflow from its ports. */
export function createClaimActivities(deps: ClaimActivityDeps) {
  const tables = deps.tables ?? loadRateTables();
  const params = EngineParams.parse(deps.params ?? {});
  const engine = { registry: deps.registry, claims: deps.claims, tables, params };
  const publishing = { events: deps.events, claims: deps.claims, ledger: deps.ledger, topicName: deps.topicName };
  return {
    ...createVerificationActivities(engine),
    ...createAwardActivities(engine),
    ...createClaimEventActivities(publishing),
    ...createPaymentActivities(publishing),
  };
}
