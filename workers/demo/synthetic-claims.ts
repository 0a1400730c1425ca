import type { ClaimSubmittedV1 } from '../../schemas';
import { mytDate, mytIso } from './dates';
import { INVALID_KINDS, invalidClaim, MALFORMED_KINDS, malformedValue } from './bad-messages';
import {
  CLAIM_KINDS,
  employmentInjuryClaim,
  invalidityClaim,
  nonEmploymentInjuryClaim,
  type ClaimContext,
  type ClaimKind,
} from './claim-kinds';
import { deathClaim } from './death-claims';
import { syntheticPersonal, type Origin } from './people';
import { createRandom, type Random } from './random';
import type { Placement } from './synthetic-registry';

/** What intake should make of a demo message. */
export type Expected = 'valid' | 'duplicate' | 'resubmission' | 'malformed' | 'invalid';

/** One `claims.submitted` message of the demo stream; `kind` names the scenario (no personal data). */
export interface DemoClaimMessage {
  key: string;
  value: string;
  expected: Expected;
  kind: string;
  /** When the claim says it was submitted (epoch ms); the runner publishes it at about that time. */
  submittedMs: number;
}

/** Shares of the stream that are not new valid claims, and of new claims naming an unknown insured person. */
export interface ClaimMix {
  /** Exact copies (same key and bytes) of an earlier message, as a redelivering producer sends. */
  duplicate: number;
  /** An earlier claimId sent again with a new eventId and submission time. */
  resubmission: number;
  /** Not JSON at all. */
  malformed: number;
  /** JSON that fails the `ClaimSubmitted` schema. */
  invalid: number;
  /** Valid claims whose insured person the registry does not know. */
  unknownPerson: number;
}

/** The mix: ~5 % duplicates, ~3 % each re-submissions, malformed and invalid; 3 % unknown persons. */
export const DEFAULT_CLAIM_MIX: ClaimMix = {
  duplicate: 0.05,
  resubmission: 0.03,
  malformed: 0.03,
  invalid: 0.03,
  unknownPerson: 0.03,
};

/** Relative frequency of each kind among new valid claims. */
export const DEFAULT_KIND_WEIGHTS: Record<ClaimKind, number> = {
  'work-accident': 28,
  'commuting-accident': 14,
  'occupational-disease': 6,
  nei: 18,
  'nei-abroad': 4,
  'nei-before-start': 4,
  invalidity: 12,
  death: 14,
};

/** What {@link generateClaimStream} generates. */
export interface ClaimStreamOptions {
  seed: number | string;
  /** The submission instant of the first message (epoch ms); also fixes the claim-id base, see {@link claimIdBase}. */
  startMs: number;
  /** Number of messages. */
  count: number;
  /** Time between two messages' submission instants (default 2,000 ms, i.e. 30 a minute). */
  spacingMs?: number;
  mix?: Partial<ClaimMix>;
  kindWeights?: Partial<Record<ClaimKind, number>>;
}

/**
 * The first claim-id sequence number of a run started at `nowMs`: tenths of a second since the epoch, modulo 10^9.
 * It advances by 10 a second, faster than the demo issues ids at any sensible rate, so reruns against a persistent
 * server never reuse an id (the clock is an argument, so the generator stays pure).
 */
export function claimIdBase(nowMs: number): number {
  return Math.floor(nowMs / 100) % 1_000_000_000;
}

/** `C-<year>-<sequence>` with at least 9 digits. */
export function demoClaimId(year: string, sequence: number): string {
  return `C-${year}-${String(sequence).padStart(9, '0')}`;
}

/** An insured person the registry does not know: `IP-8…`, with invented personal details. */
function unknownPlacement(
  rng: Random,
  seq: number,
  employerIds: readonly string[],
  nowMs: number
): Placement & { origin: Origin } {
  const dob = mytDate(nowMs - rng.int(20, 55) * 365.25 * 86_400_000);
  const gender = rng.chance(0.5) ? 'male' : 'female';
  return {
    origin: 'malay',
    employerId: rng.pick(employerIds),
    person: {
      insuredPersonId: `IP-8${String(seq % 1_000_000_000).padStart(9, '0')}`,
      registeredOn: '2020-01-01',
      category: 'first',
      workerType: 'local',
      nonEmploymentCover: {
        current: 'covered',
        history: [{ status: 'covered', effectiveFrom: '2026-06-01', recordedAt: '2026-06-01T00:00:00+08:00' }],
      },
      personal: syntheticPersonal(rng, {
        origin: 'malay',
        gender,
        dateOfBirth: dob,
        serial: 5_000 + (seq % 1000),
        withBankAccount: true,
      }),
      updatedAt: '2026-06-01T00:00:00+08:00',
    },
  };
}

/** Builds one valid claim of `kind`. */
export function buildClaim(kind: ClaimKind, ctx: ClaimContext): ClaimSubmittedV1 {
  switch (kind) {
    case 'work-accident':
    case 'commuting-accident':
    case 'occupational-disease':
      return employmentInjuryClaim(ctx, kind);
    case 'nei':
    case 'nei-abroad':
    case 'nei-before-start':
      return nonEmploymentInjuryClaim(ctx, kind);
    case 'invalidity':
      return invalidityClaim(ctx);
    case 'death':
      return deathClaim(ctx);
  }
}

/**
 * Generates the demo's `claims.submitted` stream: claims of every kind against persons of the registry (and a few
 * unknown ones), mixed with exact duplicates, re-submissions of an earlier claimId, malformed JSON and schema-invalid
 * claims in the given proportions. Pure and deterministic for a given seed and start time; keys are claimIds.
 */
export function generateClaimStream(
  people: readonly Placement[],
  employerIds: readonly string[],
  options: ClaimStreamOptions
): DemoClaimMessage[] {
  if (people.length === 0 || employerIds.length === 0) throw new Error('the claim stream needs a registry');
  const mix = { ...DEFAULT_CLAIM_MIX, ...options.mix };
  const weights = { ...DEFAULT_KIND_WEIGHTS, ...options.kindWeights };
  const kindEntries = CLAIM_KINDS.map((k) => [k, weights[k]] as const);
  const spacing = options.spacingMs ?? 2_000;
  const rng = createRandom(options.seed).fork('claims');
  const year = mytDate(options.startMs).slice(0, 4);
  let sequence = claimIdBase(options.startMs);
  const out: DemoClaimMessage[] = [];
  const validSoFar: { claim: ClaimSubmittedV1; message: DemoClaimMessage }[] = [];

  const newClaim = (
    kind: ClaimKind,
    submittedMs: number,
    index: number
  ): { claim: ClaimSubmittedV1; unknown: boolean } => {
    const claimRng = rng.fork(`claim:${index}`);
    const unknown = claimRng.chance(mix.unknownPerson);
    const placement = unknown ? unknownPlacement(claimRng, sequence, employerIds, submittedMs) : claimRng.pick(people);
    const claimId = demoClaimId(year, sequence++);
    const claim = buildClaim(kind, {
      rng: claimRng,
      claimId,
      eventId: claimRng.uuid(),
      submittedMs,
      insuredPersonId: placement.person.insuredPersonId,
      person: placement.person.personal,
      origin: placement.origin,
      employerId: placement.employerId,
      serialBase: 10_000 + (index % 100_000) * 10,
    });
    return { claim, unknown };
  };

  for (let i = 0; i < options.count; i++) {
    const submittedMs = options.startMs + i * spacing;
    let expected = rng.weighted<Expected>([
      ['duplicate', mix.duplicate],
      ['resubmission', mix.resubmission],
      ['malformed', mix.malformed],
      ['invalid', mix.invalid],
      ['valid', Math.max(0, 1 - mix.duplicate - mix.resubmission - mix.malformed - mix.invalid)],
    ]);
    if ((expected === 'duplicate' || expected === 'resubmission') && validSoFar.length === 0) expected = 'valid';
    if (expected === 'duplicate') {
      const earlier = rng.pick(validSoFar).message;
      out.push({ ...earlier, expected, kind: earlier.kind, submittedMs });
    } else if (expected === 'resubmission') {
      const earlier = rng.pick(validSoFar);
      const again = {
        ...earlier.claim,
        eventId: rng.fork(`resubmission:${i}`).uuid(),
        submittedAt: mytIso(submittedMs),
      };
      out.push({ key: again.claimId, value: JSON.stringify(again), expected, kind: earlier.message.kind, submittedMs });
    } else if (expected === 'invalid') {
      const base = newClaim(rng.pick(['work-accident', 'commuting-accident'] as const), submittedMs, i).claim;
      const kind = rng.pick(INVALID_KINDS);
      if (base.claimType !== 'employment-injury')
        throw new Error('unreachable: invalid claims start from an injury claim');
      out.push({ ...invalidClaim(base, kind), expected, kind, submittedMs });
    } else if (expected === 'malformed') {
      const base = newClaim('work-accident', submittedMs, i).claim;
      const kind = rng.pick(MALFORMED_KINDS);
      out.push({
        key: base.claimId,
        value: malformedValue(rng, JSON.stringify(base), base.claimId, kind),
        expected,
        kind,
        submittedMs,
      });
    } else {
      const kind = rng.weighted(kindEntries);
      const { claim, unknown } = newClaim(kind, submittedMs, i);
      const message = {
        key: claim.claimId,
        value: JSON.stringify(claim),
        expected,
        kind: unknown ? `${kind}, unknown insured person` : kind,
        submittedMs,
      };
      validSoFar.push({ claim, message });
      out.push(message);
    }
  }
  return out;
}
