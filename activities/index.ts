/**
 * Every activity the workers register, built from injected ports (STYLE H4, H5): `createActivities(deps)` is
 * called once by workers/temporal-worker.ts with the real Mongo and Kafka adapters, and by tests with in-memory
 * ones. Workflows import only `type Activities`.
 */
import { createClaimActivities, type ClaimActivityDeps } from './claims';
import { createPeriodicActivities } from './periodic';
import type { AuditLog, PeriodicLedger, SiblingNotifier } from './periodic/ports';
import type { PaymentResultV1 } from '../schemas/events/payment-result.v1';

/**
 * The ports activities need: registry reads, the claims store, the payments ledger, the event publisher; the
 * periodic-award activities also need the periodic ledger (the Mongo ledger is one), the audit log and a notifier
 * of sibling workflows.
 */
export type ActivityDeps = ClaimActivityDeps & {
  periodicLedger?: PeriodicLedger;
  audit?: AuditLog;
  siblings?: SiblingNotifier;
  /** The bank results received so far (infra/mongo/payment-results.ts), read by a lump sum's payment workflow. */
  paymentResults?: PaymentResultReader;
};

/** The bank answers already stored for one payment, oldest first. */
export interface PaymentResultReader {
  ofPayment(paymentId: string): Promise<{ result: PaymentResultV1 }[]>;
}

const notConfigured = (what: string) => () => {
  throw new Error(`${what} is not configured on this worker`);
};

/** Builds the activity implementations. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createClaimActivities(deps),
    ...createPeriodicActivities({
      periodicLedger: deps.periodicLedger ?? {
        ...deps.ledger,
        find: notConfigured('the periodic ledger'),
        recordAttempt: notConfigured('the periodic ledger'),
        recordAdjustment: notConfigured('the periodic ledger'),
      },
      audit: deps.audit ?? { write: notConfigured('the audit log'), listFor: notConfigured('the audit log') },
      events: deps.events,
      ...(deps.siblings !== undefined ? { siblings: deps.siblings } : {}),
      ...(deps.tables !== undefined ? { tables: deps.tables } : {}),
      ...(deps.params !== undefined ? { params: deps.params } : {}),
      ...(deps.topicName !== undefined ? { topicName: deps.topicName } : {}),
    }),
    /**
     * The bank's answers to `paymentId` already received (oldest first): a lump sum's payment workflow reads them
     * when it starts, because the bank may answer before the workflow exists (the results consumer then stores the
     * answer as `no-workflow`).
     */
    async paymentResultsOf(paymentId: string): Promise<PaymentResultV1[]> {
      if (deps.paymentResults === undefined)
        throw new Error('the payment results store is not configured on this worker');
      return (await deps.paymentResults.ofPayment(paymentId)).map((d) => d.result);
    },
  };
}

/** The activity interface workflows proxy. */
export type Activities = ReturnType<typeof createActivities>;
