import type {
  Attachment,
  AttachmentKind,
  ClaimSource,
  EmployerNotification,
  IncidentPlace,
  MedicalCertificatePeriod,
} from '../../schemas';
import { addDays, DAY_MS, mytDate, mytIso, mytMillis } from './dates';
import { digits, TOWNS } from './people';
import type { Random } from './random';

/** Building blocks shared by the synthetic claims: places, attachments, MCs, employer notice, source. */

const FILE_NAMES: Record<AttachmentKind, string> = {
  form34: 'borang34.pdf',
  mc: 'sijil-cuti-sakit.pdf',
  'police-report': 'laporan-polis.pdf',
  'sketch-map': 'pelan-lakar.pdf',
  'attendance-record': 'rekod-kehadiran.pdf',
  payslip: 'slip-gaji.pdf',
  'death-certificate': 'sijil-kematian.pdf',
  'ic-copy': 'salinan-ic.pdf',
  'bank-form-bka1': 'borang-bka1.pdf',
  'medical-report': 'laporan-perubatan.pdf',
  other: 'dokumen-sokongan.pdf',
};

/** Attachment metadata for each kind, uploaded shortly before submission; the hash is random (no real file). */
export function attachments(rng: Random, kinds: readonly AttachmentKind[], submittedMs: number): Attachment[] {
  return kinds.map((kind) => ({
    kind,
    fileName: FILE_NAMES[kind],
    sha256: rng.hex(64),
    sizeBytes: rng.int(40_000, 2_500_000),
    uploadedAt: mytIso(submittedMs - rng.int(1, 90) * 60_000),
  }));
}

const CLINICS = ['Klinik Mesra', 'Klinik Sejahtera', 'Klinik Bakti', 'Klinik Harapan', 'Poliklinik Kasih'];

/** One or two consecutive MC periods from `from`, 2 to 30 days in all, from a panel clinic or a hospital. */
export function medicalCertificates(rng: Random, from: string, city: string): MedicalCertificatePeriod[] {
  const total = rng.int(2, 30);
  const split = total >= 8 && rng.chance(0.3) ? rng.int(3, total - 3) : total;
  const issuer = rng.chance(0.7)
    ? { name: `${rng.pick(CLINICS)} ${city}`, facilityCode: `KP-${digits(rng, 4)}`, kind: 'panel-clinic' as const }
    : { name: `Hospital ${city}`, facilityCode: `HS-${digits(rng, 4)}`, kind: 'government' as const };
  const periods: MedicalCertificatePeriod[] = [];
  let start = from;
  for (const days of split === total ? [total] : [split, total - split]) {
    periods.push({
      certId: `MC-${start.slice(0, 4)}-${digits(rng, 6)}`,
      from: start,
      to: addDays(start, days - 1),
      issuer,
      daysWorkedForWages: 0,
    });
    start = addDays(start, days);
  }
  return periods;
}

/** A place in a Malaysian town (`description` says where exactly), and the town's name for MCs and reports. */
export function placeInMalaysia(rng: Random, description: string): { place: IncidentPlace; city: string } {
  const town = rng.pick(TOWNS);
  return { place: { countryCode: 'MY', inMalaysia: true, state: town.state, description }, city: town.city };
}

const ABROAD = [
  { countryCode: 'TH', description: 'Hat Yai, Thailand, on a family holiday' },
  { countryCode: 'SG', description: 'Woodlands, Singapore, visiting relatives' },
  { countryCode: 'ID', description: 'Batam, Indonesia, on a weekend trip' },
];

/** A place outside Malaysia (LINDUNG 24 Jam does not pay, NEI-EXC-001). */
export function placeAbroad(rng: Random): IncidentPlace {
  const p = rng.pick(ABROAD);
  return { countryCode: p.countryCode, inMalaysia: false, description: p.description };
}

/**
 * Whether and when the employer was told: mostly within 48 hours, some late (`LATE_EMPLOYER_NOTICE`), never after
 * submission and never before the incident.
 */
export function employerNotice(
  rng: Random,
  fromMs: number,
  submittedMs: number,
  pNotified = 0.9
): EmployerNotification {
  if (!rng.chance(pNotified)) return { notified: false };
  const delayMs = rng.chance(0.85) ? rng.int(1, 47) * 3_600_000 : rng.int(49, 120) * 3_600_000;
  return { notified: true, reportedAt: mytIso(Math.min(fromMs + delayMs, submittedMs - 60_000)) };
}

/** An instant `minDays`..`maxDays` before `beforeMs`, at a local hour in [fromHour, toHour). */
export function instantBefore(
  rng: Random,
  beforeMs: number,
  minDays: number,
  maxDays: number,
  hours: [number, number]
): number {
  const day = mytDate(beforeMs - rng.int(minDays, maxDays) * DAY_MS);
  return Math.min(mytMillis(day, rng.int(hours[0], hours[1] - 1), rng.int(0, 11) * 5), beforeMs - 3_600_000);
}

/** A police report reference such as `IPD SHAH ALAM/012345/26`. */
export function policeReportRef(rng: Random, city: string, year: string): string {
  return `IPD ${city.toUpperCase()}/${digits(rng, 6)}/${year.slice(2)}`;
}

/** Who filed an own-injury claim: mostly the employer through ASSIST, otherwise the insured person. */
export function injurySource(rng: Random): ClaimSource {
  return rng.weighted<ClaimSource>([
    [{ channel: 'assist-portal', filedBy: 'employer' }, 70],
    [{ channel: 'faedah-portal', filedBy: 'insured-person' }, 20],
    [{ channel: 'branch-counter', filedBy: 'insured-person' }, 10],
  ]);
}
