import { DecisionLog } from '../benefits/common';
import { classifyInjury, coverageDecisions, noticeDecisions } from '../benefits/eligibility';
import type { ClaimFacts } from '../../schemas/benefits/facts';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import type { AttachmentKind } from '../../schemas/claim/attachment';
import type { ClaimSubmittedV1 } from '../../schemas/events/claim-submitted.v1';
import { accidentDateOf, buildClaimFacts, governingDate, readRegistry, shiftMonth } from './facts';
import type { ClaimRepository, RegistryReader } from './ports';
import type { VerificationResult, VerifyClaimInput } from './types';

/** The ports and engine configuration verification reads. */
export interface VerificationDeps {
  registry: RegistryReader;
  claims: ClaimRepository;
  tables: Readonly<RateTables>;
  params: EngineParams;
}

/** The documents each kind of claim needs before it can be assessed (Form 34, police report, death certificate). */
function requiredDocuments(claim: ClaimSubmittedV1): AttachmentKind[] {
  switch (claim.claimType) {
    case 'employment-injury':
      return claim.subtype === 'commuting-accident' ? ['form34', 'police-report'] : ['form34'];
    case 'death':
      return ['death-certificate'];
    default:
      return [];
  }
}

/** A request for the documents the claim still lacks, or undefined when it has them all. */
function documentsMissing(
  claim: ClaimSubmittedV1
): Pick<VerificationResult, 'outcome' | 'code' | 'reason' | 'missing'> | undefined {
  const have = new Set(claim.attachments.map((a) => a.kind));
  const missing = requiredDocuments(claim).filter((kind) => !have.has(kind));
  if (missing.length === 0) return undefined;
  const reason = `The claim cannot be assessed until these documents arrive: ${missing.join(', ')}.`;
  return { outcome: 'request-information', code: 'DOCUMENTS_MISSING', reason, missing };
}

/**
 * A claimant the registry does not know. When the claim names an employer that is registered and active, the
 * likeliest cause is that the employer failed to register the worker: EI-COV-005 (`cov.employerDefault`, default
 * officer review flagged `EMPLOYER_DEFAULT`, never auto-rejected) governs, so the claim goes on to the Medical Board
 * and its award to an officer. Without a registered employer there is nobody whose default could explain it, and
 * the claim is refused as not insured (EI-COV-003), unless `cov.employerDefault` is `reject`, which refuses both.
 */
async function unregistered(
  claim: ClaimSubmittedV1,
  deps: VerificationDeps,
  base: Pick<VerificationResult, 'flags' | 'missing' | 'checks' | 'claimClass'>
): Promise<VerificationResult> {
  const employer = claim.employerId === undefined ? null : await deps.registry.findEmployer(claim.employerId);
  if (employer?.status !== 'active' || deps.params.cov.employerDefault === 'reject') {
    const reason =
      employer?.status === 'active'
        ? `The insured person is not registered with PERKESO and cov.employerDefault is 'reject', so the claim is refused (EI-COV-005).`
        : 'The insured person is not registered with PERKESO and the claim names no registered employer, so the claim cannot be paid (EI-COV-003).';
    return { ...base, outcome: 'reject', code: 'NOT_REGISTERED', reason };
  }
  const reason = `The insured person is not in the registry, but employer ${employer.employerId} is registered: the employer may have failed to register the worker. An officer reviews the employer's default and the award; the claim is not refused for it (EI-COV-005).`;
  const check = { code: 'EMPLOYER_DEFAULT', outcome: 'officer-review' as const, ruleIds: ['EI-COV-005'], reason };
  const result: VerificationResult = {
    ...base,
    flags: ['EMPLOYER_DEFAULT', 'INSURED_PERSON_NOT_REGISTERED'],
    checks: [check],
    outcome: 'continue',
    code: 'EMPLOYER_DEFAULT',
    reason,
  };
  const documents = documentsMissing(claim);
  return documents !== undefined ? { ...result, ...documents } : result;
}

/** Runs the engine's own eligibility rules (NEI-CLS-001, EI-COV-003/004/005, CLM-DL-001), so nothing is re-implemented. */
function eligibility(claim: ClaimSubmittedV1, facts: ClaimFacts, deps: VerificationDeps) {
  const log = new DecisionLog();
  let claimClass: VerificationResult['claimClass'] = claim.claimType === 'invalidity' ? 'INV' : 'NONE';
  let neiPhase: number | undefined;
  if (facts.injury !== undefined && claim.claimType !== 'death') {
    const cls = classifyInjury(facts, facts.injury, deps.tables, deps.params, log);
    if (cls.claimClass === 'EI') coverageDecisions(facts, cls.accidentDate, deps.params, log);
    claimClass = cls.claimClass;
    neiPhase = cls.phase;
  }
  if (claim.claimType === 'death') claimClass = claim.death.cause === 'other' ? 'SURVIVORS' : 'EI';
  noticeDecisions(facts, deps.params, log);
  return { log, claimClass, neiPhase };
}

/**
 * Verification against the registry and the claims store (CLM-FLOW-001): registration and employer, the
 * contribution window, LINDUNG cover and phase on the accident date, exclusions, late notice, documents and
 * duplicates (FRD-009). Refusals name the rule in words; the engine decides the amounts later.
 */
export function createVerificationActivities(deps: VerificationDeps) {
  return {
    /** Verifies a claim and says whether it continues, is refused, waits for documents, or duplicates another claim. */
    async verifyClaim({ claim }: VerifyClaimInput): Promise<VerificationResult> {
      const base = { flags: [] as string[], missing: [] as AttachmentKind[], checks: [], claimClass: 'NONE' as const };
      const accidentDate = accidentDateOf(claim);
      const { duplicateOfClaimId } = await deps.claims.registerClaim({
        claimId: claim.claimId,
        insuredPersonId: claim.insuredPersonId,
        ...(accidentDate !== undefined ? { accidentDate } : {}),
        claimType: claim.claimType,
        receivedAt: claim.submittedAt,
      });
      if (duplicateOfClaimId !== undefined) {
        const reason = `The same insured person and accident date are already claimed under ${duplicateOfClaimId}; this claim is linked to it and not paid twice (FRD-009).`;
        return { ...base, outcome: 'duplicate', code: 'DUPLICATE_CLAIM', reason, duplicateOfClaimId };
      }
      const registry = await readRegistry(deps.registry, claim);
      if (registry === null) return unregistered(claim, deps, base);
      const flags: string[] = [];
      if (claim.employerId !== undefined && registry.employer === null) flags.push('EMPLOYER_NOT_FOUND');
      const month = governingDate(claim).slice(0, 7);
      if (!registry.contributions.some((c) => c.month >= shiftMonth(month, -6))) flags.push('NO_RECENT_CONTRIBUTIONS');
      const facts = buildClaimFacts(claim, registry, claim.medicalCertificates);
      const { log, claimClass, neiPhase } = eligibility(claim, facts, deps);
      const result = { ...base, checks: log.decisions, claimClass, ...(neiPhase !== undefined ? { neiPhase } : {}) };
      result.flags = [...new Set([...flags, ...log.flags])];
      const failed = log.decisions.find((d) => d.outcome === 'fail');
      if (failed !== undefined) return { ...result, outcome: 'reject', code: failed.code, reason: failed.reason };
      const documents = documentsMissing(claim);
      if (documents !== undefined) return { ...result, ...documents };
      const phase = neiPhase !== undefined ? ` (LINDUNG 24 Jam phase ${neiPhase})` : '';
      const reason = `Registration, cover${phase}, exclusions and documents verified.`;
      return { ...result, outcome: 'continue', code: 'VERIFIED', reason };
    },
  };
}
