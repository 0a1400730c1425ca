import type { AwardLine } from '../../schemas/benefits/award';
import type { ClaimSubmittedV1 } from '../../schemas/events/claim-submitted.v1';
import type { Payee } from '../../schemas/payments/payment-parts';

/**
 * Who receives an award line's money, and under which payments beneficiary id. The insured person's own lines go to
 * the claimant's BKA-1 account (a guardian's for a claim filed by a guardian); a dependant's (or heir's) line to the
 * dependant's account, or to the claimant as guardian when the dependant has none (a minor, PKS(F)17); a funeral
 * payer's line to the claimant. Personal data stays in the payee, which only the encrypted payloads carry.
 */
export function beneficiaryIdFor(claim: ClaimSubmittedV1, line: AwardLine): string {
  if (line.relationship === 'self') return claim.insuredPersonId;
  if (/^D[1-9]\d?$/.test(line.beneficiaryId)) return `${claim.claimId}-${line.beneficiaryId}`;
  return `${claim.claimId}-PAYER`;
}

/** The payee of a line, or undefined when no bank account is known (the line waits for BKA-1). */
export function payeeFor(claim: ClaimSubmittedV1, line: AwardLine): Payee | undefined {
  const claimant = claim.claimant.bankAccount
    ? { name: claim.claimant.name, bankAccount: claim.claimant.bankAccount }
    : undefined;
  const asGuardian = (paidToGuardian: boolean) => (claimant ? { ...claimant, paidToGuardian } : undefined);
  if (line.relationship === 'self') return asGuardian(claim.claimantRelationship === 'guardian');
  if (claim.claimType === 'death') {
    const dependant = claim.dependants.find((d) => d.dependantId === line.beneficiaryId);
    if (dependant?.personal.bankAccount) {
      return { name: dependant.personal.name, bankAccount: dependant.personal.bankAccount, paidToGuardian: false };
    }
    if (dependant !== undefined) return asGuardian(true);
  }
  return asGuardian(false);
}
