import type {
  EmploymentInjuryClaimV1,
  EmploymentInjurySubtype,
  InvalidityClaimV1,
  NonEmploymentInjuryClaimV1,
  PersonalDetails,
} from '../../schemas';
import { addDays, DAY_MS, mytDate, mytIso, mytMillis } from './dates';
import {
  attachments,
  employerNotice,
  injurySource,
  instantBefore,
  medicalCertificates,
  placeAbroad,
  placeInMalaysia,
  policeReportRef,
} from './claim-parts';
import type { Origin } from './people';
import type { Random } from './random';

/**
 * The kinds of claim the demo streams. `nei-abroad` and `nei-before-start` are valid submissions that the workflow
 * refuses (NEI-EXC-001, NEI-CLS-001 step 3: an accident outside working hours before 1 Jun 2026).
 */
export const CLAIM_KINDS = [
  'work-accident',
  'commuting-accident',
  'occupational-disease',
  'nei',
  'nei-abroad',
  'nei-before-start',
  'invalidity',
  'death',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** Everything a claim builder needs: ids, the submission instant and the insured person. */
export interface ClaimContext {
  rng: Random;
  claimId: string;
  eventId: string;
  submittedMs: number;
  insuredPersonId: string;
  /** The insured person's own personal details (the claimant of an own claim; the deceased of a death claim). */
  person: PersonalDetails;
  origin: Origin;
  employerId: string;
  /** First serial for documents of people the claim introduces (dependants), distinct per claim. */
  serialBase: number;
}

function common(ctx: ClaimContext) {
  return {
    schemaVersion: 1 as const,
    eventId: ctx.eventId,
    claimId: ctx.claimId,
    submittedAt: mytIso(ctx.submittedMs),
    insuredPersonId: ctx.insuredPersonId,
    claimant: ctx.person,
    claimantRelationship: 'self' as const,
  };
}

const WORK_PLACES = [
  'Loading bay, warehouse B',
  'Production line 3',
  'Scaffolding, level 4 of the site',
  'Kitchen of the restaurant',
  'Palm oil estate, block 12',
  'Machine shop, lathe station',
];
const WORK_INJURIES = [
  'Slipped on a wet floor and fractured the left wrist.',
  'Hand caught in a conveyor roller.',
  'Fell from scaffolding and injured the back.',
  'Scalded by hot oil while cooking.',
  'Cut the forearm on a sheet-metal edge.',
  'Struck by a falling carton; concussion.',
];
const ROADS = [
  'Federal Highway KM 12',
  'Jalan Klang Lama',
  'Lebuhraya Pasir Gudang',
  'Jalan Tun Razak',
  'Lebuhraya Utara-Selatan KM 301',
  'Jalan Kuching',
];
const DISEASES = [
  'Noise-induced hearing loss after years in the press shop.',
  'Occupational asthma from flour dust in the bakery.',
  'Carpal tunnel syndrome from repetitive assembly work.',
  'Contact dermatitis from cutting fluids.',
];

/** An employment-injury claim: an accident at work, a commuting accident (police report) or an occupational disease. */
export function employmentInjuryClaim(ctx: ClaimContext, subtype: EmploymentInjurySubtype): EmploymentInjuryClaimV1 {
  const { rng, submittedMs } = ctx;
  const year = mytDate(submittedMs).slice(0, 4);
  if (subtype === 'occupational-disease') {
    const onsetDate = mytDate(submittedMs - rng.int(5, 60) * DAY_MS);
    const { place, city } = placeInMalaysia(rng, rng.pick(WORK_PLACES));
    return {
      ...common(ctx),
      source: injurySource(rng),
      attachments: attachments(rng, ['form34', 'mc', 'medical-report'], submittedMs),
      medicalCertificates: medicalCertificates(rng, onsetDate, city),
      claimType: 'employment-injury',
      subtype,
      employerId: ctx.employerId,
      incident: {
        onsetDate,
        place,
        circumstance: 'at-work',
        employerNotification: employerNotice(rng, mytMillis(onsetDate, 9), submittedMs),
        description: rng.pick(DISEASES),
      },
    };
  }
  const commuting = subtype === 'commuting-accident';
  const hours: [number, number] = commuting ? (rng.chance(0.5) ? [6, 9] : [17, 20]) : [8, 18];
  const occurredMs = instantBefore(rng, submittedMs, 1, 20, hours);
  const { place, city } = placeInMalaysia(rng, commuting ? rng.pick(ROADS) : rng.pick(WORK_PLACES));
  return {
    ...common(ctx),
    source: injurySource(rng),
    attachments: attachments(
      rng,
      commuting ? ['form34', 'mc', 'police-report', 'sketch-map'] : ['form34', 'mc'],
      submittedMs
    ),
    medicalCertificates: medicalCertificates(rng, mytDate(occurredMs), city),
    claimType: 'employment-injury',
    subtype,
    employerId: ctx.employerId,
    incident: {
      occurredAt: mytIso(occurredMs),
      place,
      circumstance: commuting ? 'commuting' : 'at-work',
      ...(commuting ? { policeReportRef: policeReportRef(rng, city, year) } : {}),
      employerNotification: employerNotice(rng, occurredMs, submittedMs),
      description: commuting
        ? 'Motorcycle hit by a car on the way to work; fractured the right leg.'
        : rng.pick(WORK_INJURIES),
    },
  };
}

const NEI_ACCIDENTS = [
  'Fell from a ladder while repairing the roof at home.',
  'Sprained an ankle playing futsal.',
  'Motorcycle skidded on a wet road on the way to the night market.',
  'Burnt a hand on a barbecue at a family gathering.',
  'Slipped in the bathroom at home and fractured the hip.',
  'Knocked down by a car while jogging in the park.',
];

/**
 * A LINDUNG 24 Jam claim for an accident outside working hours: in Malaysia after 1 Jun 2026 (`nei`), abroad
 * (`nei-abroad`) or in May 2026, before the scheme began (`nei-before-start`).
 */
export function nonEmploymentInjuryClaim(
  ctx: ClaimContext,
  kind: 'nei' | 'nei-abroad' | 'nei-before-start'
): NonEmploymentInjuryClaimV1 {
  const { rng, submittedMs } = ctx;
  const evening: [number, number] = [18, 23];
  const occurredMs =
    kind === 'nei-before-start'
      ? Math.min(
          mytMillis(addDays('2026-05-01', rng.int(0, 30)), rng.int(18, 22), rng.int(0, 59)),
          submittedMs - DAY_MS
        )
      : instantBefore(rng, submittedMs, 1, 25, evening);
  const local =
    kind === 'nei-abroad'
      ? { place: placeAbroad(rng), city: 'Kuala Lumpur' }
      : placeInMalaysia(rng, 'At home and around the neighbourhood');
  return {
    ...common(ctx),
    source: rng.weighted([
      [{ channel: 'faedah-portal', filedBy: 'insured-person' }, 70],
      [{ channel: 'branch-counter', filedBy: 'insured-person' }, 20],
      [{ channel: 'assist-portal', filedBy: 'employer' }, 10],
    ] as const),
    attachments: attachments(rng, ['mc', 'medical-report', 'ic-copy'], submittedMs),
    medicalCertificates: medicalCertificates(rng, mytDate(occurredMs), local.city),
    claimType: 'non-employment-injury',
    employerId: ctx.employerId,
    incident: {
      occurredAt: mytIso(occurredMs),
      place: local.place,
      circumstance: 'outside-working-hours',
      employerNotification: employerNotice(rng, occurredMs, submittedMs, 0.6),
      description: rng.pick(NEI_ACCIDENTS),
    },
  };
}

const CONDITIONS = [
  'End-stage renal failure on dialysis.',
  'Severe heart failure after a myocardial infarction.',
  'Stroke with right-sided weakness.',
  'Advanced glaucoma with near-total loss of vision.',
  'Metastatic colorectal cancer under palliative care.',
];

/** An invalidity claim on an Invalidity Notice received in the last days (INV-DEF-001). */
export function invalidityClaim(ctx: ClaimContext): InvalidityClaimV1 {
  const { rng, submittedMs } = ctx;
  const noticeReceivedOn = mytDate(submittedMs - rng.int(0, 10) * DAY_MS);
  const conditionStartedOn = addDays(noticeReceivedOn, -rng.int(60, 900));
  const stillWorking = rng.chance(0.2);
  return {
    ...common(ctx),
    source: rng.chance(0.7)
      ? { channel: 'faedah-portal', filedBy: 'insured-person' }
      : { channel: 'branch-counter', filedBy: 'insured-person' },
    attachments: attachments(rng, ['medical-report', 'ic-copy', 'bank-form-bka1'], submittedMs),
    medicalCertificates: [],
    claimType: 'invalidity',
    ...(rng.chance(0.7) ? { employerId: ctx.employerId } : {}),
    invalidity: {
      noticeReceivedOn,
      conditionDescription: rng.pick(CONDITIONS),
      conditionStartedOn,
      stillWorking,
      ...(stillWorking ? {} : { lastWorkedOn: addDays(noticeReceivedOn, -rng.int(1, 50)) }),
    },
  };
}
