import type { MedicalAssessmentDecidedV1, MedicalAssessmentRequestedV1, MedicalBoardDecision } from '../../schemas';
import { malaysiaDateOf } from '../../schemas/claim/time';
import { deterministicEventId } from '../../activities/claims/event-ids';
import { Topics } from '../../schemas/topics';
import { addDays } from './dates';
import { createRandom, type Random } from './random';

/*
 * The simulated Medical Board's judgement, as pure functions of the request and a seed, so the same request always
 * gets the same answer (and the same ids) however often it is redelivered.
 */

const rngFor = (seed: number | string, request: MedicalAssessmentRequestedV1, purpose: string): Random =>
  createRandom(seed).fork(`board:${purpose}:${request.claimId}:${request.assessmentId}`);

/**
 * A plausible loss of earning capacity in basis points: most injuries leave 0–20 % (often in 2.5 % steps), some
 * 21–60 %, a few 61–90 %, and about 3 % total disablement (EI-PDB-004: up to 20 % is paid as a lump sum).
 */
export function sampleLoecBasisPoints(rng: Random): number {
  const band = rng.weighted([
    ['minor', 62],
    ['moderate', 27],
    ['severe', 8],
    ['total', 3],
  ] as const);
  switch (band) {
    case 'minor':
      return rng.int(0, 8) * 250;
    case 'moderate':
      return rng.int(21, 60) * 100;
    case 'severe':
      return rng.int(61, 90) * 100;
    case 'total':
      return 10_000;
  }
}

/** Whether the board leaves this request unanswered (so the claim's SLA breaches in the demo). */
export function shouldSkip(seed: number | string, request: MedicalAssessmentRequestedV1, fraction: number): boolean {
  return rngFor(seed, request, 'skip').chance(fraction);
}

/** How long the board takes: `delayMs` ± `jitter` (a fraction), never negative. */
export function decisionDelayMs(
  seed: number | string,
  request: MedicalAssessmentRequestedV1,
  delayMs: number,
  jitter: number
): number {
  const r = rngFor(seed, request, 'delay').next();
  return Math.max(0, Math.round(delayMs * (1 + (r * 2 - 1) * jitter)));
}

const STATE_CODES = ['SEL', 'KL', 'JHR', 'PNG', 'PRK', 'NSN', 'MLK', 'PHG', 'KDH', 'KTN', 'TRG', 'SBH', 'SWK'];

/**
 * The board's decision on a request (CLM-MB-001). It answers under the request's own assessmentId, so the claim
 * workflow can match and de-duplicate it. Invalidity requests are certified about 80 % of the time; injury requests
 * get a LOEC from {@link sampleLoecBasisPoints}. Constant attendance goes to a few total or invalidity cases
 * (EI-CAA-001). About a quarter are provisional, with a review date 6 to 24 months on (PAY-PROV-001).
 */
export function decideAssessment(
  seed: number | string,
  request: MedicalAssessmentRequestedV1,
  decidedAt: string
): MedicalBoardDecision {
  const rng = rngFor(seed, request, 'decision');
  const invalidity = request.purpose === 'invalidity';
  const certified = invalidity && rng.chance(0.8);
  const loec = invalidity ? (certified ? 10_000 : rng.int(0, 6) * 500) : sampleLoecBasisPoints(rng);
  const constantAttendance = (loec === 10_000 || certified) && rng.chance(0.3);
  const provisional = loec > 0 && loec < 10_000 && rng.chance(0.25);
  const year = malaysiaDateOf(decidedAt).slice(0, 4);
  return {
    assessmentId: request.assessmentId,
    claimId: request.claimId,
    board: request.board,
    boardReference: `JD/${rng.pick(STATE_CODES)}/${year}/${String(rng.int(1, 9999)).padStart(4, '0')}`,
    kind: provisional ? 'provisional' : 'final',
    loecBasisPoints: loec,
    ...(invalidity ? { invalidityCertified: certified } : {}),
    constantAttendanceNeeded: constantAttendance,
    ...(provisional ? { reviewDate: addDays(malaysiaDateOf(decidedAt), rng.int(6, 24) * 30) } : {}),
    decidedAt,
    remarks: provisional ? 'Condition not yet stable; to be reassessed.' : 'Assessment final.',
  };
}

/** The `medical.assessments` event for a decision; its eventId is derived from the assessment id (STYLE H15). */
export function decisionEvent(decision: MedicalBoardDecision): MedicalAssessmentDecidedV1 {
  return {
    schemaVersion: 1,
    eventId: deterministicEventId(`${Topics.MedicalAssessments}:${decision.assessmentId}`),
    decision,
  };
}
