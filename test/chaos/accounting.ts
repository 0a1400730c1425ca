/*
 * The chaos run's final accounting, as pure functions of what the run read back from the servers: the claims topic
 * and its DLQ, the claim workflows, the ledger, the bank's transfers and the results. Every number in the table is
 * computed here, so a unit test can check that a lost claim or a doubled payment is counted as one.
 */

/** One record read from `claims.submitted`: its claim id when it is a valid claim, and where it was. */
export interface IntakeRecord {
  partition: number;
  offset: string;
  claimId?: string;
}

/** A claim workflow as the visibility store lists it. */
export interface ClaimRun {
  claimId: string;
  status: string;
  stage?: string;
}

/** A ledger entry with what the bank and the results consumer know of it. */
export interface PaymentFacts {
  paymentId: string;
  amountSen: number;
  issuedAtMs: number;
  /** Attempts the bank answered `paid` (at most one, or it paid twice). */
  bankPaidAttempts: number;
  bankPaidAmountSen?: number;
  /** The latest result the results consumer stored. */
  latestResult?: 'paid' | 'failed' | 'returned';
}

/** Stages a claim may rest in at the end: each waits for a person, not for the platform. */
export const WAITING_STAGES = ['awaiting-approval', 'awaiting-information', 'awaiting-medical-assessment'] as const;

export interface ClaimTally {
  /** Records on the intake topic. */
  recordsIn: number;
  /** Distinct valid claim ids. */
  claimsIn: number;
  /** Valid records repeating a claim id already seen. */
  duplicates: number;
  terminal: number;
  waiting: number;
  /** Claims still being processed (not yet at rest). */
  inProgress: number;
  /** Workflows that failed or were terminated. */
  failed: number;
  /** Invalid records dead-lettered (matched to their source offset). */
  deadLettered: number;
  /** Valid claim ids without a workflow, and invalid records without a DLQ entry. */
  lost: number;
  lostIds: string[];
}

/** Claims: count in = started + duplicates + dead-lettered, with anything unaccounted for counted as lost. */
export function tallyClaims(records: IntakeRecord[], dlqSources: Set<string>, runs: ClaimRun[]): ClaimTally {
  const byId = new Map(runs.map((r) => [r.claimId, r]));
  const seen = new Set<string>();
  let duplicates = 0;
  let deadLettered = 0;
  const lostIds: string[] = [];
  for (const r of records) {
    if (r.claimId === undefined) {
      if (dlqSources.has(`${r.partition}:${r.offset}`)) deadLettered += 1;
      else lostIds.push(`invalid record ${r.partition}:${r.offset} not in the DLQ`);
      continue;
    }
    if (seen.has(r.claimId)) {
      duplicates += 1;
      continue;
    }
    seen.add(r.claimId);
    if (!byId.has(r.claimId)) lostIds.push(r.claimId);
  }
  let terminal = 0;
  let waiting = 0;
  let inProgress = 0;
  let failed = 0;
  for (const id of seen) {
    const run = byId.get(id);
    if (!run) continue;
    if (run.status === 'COMPLETED') terminal += 1;
    else if (run.status === 'RUNNING') {
      if ((WAITING_STAGES as readonly string[]).includes(run.stage ?? '')) waiting += 1;
      else inProgress += 1;
    } else failed += 1;
  }
  return {
    recordsIn: records.length,
    claimsIn: seen.size,
    duplicates,
    terminal,
    waiting,
    inProgress,
    failed,
    deadLettered,
    lost: lostIds.length,
    lostIds,
  };
}

export interface PaymentTally {
  /** Ledger entries issued before the cut-off (older ones must have an answer by now). */
  expected: number;
  paid: number;
  /** Latest answer failed or returned: held for an officer (or waiting for new bank details). */
  held: number;
  /** Paid twice by the bank, or paid an amount other than the ledger's. */
  duplicates: number;
  duplicateIds: string[];
  /** Issued before the cut-off and never answered. */
  lost: number;
  lostIds: string[];
  /** Issued after the cut-off: still in flight, not counted. */
  inFlight: number;
  /** Expected months not issued because their award is held (a returned payment): owed, with an operator event. */
  owed: number;
  /** Expected ledger entries (e.g. a periodic award's months) missing from the ledger and not owed by a held award. */
  missingFromLedger: string[];
}

/** Payments: every instruction ends paid, or held; never paid twice, never lost. */
export function tallyPayments(
  payments: PaymentFacts[],
  cutoffMs: number,
  expectedIds: string[] = [],
  owedIds: Set<string> = new Set()
): PaymentTally {
  const t: PaymentTally = {
    expected: 0,
    paid: 0,
    held: 0,
    duplicates: 0,
    duplicateIds: [],
    lost: 0,
    lostIds: [],
    inFlight: 0,
    owed: 0,
    missingFromLedger: [],
  };
  const inLedger = new Set(payments.map((p) => p.paymentId));
  for (const id of expectedIds.filter((x) => !inLedger.has(x))) {
    if (owedIds.has(id)) t.owed += 1;
    else t.missingFromLedger.push(id);
  }
  for (const p of payments) {
    if (p.bankPaidAttempts > 1 || (p.bankPaidAttempts === 1 && p.bankPaidAmountSen !== p.amountSen)) {
      t.duplicates += 1;
      t.duplicateIds.push(p.paymentId);
    }
    if (p.issuedAtMs > cutoffMs && p.latestResult === undefined) {
      t.inFlight += 1;
      continue;
    }
    t.expected += 1;
    if (p.latestResult === 'paid') t.paid += 1;
    else if (p.latestResult === 'failed' || p.latestResult === 'returned') t.held += 1;
    else {
      t.lost += 1;
      t.lostIds.push(p.paymentId);
    }
  }
  return t;
}

/** A Malaysian IC (MyKad) number as it appears in text: YYMMDD-PB-###G, with or without dashes. */
const IC_NUMBER = /(?<!\d)\d{6}-?\d{2}-?\d{4}(?!\d)/g;

/** The IC numbers of `known` that occur in `text` (only real ones, so account numbers never match by accident). */
export function icNumbersIn(text: string, known: Set<string>): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(IC_NUMBER)) {
    const digits = m[0].replace(/-/g, '');
    if (known.has(digits)) found.add(digits);
  }
  return [...found];
}
