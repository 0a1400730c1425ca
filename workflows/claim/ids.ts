import { malaysiaDateOf } from '../../schemas/claim/time';

/*
 * Deterministic ids and clock readings for the claim workflow. Workflow time is replay-safe, so these may be
 * called anywhere in workflow code.
 */

/** Workflow time as ISO text. */
export const nowIso = (): string => new Date().toISOString();

/** Today's Malaysia date (the `asOf` of awards). */
export const todayMyt = (): string => malaysiaDateOf(nowIso());

/** The Malaysia month of issue (`YYYY-MM`) of a lump-sum payment. */
export const monthMyt = (): string => todayMyt().slice(0, 7);

/** The Medical Board assessment id of a claim: `MA-` + the claim's digits + a two-digit request number. */
export function assessmentIdFor(claimId: string, n: number): string {
  return `MA-${claimId.replace(/\D/g, '')}${String(n).padStart(2, '0')}`;
}

/** The award id of the n-th TDB period award of a claim. */
export const tdbAwardIdFor = (claimId: string, n: number): string => `${claimId}-TDB-${n}`;

/** The award id of a claim's final award. */
export const finalAwardIdFor = (claimId: string): string => `${claimId}-AWD-1`;
