import type { Award, AwardLine } from '../../schemas/benefits/award';
import type { ClaimStage } from '../../schemas/claim/stage';
import type { ClaimType } from '../../schemas/claim/claim-type';
import type { PaymentInstructionV1 } from '../../schemas/events/payment-instruction.v1';
import type { ContributionRecord } from '../../schemas/registry/contribution';
import type { Employer } from '../../schemas/registry/employer';
import type { InsuredPerson } from '../../schemas/registry/insured-person';

/**
 * The registry reads claim verification and the award need (STYLE H5). infra/mongo/registry-repository.ts
 * implements it; tests pass an in-memory one.
 */
export interface RegistryReader {
  findInsuredPerson(insuredPersonId: string): Promise<InsuredPerson | null>;
  findEmployer(employerId: string): Promise<Employer | null>;
  /** Contribution records for months `fromMonth`..`toMonth` inclusive (YYYY-MM), oldest first. */
  listContributions(insuredPersonId: string, fromMonth: string, toMonth: string): Promise<ContributionRecord[]>;
}

/** The natural key of a claim for duplicate detection (FRD-009): one insured person, one accident date. */
export interface ClaimRegistration {
  claimId: string;
  insuredPersonId: string;
  /** The Malaysia date of the accident, onset or death; absent for invalidity claims. */
  accidentDate?: string;
  claimType: ClaimType;
  receivedAt: string;
}

/** An award as stored: the engine's result, its total, and the maker-checker approval once given. */
export interface StoredAward {
  awardId: string;
  claimId: string;
  asOf: string;
  /** What the award covers: one certified MC period of TDB, or the claim's final award. */
  scope: 'tdb-period' | 'final';
  totalSen: number;
  lines: AwardLine[];
  /** Every rule id on the award's lines and decisions, for audit queries. */
  ruleIds: string[];
  eligibility: Award['eligibility'];
  flags: string[];
  rateTableVersions: Record<string, string>;
  createdAt: string;
  approval?: {
    makerId: string;
    approverId: string;
    approvedAt: string;
    reason: string;
    lineDecisions?: { lineId: string; amountSen: number; actorId: string; reason: string }[];
  };
}

/** The claims store (MongoDB `claims` and `awards` collections). Every write is idempotent on a natural key. */
export interface ClaimRepository {
  /**
   * Registers a claim once (a retry changes nothing) and returns the earliest other claim of the same person and
   * accident date received before it, if any: that claim is the one that pays (FRD-009).
   */
  registerClaim(registration: ClaimRegistration): Promise<{ duplicateOfClaimId?: string }>;
  /** Moves the claim's stage forward; an older sequence than the stored one is ignored (retries, redeliveries). */
  updateStage(claimId: string, stage: ClaimStage, sequence: number): Promise<void>;
  /** Stores an award once; a second save of the same awardId returns the first (so replays and retries agree). */
  saveAward(award: StoredAward): Promise<StoredAward>;
  /** Records the approval of an award once; returns the award as stored. */
  approveAward(awardId: string, approval: NonNullable<StoredAward['approval']>): Promise<StoredAward>;
}

/** A payment-ledger entry: the instruction and whether it has reached Kafka. */
export interface LedgerEntry {
  instruction: PaymentInstructionV1;
  published: boolean;
}

/**
 * The payments ledger (MongoDB `payments`, unique `paymentId`), written before the Kafka instruction so that a
 * retried activity never issues a payment twice (STYLE H15).
 */
export interface PaymentLedger {
  /** Inserts the instruction unless its paymentId exists; returns the stored entry (the first one wins). */
  record(instruction: PaymentInstructionV1): Promise<LedgerEntry>;
  /** Marks a payment as published to `payments.instructions`. */
  markPublished(paymentId: string): Promise<void>;
}

/** The Kafka port (same shape as infra/kafka/event-publisher.ts): one record keyed by a business id. */
export interface EventPublisher {
  publish(topic: string, key: string, value: Buffer | string, headers?: Record<string, string>): Promise<void>;
}
