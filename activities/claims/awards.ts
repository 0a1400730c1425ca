import { ApplicationFailure } from '@temporalio/common';
import { computeAward as runEngine } from '../benefits/engine';
import type { Award, AwardLine } from '../../schemas/benefits/award';
import type { EngineParams } from '../../schemas/benefits/params';
import type { RateTables } from '../../schemas/benefits/rate-tables';
import { FailureType } from '../../schemas/failures';
import { buildClaimFacts, readRegistry } from './facts';
import type { ClaimRepository, RegistryReader, StoredAward } from './ports';
import type { AwardApprovalInput, ComputeAwardInput } from './types';

/** The ports and engine configuration the award activities need. */
export interface AwardDeps {
  registry: RegistryReader;
  claims: ClaimRepository;
  tables: Readonly<RateTables>;
  params: EngineParams;
}

const isTdb = (l: AwardLine) => l.benefitType === 'temporary-disablement';

/**
 * Pays only the TDB not paid yet: the engine computes TDB over every certified day so far (the 4-day threshold
 * looks at them together, CLM-DL-002), less what earlier MC periods already awarded.
 */
function tdbDelta(line: AwardLine, alreadySen: number): AwardLine | null {
  const amountSen = line.amountSen - alreadySen;
  if (amountSen <= 0) return null;
  return {
    ...line,
    amountSen: amountSen as AwardLine['amountSen'],
    inputs: { ...line.inputs, alreadyAwardedSen: alreadySen },
  };
}

function linesFor(award: Award, input: ComputeAwardInput): AwardLine[] {
  const tdb = award.lines.filter(isTdb).flatMap((l) => tdbDelta(l, input.alreadyAwardedTdbSen) ?? []);
  if (input.scope === 'tdb-period') return tdb;
  return [...award.lines.filter((l) => !isTdb(l)), ...tdb];
}

/**
 * The award for a claimant the registry still does not know, at a registered employer (EI-COV-005, see
 * verification): the engine has no wages or contributions to work from, so the award has no lines and goes to an
 * officer, who establishes the registration and the wages. Once the employer registers the worker, a later award
 * (the next MC period, or the final award) runs the engine on the registry's facts. Without a registered employer
 * verification has refused the claim already, so reaching here is an error.
 */
async function unregisteredAward(deps: AwardDeps, input: ComputeAwardInput): Promise<StoredAward> {
  const { claim } = input;
  const employer = claim.employerId === undefined ? null : await deps.registry.findEmployer(claim.employerId);
  if (employer?.status !== 'active') {
    throw ApplicationFailure.nonRetryable(`insured person of ${claim.claimId} not found`, FailureType.NotFound);
  }
  const reason = `the insured person is not registered although employer ${employer.employerId} is: an officer establishes the registration, wages and contributions the award is computed from (EI-COV-005).`;
  return {
    awardId: input.awardId,
    claimId: claim.claimId,
    asOf: input.asOf,
    scope: input.scope,
    totalSen: 0,
    lines: [],
    ruleIds: ['EI-COV-005'],
    eligibility: { outcome: 'officer-review', reasons: [reason] },
    flags: ['EMPLOYER_DEFAULT', 'INSURED_PERSON_NOT_REGISTERED'],
    rateTableVersions: {},
    createdAt: input.createdAt,
  };
}

/**
 * The award activities. The engine runs here, not in the workflow, so its result is recorded in history and a later
 * rate-table change cannot break replay (STYLE H9); the award is stored once by awardId, so a retry returns it.
 */
export function createAwardActivities(deps: AwardDeps) {
  return {
    /** Computes and stores the award for one MC period (`tdb-period`) or the whole claim (`final`). */
    async computeAward(input: ComputeAwardInput): Promise<StoredAward> {
      const registry = await readRegistry(deps.registry, input.claim);
      if (registry === null) return deps.claims.saveAward(await unregisteredAward(deps, input));
      const facts = buildClaimFacts(input.claim, registry, input.certificates, input.decision);
      const award = runEngine(facts, deps.tables, deps.params, input.asOf);
      const lines = linesFor(award, input);
      const ruleIds = [...new Set([...award.decisions.flatMap((d) => d.ruleIds), ...lines.flatMap((l) => l.ruleIds)])];
      return deps.claims.saveAward({
        awardId: input.awardId,
        claimId: input.claim.claimId,
        asOf: input.asOf,
        scope: input.scope,
        totalSen: lines.reduce((sum, l) => sum + l.amountSen, 0),
        lines,
        ruleIds,
        eligibility: award.eligibility,
        flags: award.flags,
        rateTableVersions: award.rateTableVersions,
        createdAt: input.createdAt,
      });
    },

    /** Records a maker-checker approval; refuses an approver who is the maker (a second guard behind the workflow). */
    async recordAwardApproval(input: AwardApprovalInput): Promise<StoredAward> {
      if (input.makerId === input.approverId) {
        throw ApplicationFailure.nonRetryable('the approver must not be the maker', FailureType.InvalidState);
      }
      const { awardId, ...approval } = input;
      return deps.claims.approveAward(awardId, approval);
    },
  };
}
