import { ClaimSubmitted, type ClaimSubmittedV1, type PersonalDetails } from '../../../schemas';
import { CLAIM_KINDS } from '../../../workers/demo/claim-kinds';
import {
  claimIdBase,
  generateClaimStream,
  type DemoClaimMessage,
  type Expected,
} from '../../../workers/demo/synthetic-claims';
import { generateRegistry, type SyntheticRegistry } from '../../../workers/demo/synthetic-registry';

const ASOF = '2026-11-26T00:00:00+08:00';
const START = Date.parse('2026-11-26T10:00:00+08:00');

function parseJson(value: string): { ok: true; json: unknown } | { ok: false } {
  try {
    return { ok: true, json: JSON.parse(value) };
  } catch {
    return { ok: false };
  }
}

/** Everyone's personal data in a claim: the claimant and each dependant. */
function personalDataOf(claim: ClaimSubmittedV1): PersonalDetails[] {
  return [claim.claimant, ...(claim.claimType === 'death' ? claim.dependants.map((d) => d.personal) : [])];
}

describe('synthetic claim stream', () => {
  let registry: SyntheticRegistry;
  let employerIds: string[];
  let stream: DemoClaimMessage[];
  beforeAll(() => {
    registry = generateRegistry({ seed: 'claims', asOf: ASOF, persons: 400, employers: 40 });
    employerIds = registry.employers.map((e) => e.employer.employerId);
    stream = generateClaimStream(registry.people, employerIds, { seed: 'claims', startMs: START, count: 1500 });
  });

  it('when valid, duplicate and resubmitted messages are parsed, then each passes ClaimSubmitted with key = claimId', () => {
    const good = stream.filter((m) => ['valid', 'duplicate', 'resubmission'].includes(m.expected));
    expect(good.length).toBeGreaterThan(1200);
    const failures = good.flatMap((m) => {
      const j = parseJson(m.value);
      const parsed = j.ok ? ClaimSubmitted.safeParse(j.json) : undefined;
      return parsed?.success === true && parsed.data.claimId === m.key ? [] : [{ kind: m.kind, error: parsed?.error }];
    });
    expect(failures).toEqual([]);
  });

  it('when invalid messages are parsed, then they are JSON that fails the schema (without throwing)', () => {
    const invalid = stream.filter((m) => m.expected === 'invalid');
    expect(invalid.length).toBeGreaterThan(20);
    for (const m of invalid) {
      const j = parseJson(m.value);
      expect(j.ok).toBe(true);
      if (j.ok) expect(ClaimSubmitted.safeParse(j.json).success).toBe(false);
    }
  });

  it('when malformed messages are parsed, then JSON.parse rejects each', () => {
    const malformed = stream.filter((m) => m.expected === 'malformed');
    expect(malformed.length).toBeGreaterThan(20);
    for (const m of malformed) expect(parseJson(m.value).ok).toBe(false);
  });

  it('when the mix is counted, then it is close to 5 % duplicates and 3 % each resubmissions, malformed, invalid', () => {
    const share = (e: Expected): number => stream.filter((m) => m.expected === e).length / stream.length;
    expect(share('duplicate')).toBeGreaterThan(0.03);
    expect(share('duplicate')).toBeLessThan(0.075);
    for (const e of ['resubmission', 'malformed', 'invalid'] as const) {
      expect(share(e)).toBeGreaterThan(0.015);
      expect(share(e)).toBeLessThan(0.05);
    }
    expect(share('valid')).toBeGreaterThan(0.8);
  });

  it('when duplicates and resubmissions are checked, then they repeat an earlier claim as specified', () => {
    const firstValue = new Map<string, string>();
    for (const m of stream) {
      if (m.expected === 'valid') {
        expect(firstValue.has(m.key)).toBe(false);
        firstValue.set(m.key, m.value);
      } else if (m.expected === 'duplicate') {
        // An exact copy: same key and bytes (possibly of a re-submission's original).
        expect(firstValue.get(m.key)).toBe(m.value);
      } else if (m.expected === 'resubmission') {
        const original = JSON.parse(firstValue.get(m.key) ?? 'null') as ClaimSubmittedV1 | null;
        const again = JSON.parse(m.value) as ClaimSubmittedV1;
        expect(original?.claimId).toBe(again.claimId);
        expect(again.eventId).not.toBe(original?.eventId);
      }
    }
  });

  it('when the valid claims are listed, then every kind appears, with a few unknown insured persons', () => {
    const valid = stream.filter((m) => m.expected === 'valid');
    for (const kind of CLAIM_KINDS) expect(valid.some((m) => m.kind === kind)).toBe(true);
    const unknown = valid.filter((m) => m.kind.endsWith('unknown insured person'));
    expect(unknown.length).toBeGreaterThan(10);
    const known = new Set(registry.people.map((p) => p.person.insuredPersonId));
    for (const m of valid) {
      const claim = JSON.parse(m.value) as ClaimSubmittedV1;
      expect(known.has(claim.insuredPersonId)).toBe(!m.kind.endsWith('unknown insured person'));
    }
  });

  it('when the scenarios are inspected, then they carry what the workflow decides on', () => {
    const claims = stream
      .filter((m) => m.expected === 'valid')
      .map((m) => ({ kind: m.kind, claim: JSON.parse(m.value) as ClaimSubmittedV1 }));
    for (const { kind, claim } of claims) {
      if (kind === 'nei-abroad' && claim.claimType === 'non-employment-injury') {
        expect(claim.incident.place.inMalaysia).toBe(false);
      }
      if (kind === 'nei-before-start' && claim.claimType === 'non-employment-injury') {
        expect(claim.incident.occurredAt! < '2026-06-01').toBe(true);
        expect(claim.incident.circumstance).toBe('outside-working-hours');
      }
      if (kind === 'commuting-accident' && claim.claimType === 'employment-injury') {
        expect(claim.incident.policeReportRef).toBeDefined();
      }
      if (claim.claimType === 'death') {
        expect(claim.dependants.length > 0 || claim.noDependants === true).toBe(true);
      }
      const mcDays = claim.medicalCertificates.reduce(
        (sum, mc) => sum + (Date.parse(mc.to) - Date.parse(mc.from)) / 86_400_000 + 1,
        0
      );
      if (claim.medicalCertificates.length > 0) {
        expect(mcDays).toBeGreaterThanOrEqual(2);
        expect(mcDays).toBeLessThanOrEqual(30);
      }
    }
    expect(claims.some(({ claim }) => claim.claimType === 'death' && claim.dependants.length >= 2)).toBe(true);
  });

  it('when personal data is generated for claims, then MyKads carry code 00 and bank accounts start 000', () => {
    const people = stream
      .filter((m) => m.expected === 'valid')
      .flatMap((m) => personalDataOf(JSON.parse(m.value) as ClaimSubmittedV1));
    const ics = people.flatMap((p) => (p.identity.type === 'mykad' ? [p.identity.icNumber] : []));
    expect(ics.length).toBeGreaterThan(1000);
    expect(ics.filter((ic) => ic.slice(6, 8) !== '00')).toEqual([]);
    const accounts = people.flatMap((p) => (p.bankAccount ? [p.bankAccount.accountNumber] : []));
    expect(accounts.filter((a) => !a.startsWith('000'))).toEqual([]);
  });

  it('when claim ids are issued, then they are C-<year>- and a time-based sequence of at least 6 digits', () => {
    const base = claimIdBase(START);
    const ids = stream.map((m) => m.key);
    expect(ids[0]).toBe(`C-2026-${String(base).padStart(9, '0')}`);
    for (const id of ids.filter((_, i) => stream[i]?.expected !== 'invalid')) expect(id).toMatch(/^C-2026-\d{6,}$/);
    // A rerun a minute later starts past every id of a 200-claim run at 30 a minute.
    expect(claimIdBase(START + 60_000)).toBeGreaterThan(base + 200);
  });

  it('when the same seed and start are used twice, then the stream is identical; another seed differs', () => {
    const a = generateClaimStream(registry.people, employerIds, { seed: 5, startMs: START, count: 200 });
    const b = generateClaimStream(registry.people, employerIds, { seed: 5, startMs: START, count: 200 });
    const c = generateClaimStream(registry.people, employerIds, { seed: 6, startMs: START, count: 200 });
    expect(b).toEqual(a);
    expect(c.map((m) => m.value)).not.toEqual(a.map((m) => m.value));
  });

  it('when a mix is configured, then the stream follows it', () => {
    const clean = generateClaimStream(registry.people, employerIds, {
      seed: 1,
      startMs: START,
      count: 300,
      mix: { duplicate: 0, resubmission: 0, malformed: 0, invalid: 0.5 },
    });
    const invalid = clean.filter((m) => m.expected === 'invalid').length;
    expect(clean.every((m) => m.expected === 'valid' || m.expected === 'invalid')).toBe(true);
    expect(invalid).toBeGreaterThan(100);
    expect(invalid).toBeLessThan(200);
  });

  it('when spacing is given, then submission instants follow it', () => {
    const s = generateClaimStream(registry.people, employerIds, { seed: 1, startMs: START, count: 5, spacingMs: 500 });
    expect(s.map((m) => m.submittedMs - START)).toEqual([0, 500, 1000, 1500, 2000]);
  });
});
