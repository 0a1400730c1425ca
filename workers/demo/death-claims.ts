import type { DeathClaimV1, Dependant, Gender, Incident, PersonalDetails } from '../../schemas';
import { addDays, DAY_MS, mytDate, mytIso, mytMillis, yearsBetween } from './dates';
import { attachments, employerNotice, placeInMalaysia, policeReportRef } from './claim-parts';
import type { ClaimContext } from './claim-kinds';
import { inventName, patronymOf, syntheticPersonal, type Origin } from './people';
import type { Random } from './random';

type Relationship = Dependant['relationship'];

function dependant(
  ctx: ClaimContext,
  index: number,
  relationship: Relationship,
  personal: PersonalDetails,
  asOf: string
): Dependant {
  const age = yearsBetween(personal.dateOfBirth, asOf);
  const young = relationship === 'child' || relationship === 'sibling';
  return {
    dependantId: `D${index + 1}`,
    relationship,
    personal,
    studying: young && age >= 18 && age < 25 && ctx.rng.chance(0.6),
    incapacitated: ctx.rng.chance(0.03),
    married: relationship === 'spouse' || (young && age >= 21 && ctx.rng.chance(0.3)),
    remarried: false,
  };
}

function relative(rng: Random, origin: Origin, gender: Gender, dateOfBirth: string, serial: number, name?: string) {
  return syntheticPersonal(rng, {
    origin,
    gender,
    dateOfBirth,
    serial,
    ...(name !== undefined ? { name } : {}),
    withBankAccount: true,
  });
}

/** The family a death claim lists: a spouse and children, else parents; sometimes nobody (funeral benefit only). */
function family(
  ctx: ClaimContext,
  dateOfDeath: string
): { dependants: Dependant[]; claimant?: PersonalDetails; relation: 'spouse' | 'parent' | 'sibling' } {
  const { rng, person, origin } = ctx;
  const age = yearsBetween(person.dateOfBirth, dateOfDeath);
  let serial = ctx.serialBase;
  const male = person.gender === 'male';
  if (age >= 23 && rng.chance(0.75)) {
    const spouseGender: Gender = male ? 'female' : 'male';
    const spouseDob = addDays(person.dateOfBirth, rng.int(-5 * 365, 5 * 365));
    const spouse = relative(
      rng,
      origin,
      spouseGender,
      spouseDob < dateOfDeath ? spouseDob : person.dateOfBirth,
      serial++
    );
    const father = male ? person.name : spouse.name;
    const list: Dependant[] = [dependant(ctx, 0, 'spouse', spouse, dateOfDeath)];
    const children = rng.int(0, Math.min(3, Math.max(0, Math.floor((age - 20) / 3))));
    for (let k = 0; k < children; k++) {
      const childAge = rng.int(0, Math.min(24, age - 20));
      const dob = addDays(dateOfDeath, -(childAge * 365 + rng.int(1, 300)));
      const gender: Gender = rng.chance(0.5) ? 'male' : 'female';
      const name = inventName(rng, origin, gender, patronymOf(origin, father));
      const child = relative(rng, origin, gender, dob, serial++, name);
      list.push(dependant(ctx, list.length, 'child', childAge < 18 ? withoutBank(child) : child, dateOfDeath));
    }
    return { dependants: list, claimant: spouse, relation: 'spouse' };
  }
  if (rng.chance(0.7)) {
    const list: Dependant[] = [];
    for (const gender of rng.chance(0.5)
      ? (['male', 'female'] as const)
      : ([rng.pick(['male', 'female'] as const)] as const)) {
      const dob = addDays(person.dateOfBirth, -rng.int(20 * 365, 35 * 365));
      list.push(dependant(ctx, list.length, 'parent', relative(rng, origin, gender, dob, serial++), dateOfDeath));
    }
    return { dependants: list, claimant: list[0]?.personal, relation: 'parent' };
  }
  return { dependants: [], relation: 'sibling' };
}

function withoutBank(p: PersonalDetails): PersonalDetails {
  const { bankAccount: _bank, ...rest } = p;
  return rest;
}

/**
 * A death claim filed by a dependant (or, with no dependants, a sibling for the funeral benefit). The cause is an
 * employment injury (work or commuting accident), a LINDUNG 24 Jam accident, or anything else (survivors' pension).
 */
export function deathClaim(ctx: ClaimContext): DeathClaimV1 {
  const { rng, submittedMs } = ctx;
  const dateOfDeath = mytDate(submittedMs - rng.int(5, 60) * DAY_MS);
  const cause = rng.weighted([
    ['employment-injury', 45],
    ['non-employment-injury', 25],
    ['other', 30],
  ] as const);
  const commuting = cause === 'employment-injury' && rng.chance(0.3);
  let incident: Incident | undefined;
  if (cause !== 'other') {
    const occurredMs = mytMillis(
      addDays(dateOfDeath, -rng.int(0, 10)),
      cause === 'employment-injury' ? rng.int(8, 17) : rng.int(18, 22)
    );
    const { place, city } = placeInMalaysia(
      rng,
      commuting
        ? 'Jalan Klang Lama'
        : cause === 'employment-injury'
          ? 'Construction site, level 9'
          : 'Kampung road near home'
    );
    incident = {
      occurredAt: mytIso(occurredMs),
      place,
      circumstance: cause === 'employment-injury' ? (commuting ? 'commuting' : 'at-work') : 'outside-working-hours',
      ...(commuting ? { policeReportRef: policeReportRef(rng, city, dateOfDeath.slice(0, 4)) } : {}),
      employerNotification: employerNotice(rng, occurredMs, submittedMs),
      description:
        cause === 'employment-injury'
          ? 'Fatal fall from height.'
          : 'Fatal road accident on the way home from a wedding.',
    };
  }
  const fam = family(ctx, dateOfDeath);
  const claimant =
    fam.claimant ??
    relative(
      rng,
      ctx.origin,
      rng.pick(['male', 'female'] as const),
      addDays(ctx.person.dateOfBirth, rng.int(-3000, 3000)),
      ctx.serialBase + 9
    );
  return {
    schemaVersion: 1,
    eventId: ctx.eventId,
    claimId: ctx.claimId,
    submittedAt: mytIso(submittedMs),
    insuredPersonId: ctx.insuredPersonId,
    claimant,
    claimantRelationship: fam.relation,
    source: rng.chance(0.7)
      ? { channel: 'faedah-portal', filedBy: 'dependant' }
      : { channel: 'branch-counter', filedBy: 'dependant' },
    attachments: attachments(
      rng,
      commuting
        ? ['death-certificate', 'ic-copy', 'bank-form-bka1', 'police-report']
        : ['death-certificate', 'ic-copy', 'bank-form-bka1'],
      submittedMs
    ),
    medicalCertificates: [],
    claimType: 'death',
    ...(cause !== 'other' || rng.chance(0.6) ? { employerId: ctx.employerId } : {}),
    death:
      cause === 'employment-injury'
        ? { dateOfDeath, cause, injurySubtype: commuting ? 'commuting-accident' : 'work-accident' }
        : { dateOfDeath, cause },
    ...(incident !== undefined ? { incident } : {}),
    dependants: fam.dependants,
    ...(fam.dependants.length === 0 ? { noDependants: true as const } : {}),
  };
}
