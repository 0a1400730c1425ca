import type {
  ContributionRecord,
  ContributionRecordedV1,
  Employer,
  EmployerStatus,
  EmployerUpsertedV1,
  Gender,
  InsuredPerson,
  InsuredPersonUpsertedV1,
  NonEmploymentCoverChange,
} from '../../schemas';
import { sen } from '../../schemas/common/money';
import { addDays, lastDayOf, mytDate, mytIso, mytMillis, shiftMonth, yearsBetween } from './dates';
import { syntheticPersonal, type Origin } from './people';
import { createRandom, type Random } from './random';
import { eiContributionSen, monthlyWageSen, neiContributionSen, sampleBaseWageSen } from './wages';

/** LINDUNG 24 Jam came into force on 1 Jun 2026 (NEI-LAW-001); June contributions were mandatory for all. */
export const NEI_START = '2026-06-01';
/** Local workers could opt out from 8 Jul 2026 until 31 Aug 2026, then were auto-activated (NEI-PART-001). */
const OPT_OUT_WINDOW = { from: '2026-07-08', to: '2026-08-31' } as const;

/** What to generate. Counts default to the "a few thousand" persons. */
export interface RegistryOptions {
  seed: number | string;
  /** The registry's as-of instant (ISO with offset); contribution history is the 24 months up to its month. */
  asOf: string;
  /** Number of employers (default 200). */
  employers?: number;
  /** Number of insured persons (default 3000). */
  persons?: number;
  /** Months of contribution history up to and including the as-of month (default 24). */
  months?: number;
}

/** One generated person as the claims generator sees them: the registry record and where they work now. */
export interface Placement {
  person: InsuredPerson;
  employerId: string;
  origin: Origin;
}

/** The registry as Kafka events for the three `registry.*` topics, plus the placements behind them. */
export interface SyntheticRegistry {
  asOf: string;
  employers: EmployerUpsertedV1[];
  insuredPersons: InsuredPersonUpsertedV1[];
  contributions: ContributionRecordedV1[];
  people: Placement[];
}

/** The demo's employer id for index `i`: `E-7` and 9 digits, so demo data is easy to tell apart. */
export const demoEmployerId = (i: number): string => `E-7${String(i + 1).padStart(9, '0')}`;
/** The demo's insured-person id for index `i`: `IP-7` and 9 digits. */
export const demoInsuredPersonId = (i: number): string => `IP-7${String(i + 1).padStart(9, '0')}`;

const NAME_A = ['Maju', 'Sinar', 'Cahaya', 'Harmoni', 'Gemilang', 'Setia', 'Bintang', 'Permata', 'Teguh', 'Mutiara'];
const NAME_B = ['Jaya', 'Timur', 'Utara', 'Selatan', 'Baru', 'Emas', 'Murni', 'Indah', 'Perdana', 'Sentosa'];
const INDUSTRY = [
  'Logistik',
  'Pembinaan',
  'Perkilangan',
  'Elektronik',
  'Perladangan',
  'Makanan',
  'Tekstil',
  'Automotif',
  'Runcit',
  'Kejuruteraan',
  'Keselamatan',
  'Perkhidmatan Pembersihan',
];
const STATUS: readonly (readonly [EmployerStatus, number])[] = [
  ['active', 90],
  ['dormant', 5],
  ['closed', 3],
  ['struck-off', 2],
];

/** Generates `count` employers as `registry.employers` events. Business names are invented; not personal data. */
export function generateEmployers(seed: number | string, count: number, asOf: string): EmployerUpsertedV1[] {
  const asOfDate = mytDate(Date.parse(asOf));
  return Array.from({ length: count }, (_, i) => {
    const rng = createRandom(seed).fork(`employer:${i}`);
    const year = rng.int(1985, Number(asOfDate.slice(0, 4)) - 2);
    const employer: Employer = {
      employerId: demoEmployerId(i),
      name: `${rng.pick(NAME_A)} ${rng.pick(NAME_B)} ${rng.pick(INDUSTRY)} Sdn. Bhd.`,
      registrationNumber: `${year}01${String(900_000 + i).padStart(6, '0')}`,
      status: rng.weighted(STATUS),
      registeredAt: addDays(`${year}-01-01`, rng.int(0, 364)),
      updatedAt: asOf,
    };
    return { schemaVersion: 1, eventId: rng.uuid(), occurredAt: asOf, employer };
  });
}

/** The LINDUNG 24 Jam history: covered from 1 Jun 2026 (or registration); some locals opt out, a few come back. */
function coverHistory(rng: Random, local: boolean, registeredOn: string, asOf: string): NonEmploymentCoverChange[] {
  const start = registeredOn > NEI_START ? registeredOn : NEI_START;
  const history: NonEmploymentCoverChange[] = [
    { status: 'covered', effectiveFrom: start, recordedAt: mytIso(mytMillis(start)) },
  ];
  if (!local || start > OPT_OUT_WINDOW.from || !rng.chance(0.12)) return history;
  const optOutOn = addDays(OPT_OUT_WINDOW.from, rng.int(0, 54));
  const optOutAt = mytMillis(optOutOn, rng.int(9, 17), rng.int(0, 59));
  if (optOutAt > Date.parse(asOf)) return history;
  const optOutFrom = `${shiftMonth(optOutOn.slice(0, 7), 1)}-01`;
  history.push({ status: 'opted-out', effectiveFrom: optOutFrom, recordedAt: mytIso(optOutAt) });
  if (!rng.chance(0.25)) return history;
  const backOn = addDays('2026-09-15', rng.int(0, 60));
  const backAt = mytMillis(backOn, rng.int(9, 17), rng.int(0, 59));
  if (backAt > Date.parse(asOf)) return history;
  history.push({
    status: 'covered',
    effectiveFrom: `${shiftMonth(backOn.slice(0, 7), 1)}-01`,
    recordedAt: mytIso(backAt),
  });
  return history;
}

/** Whether the cover history says covered for some day of `month` (the month's NEI contribution is then due). */
export function coveredInMonth(history: readonly NonEmploymentCoverChange[], month: string): boolean {
  if (`${month}-01` < NEI_START.slice(0, 7) + '-01') return false;
  const end = lastDayOf(month);
  const first = `${month}-01`;
  let statusAtStart: string | undefined;
  for (const change of history) {
    if (change.effectiveFrom <= first) statusAtStart = change.status;
    else if (change.effectiveFrom <= end && change.status === 'covered') return true;
  }
  return statusAtStart === 'covered';
}

const LOCAL_ORIGINS: readonly (readonly [Origin, number])[] = [
  ['malay', 62],
  ['chinese', 25],
  ['indian', 9],
];
const FOREIGN_ORIGINS: readonly (readonly [Origin, number])[] = [
  ['ID', 35],
  ['NP', 25],
  ['BD', 20],
  ['MM', 10],
  ['IN', 5],
  ['PH', 5],
];

/** Internal: one person plus what their contribution history needs. */
interface PersonDraft extends Placement {
  baseWageSen: number;
  previousEmployerId?: string;
  switchMonth?: string;
}

function draftPerson(
  seed: number | string,
  i: number,
  asOf: string,
  employerIds: readonly string[],
  weights: readonly number[]
): PersonDraft {
  const rng = createRandom(seed).fork(`person:${i}`);
  const asOfDate = mytDate(Date.parse(asOf));
  const foreign = rng.chance(0.2);
  const origin = rng.weighted(foreign ? FOREIGN_ORIGINS : LOCAL_ORIGINS);
  const gender: Gender = rng.chance(foreign ? 0.8 : 0.55) ? 'male' : 'female';
  const age = foreign
    ? rng.int(20, 45)
    : rng.weighted([
        [rng.int(18, 24), 15],
        [rng.int(25, 49), 60],
        [rng.int(50, 59), 17],
        [rng.int(60, 66), 8],
      ]);
  const dateOfBirth = addDays(asOfDate, -(age * 365 + Math.floor(age / 4) + rng.int(1, 360)));
  const lateStarter = !foreign && rng.chance(0.03) && age >= 56;
  let registeredOn: string;
  if (rng.chance(0.06)) {
    registeredOn = addDays(asOfDate, -rng.int(10, 240)); // a new hire: a short contribution history (case C)
  } else if (foreign) {
    registeredOn = addDays(asOfDate, -rng.int(300, 12 * 365));
  } else {
    const startAge = lateStarter ? 55 : rng.int(18, 26);
    registeredOn = addDays(dateOfBirth, startAge * 365 + rng.int(0, 700));
  }
  if (registeredOn > asOfDate) registeredOn = addDays(asOfDate, -rng.int(10, 120));
  if (registeredOn < '1992-01-01') registeredOn = addDays('1992-01-01', rng.int(0, 3000));
  const ageAtRegistration = yearsBetween(dateOfBirth, registeredOn);
  const secondCategory = yearsBetween(dateOfBirth, asOfDate) >= 60 || ageAtRegistration >= 55;
  const history = coverHistory(rng, !foreign, registeredOn, asOf);
  const employerId = rng.weighted(employerIds.map((id, k) => [id, weights[k] ?? 1] as const));
  const switched = rng.chance(0.1);
  const person: InsuredPerson = {
    insuredPersonId: demoInsuredPersonId(i),
    registeredOn,
    category: secondCategory ? 'second' : 'first',
    workerType: foreign ? 'foreign' : 'local',
    nonEmploymentCover: { current: history[history.length - 1]?.status ?? 'covered', history },
    personal: syntheticPersonal(rng, { origin, gender, dateOfBirth, serial: i, withBankAccount: rng.chance(0.85) }),
    updatedAt: asOf,
  };
  return {
    person,
    employerId,
    origin,
    baseWageSen: sampleBaseWageSen(rng, foreign),
    ...(switched
      ? { previousEmployerId: rng.pick(employerIds), switchMonth: shiftMonth(asOfDate.slice(0, 7), -rng.int(2, 20)) }
      : {}),
  };
}

/** The person's contributions, oldest first: EI every month employed, NEI for the months LINDUNG 24 Jam covered. */
function contributionsOf(
  seed: number | string,
  i: number,
  draft: PersonDraft,
  asOf: string,
  months: number
): ContributionRecordedV1[] {
  const rng = createRandom(seed).fork(`contributions:${i}`);
  const asOfMs = Date.parse(asOf);
  const asOfMonth = mytDate(asOfMs).slice(0, 7);
  const firstMonth = shiftMonth(asOfMonth, -(months - 1));
  const regMonth = draft.person.registeredOn.slice(0, 7);
  const gappy = rng.chance(0.15);
  const events: ContributionRecordedV1[] = [];
  for (let k = 0; k < months; k++) {
    const month = shiftMonth(firstMonth, k);
    if (month < regMonth || (gappy && rng.chance(0.1))) continue;
    const employerId =
      draft.switchMonth !== undefined && draft.previousEmployerId !== undefined && month < draft.switchMonth
        ? draft.previousEmployerId
        : draft.employerId;
    const wage = monthlyWageSen(rng, draft.baseWageSen, Math.floor(k / 12));
    const paidMs = mytMillis(`${shiftMonth(month, 1)}-${String(rng.int(5, 15)).padStart(2, '0')}`, rng.int(9, 16));
    const paid = paidMs <= asOfMs && !rng.chance(0.02);
    const recordedMs = paid ? paidMs : Math.min(asOfMs, mytMillis(lastDayOf(month), 23));
    const base = (scheme: ContributionRecord['scheme'], contributionSen: number): ContributionRecordedV1 => ({
      schemaVersion: 1,
      eventId: rng.uuid(),
      occurredAt: mytIso(recordedMs),
      contribution: {
        insuredPersonId: draft.person.insuredPersonId,
        employerId,
        month,
        scheme,
        actualWageSen: sen(wage),
        contributionSen: sen(contributionSen),
        payment: paid ? { status: 'paid', paidAt: mytIso(paidMs) } : { status: 'payable' },
      },
    });
    events.push(base('EI', eiContributionSen(wage, draft.person.category)));
    if (coveredInMonth(draft.person.nonEmploymentCover.history, month)) {
      events.push(base('NEI', neiContributionSen(wage)));
    }
  }
  return events;
}

/**
 * Generates the whole synthetic registry: employers, insured persons (about 20 % foreign workers; first and second
 * category; LINDUNG 24 Jam history with opt-outs for locals only) and their contribution histories (wages across
 * the bands, some above the ceiling, a few missing months, some payable rather than paid). Pure and deterministic:
 * the same seed and as-of instant give the same events, event ids included.
 */
export function generateRegistry(options: RegistryOptions): SyntheticRegistry {
  const { seed, asOf } = options;
  const months = options.months ?? 24;
  const employers = generateEmployers(seed, options.employers ?? 200, asOf);
  const employerIds = employers.map((e) => e.employer.employerId);
  // A few large employers and many small ones; closed and struck-off employers keep only a handful of workers.
  const weights = employers.map((e, k) => {
    const size = createRandom(seed).fork(`employer-size:${k}`).pick([1, 1, 1, 2, 2, 3, 5, 8, 15, 30]);
    return e.employer.status === 'active' || e.employer.status === 'dormant' ? size : 0.3;
  });
  const drafts = Array.from({ length: options.persons ?? 3000 }, (_, i) =>
    draftPerson(seed, i, asOf, employerIds, weights)
  );
  const insuredPersons = drafts.map((d, i): InsuredPersonUpsertedV1 => ({
    schemaVersion: 1,
    eventId: createRandom(seed).fork(`person-event:${i}`).uuid(),
    occurredAt: asOf,
    insuredPerson: d.person,
  }));
  const contributions = drafts.flatMap((d, i) => contributionsOf(seed, i, d, asOf, months));
  const people = drafts.map(({ person, employerId, origin }) => ({ person, employerId, origin }));
  return { asOf, employers, insuredPersons, contributions, people };
}
