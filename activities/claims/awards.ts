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
 * The award activities. The engine runs here, not in the workflow, so its result is recorded in history and a later
 * rate-table change cannot break replay (STYLE H9); the award is stored once by awardId, so a retry returns it.
 */
export function createAwardActivities(deps: AwardDeps) {
  return {
    /** Computes and stores the award for one MC period (`tdb-period`) or the whole claim (`final`). */
    async computeAward(input: ComputeAwardInput): Promise<StoredAward> {
      const registry = await readRegistry(deps.registry, input.claim);
      if (registry === null) {
        throw ApplicationFailure.nonRetryable(
          `insured person of ${input.claim.claimId} not found`,
          FailureType.NotFound
        );
      }
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
