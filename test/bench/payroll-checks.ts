import type { Client } from '@temporalio/client';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { readTopicToEnd } from '../../infra/kafka/read-to-end';
import { PAYMENT_RESULTS_COLLECTION, type StoredPaymentResult } from '../../infra/mongo/payment-results';
import { loadReconciliationInputs } from '../../infra/mongo/reconciliation';
import { BANK_TRANSFERS_COLLECTION, type BankTransferDoc } from '../../workers/bank/transfer-store';
import { reconcile, type ReconciliationReport } from '../../workers/payments/reconciliation-report';
import type { PeriodicState } from '../../workflows/periodic/state';
import { inChunks } from '../support/temporal-cleanup';
import { paidThrough } from './payroll-awards';
import { CONSUMER_COUNTERS } from './payroll-consumer';
import type { BenchChild } from './payroll-processes';

/** One check of a bench run: the bench fails when any is not ok. */
export interface BenchCheck {
  name: string;
  ok: boolean;
  detail: string;
}

/** The ledger documents the checks read (infra/mongo/payment-ledger.ts). */
interface LedgerDoc {
  _id: string;
  published: boolean;
  attempts?: string[];
  instruction: { eventId: string; month: string; amountSen: number; issuedAt: string };
}

/** What the payroll run left in the store and on Kafka, and the timings read from it. */
export interface PayrollFacts {
  checks: BenchCheck[];
  /** Per payment: when its workflow issued it (workflow time) and when its paid result was stored. */
  timings: { paymentId: string; issuedAtMs: number; paidAtMs?: number }[];
  reconciliation: ReconciliationReport;
}

const check = (name: string, ok: boolean, detail: string): BenchCheck => ({ name, ok, detail });
const sample = (ids: Iterable<string>): string => [...ids].slice(0, 3).join(', ');

/**
 * The payroll's invariants, read back from the run's own database and topics: exactly one ledger entry, one
 * instruction on `payments.instructions`, one stored result (paid, signalled) and one bank transfer (one attempt,
 * paid at the ledger amount) per expected payment, nothing else, and the month reconciled clean by the operators'
 * own reconciliation (`claims reconcile`: infra/mongo/reconciliation.ts + workers/payments/reconciliation-report.ts).
 */
export async function checkPayroll(
  mongo: Connection,
  kafka: Kafka,
  topics: { instructions: string },
  month: string,
  expected: readonly string[]
): Promise<PayrollFacts> {
  const want = new Set(expected);
  const m = expected.length;
  const checks: BenchCheck[] = [];
  const unexpected = (ids: string[]): string[] => ids.filter((id) => !want.has(id));

  const ledger = (await mongo.collection<LedgerDoc>('payments').find({}).toArray()) as LedgerDoc[];
  const ledgerIds = ledger.map((d) => d._id);
  const unpublished = ledger.filter((d) => !d.published || (d.attempts ?? []).length > 0).map((d) => d._id);
  checks.push(
    check(
      'ledger: one entry per award, published once',
      ledger.length === m && unexpected(ledgerIds).length === 0 && unpublished.length === 0,
      `${ledger.length} entries of ${m}; ${unexpected(ledgerIds).length} unexpected; ${unpublished.length} unpublished or re-sent ${sample(unpublished)}`
    )
  );

  const records = await readTopicToEnd(kafka, topics.instructions, { timeoutMs: 600_000 });
  const instructed = records.map((r) =>
    String((JSON.parse(String(r.message.value)) as { paymentId?: unknown }).paymentId)
  );
  const distinct = new Set(instructed);
  checks.push(
    check(
      'payments.instructions: one instruction per award',
      records.length === m && distinct.size === m && unexpected([...distinct]).length === 0,
      `${records.length} messages, ${distinct.size} distinct payment ids of ${m}`
    )
  );

  const results = (await mongo
    .collection<StoredPaymentResult>(PAYMENT_RESULTS_COLLECTION)
    .find({})
    .toArray()) as StoredPaymentResult[];
  const notPaid = results.filter((r) => r.status !== 'paid' || r.delivery !== 'signalled').map((r) => r.paymentId);
  const resultIds = new Set(results.map((r) => r.paymentId));
  checks.push(
    check(
      'payments.results: one paid result per award, signalled to its workflow',
      results.length === m && resultIds.size === m && notPaid.length === 0 && unexpected([...resultIds]).length === 0,
      `${results.length} results for ${resultIds.size} payments of ${m}; ${notPaid.length} not paid or not signalled ${sample(notPaid)}`
    )
  );

  const transfers = (await mongo
    .collection<BankTransferDoc>(BANK_TRANSFERS_COLLECTION)
    .find({})
    .toArray()) as BankTransferDoc[];
  const amountOf = new Map(ledger.map((d) => [d._id, d.instruction.amountSen]));
  const doubled = transfers.filter((t) => Object.keys(t.attempts).length !== 1).map((t) => t._id);
  const wrong = transfers.filter((t) => !t.paid || t.paidAmountSen !== amountOf.get(t._id)).map((t) => t._id);
  checks.push(
    check(
      'bank: each payment id instructed and paid once, at the ledger amount',
      transfers.length === m && doubled.length === 0 && wrong.length === 0,
      `${transfers.length} transfers of ${m}; ${doubled.length} with more than one attempt ${sample(doubled)}; ` +
        `${wrong.length} unpaid or at another amount ${sample(wrong)}`
    )
  );

  const reconciliation = reconcile(month, await loadReconciliationInputs(mongo, month));
  checks.push(
    check(
      `reconcile ${month}: clean`,
      reconciliation.discrepancies === 0 &&
        reconciliation.instructions === m &&
        reconciliation.paymentsByLatestStatus.paid === m,
      `${reconciliation.instructions} instructions, ${reconciliation.paymentsByLatestStatus.paid} paid, ` +
        `${reconciliation.discrepancies} discrepancies`
    )
  );

  const paidAt = new Map(
    results.filter((r) => r.status === 'paid').map((r) => [r.paymentId, Date.parse(r.receivedAt)])
  );
  const timings = ledger.map((d) => {
    const at = paidAt.get(d._id);
    return {
      paymentId: d._id,
      issuedAtMs: Date.parse(d.instruction.issuedAt),
      ...(at !== undefined ? { paidAtMs: at } : {}),
    };
  });
  return { checks, timings, reconciliation };
}

/** Every workflow ended as a one-instalment award ends: stopped, paid through its month, that payment paid. */
export async function checkAwardStates(client: Client, ids: string[], month: string): Promise<BenchCheck> {
  const states = await inChunks(ids, 50, (id) => client.workflow.getHandle(id).result() as Promise<PeriodicState>);
  const bad = states
    .map((s, i) => ({ id: ids[i] ?? '', s }))
    .filter(
      ({ s }) =>
        s.status !== 'stopped' ||
        s.paidToDate !== paidThrough(month) ||
        s.lastPayments.length !== 1 ||
        s.lastPayments[0]?.result !== 'paid'
    );
  return {
    name: 'workflows: every award paid its one month and ended',
    ok: bad.length === 0,
    detail: `${states.length - bad.length} of ${ids.length}${bad.length ? `; e.g. ${bad[0]?.id}: ${JSON.stringify(bad[0]?.s.lastPayments)}` : ''}`,
  };
}

/** A consumer's counters as it printed them when it stopped, against what the run must have counted. */
export const counterCheck = (child: BenchChild, want: Record<string, number>): BenchCheck => {
  const line = child
    .output()
    .split('\n')
    .find((l) => l.startsWith(CONSUMER_COUNTERS));
  const got = line ? (JSON.parse(line.slice(CONSUMER_COUNTERS.length)) as Record<string, number>) : undefined;
  const bad = Object.entries(want).filter(([k, v]) => got?.[k] !== v);
  return {
    name: `${child.name} counters`,
    ok: got !== undefined && bad.length === 0,
    detail: got ? JSON.stringify(got) : 'no counters printed (did it stop cleanly?)',
  };
};
