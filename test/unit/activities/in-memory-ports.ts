import type {
  ClaimRegistration,
  ClaimRepository,
  EventPublisher,
  LedgerEntry,
  PaymentLedger,
  RegistryReader,
  StoredAward,
} from '../../../activities/claims';
import type { ContributionRecord } from '../../../schemas/registry/contribution';
import type { Employer } from '../../../schemas/registry/employer';
import type { InsuredPerson } from '../../../schemas/registry/insured-person';

/** In-memory ports for activity unit tests (STYLE H5): same contracts as the Mongo and Kafka adapters. */
export function inMemoryPorts(
  seed: { persons?: InsuredPerson[]; employers?: Employer[]; contributions?: ContributionRecord[] } = {}
) {
  const published: { topic: string; key: string; value: string; headers: Record<string, string> }[] = [];
  const claims = new Map<string, ClaimRegistration & { stage: string; lastSequence: number }>();
  const awards = new Map<string, StoredAward>();
  const payments = new Map<string, LedgerEntry>();

  const registry: RegistryReader = {
    findInsuredPerson: async (id) => seed.persons?.find((p) => p.insuredPersonId === id) ?? null,
    findEmployer: async (id) => seed.employers?.find((e) => e.employerId === id) ?? null,
    listContributions: async (id, from, to) =>
      (seed.contributions ?? []).filter((c) => c.insuredPersonId === id && c.month >= from && c.month <= to),
  };
  const claimRepo: ClaimRepository = {
    async registerClaim(r) {
      if (!claims.has(r.claimId)) claims.set(r.claimId, { ...r, stage: 'received', lastSequence: 0 });
      const earlier = [...claims.values()]
        .filter((c) => c.claimId !== r.claimId && c.insuredPersonId === r.insuredPersonId)
        .filter((c) => r.accidentDate !== undefined && c.accidentDate === r.accidentDate)
        .filter((c) => Date.parse(c.receivedAt) < Date.parse(r.receivedAt));
      return earlier[0] ? { duplicateOfClaimId: earlier[0].claimId } : {};
    },
    async updateStage(claimId, stage, sequence) {
      const c = claims.get(claimId);
      if (c && c.lastSequence < sequence) Object.assign(c, { stage, lastSequence: sequence });
    },
    async saveAward(award) {
      if (!awards.has(award.awardId)) awards.set(award.awardId, structuredClone(award));
      return structuredClone(awards.get(award.awardId) as StoredAward);
    },
    async approveAward(awardId, approval) {
      const a = awards.get(awardId);
      if (!a) throw new Error('not found');
      a.approval ??= approval;
      return structuredClone(a);
    },
  };
  const ledger: PaymentLedger = {
    async record(instruction) {
      if (!payments.has(instruction.paymentId)) payments.set(instruction.paymentId, { instruction, published: false });
      return structuredClone(payments.get(instruction.paymentId) as LedgerEntry);
    },
    async markPublished(paymentId) {
      const p = payments.get(paymentId);
      if (p) p.published = true;
    },
  };
  const events: EventPublisher = {
    async publish(topic, key, value, headers = {}) {
      published.push({ topic, key, value: String(value), headers });
    },
  };
  return { registry, claims: claimRepo, ledger, events, published, payments, awards, storedClaims: claims };
}
