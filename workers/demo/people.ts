import type { BankAccount, Contact, Gender, MalaysianState, PersonalDetails } from '../../schemas';
import type { Random } from './random';

/*
 * Synthetic personal data (same scheme as test/support/builders.ts): MyKad numbers use the place-of-birth code `00`,
 * which the National Registration Department never issues, so no generated IC can belong to a real person. Phone
 * numbers use the unassigned `+6000` prefix, bank accounts start with `000`, e-mail goes to the reserved
 * example.com domain, passport numbers start with `X0`, and names are invented from short lists.
 */

/** A person's background, which decides the name pattern and the identity document. */
export type Origin = 'malay' | 'chinese' | 'indian' | 'ID' | 'NP' | 'BD' | 'MM' | 'IN' | 'PH';

const MALAY_M = [
  'Ahmad',
  'Muhammad',
  'Mohd Faizal',
  'Hafiz',
  'Amirul',
  'Zulkifli',
  'Azman',
  'Rizal',
  'Syafiq',
  'Iskandar',
];
const MALAY_F = ['Nurul Ain', 'Siti Aishah', 'Aminah', 'Farah', 'Nor Hidayah', 'Zarina', 'Aisyah', 'Liyana', 'Salmah'];
const CHINESE_SURNAMES = ['Tan', 'Lim', 'Lee', 'Wong', 'Ng', 'Chong', 'Ong', 'Teh', 'Goh', 'Chan', 'Yap', 'Lau'];
const CHINESE_GIVEN = ['Wei', 'Ming', 'Hui', 'Jia', 'Kai', 'Xin', 'Yong', 'Mei', 'Li', 'Chen', 'Hao', 'Ying', 'Siew'];
const INDIAN_M = ['Ravi', 'Suresh', 'Kumar', 'Ganesh', 'Rajesh', 'Arun', 'Vijay', 'Prakash', 'Kannan', 'Muthu'];
const INDIAN_F = ['Priya', 'Kavitha', 'Lakshmi', 'Devi', 'Meena', 'Shanti', 'Anitha', 'Revathi', 'Malar'];
const FOREIGN: Record<Exclude<Origin, 'malay' | 'chinese' | 'indian'>, { m: string[]; f: string[]; last: string[] }> = {
  ID: {
    m: ['Budi', 'Agus', 'Joko', 'Dedi', 'Eko'],
    f: ['Sri', 'Dewi', 'Wati', 'Ratna'],
    last: ['Santoso', 'Wijaya', 'Saputra', 'Hidayat'],
  },
  NP: {
    m: ['Ram', 'Bishnu', 'Hari', 'Krishna'],
    f: ['Sita', 'Gita', 'Maya'],
    last: ['Gurung', 'Thapa', 'Rai', 'Tamang', 'Magar'],
  },
  BD: {
    m: ['Rahim', 'Karim', 'Jamal', 'Hasan'],
    f: ['Fatema', 'Nasrin', 'Rupa'],
    last: ['Hossain', 'Rahman', 'Islam', 'Uddin'],
  },
  MM: { m: ['Aung', 'Kyaw', 'Zaw', 'Min'], f: ['Thida', 'Hnin', 'Su'], last: ['Win', 'Oo', 'Naing', 'Htun', 'Lwin'] },
  IN: { m: ['Anil', 'Sunil', 'Manoj'], f: ['Pooja', 'Rekha'], last: ['Sharma', 'Singh', 'Nair', 'Reddy'] },
  PH: { m: ['Jose', 'Mark', 'Carlo'], f: ['Maria', 'Joy', 'Grace'], last: ['Santos', 'Reyes', 'Cruz', 'Bautista'] },
};

/** Malaysian towns with a plausible postcode and their state, for addresses and accident places. */
export const TOWNS: readonly { city: string; postcode: string; state: MalaysianState }[] = [
  { city: 'Shah Alam', postcode: '40000', state: 'selangor' },
  { city: 'Petaling Jaya', postcode: '46000', state: 'selangor' },
  { city: 'Klang', postcode: '41000', state: 'selangor' },
  { city: 'Kuala Lumpur', postcode: '50450', state: 'wp-kuala-lumpur' },
  { city: 'Johor Bahru', postcode: '80000', state: 'johor' },
  { city: 'Pasir Gudang', postcode: '81700', state: 'johor' },
  { city: 'George Town', postcode: '10200', state: 'pulau-pinang' },
  { city: 'Bayan Lepas', postcode: '11900', state: 'pulau-pinang' },
  { city: 'Ipoh', postcode: '30000', state: 'perak' },
  { city: 'Seremban', postcode: '70000', state: 'negeri-sembilan' },
  { city: 'Melaka', postcode: '75000', state: 'melaka' },
  { city: 'Kuantan', postcode: '25000', state: 'pahang' },
  { city: 'Alor Setar', postcode: '05000', state: 'kedah' },
  { city: 'Kota Bharu', postcode: '15000', state: 'kelantan' },
  { city: 'Kuala Terengganu', postcode: '20000', state: 'terengganu' },
  { city: 'Kangar', postcode: '01000', state: 'perlis' },
  { city: 'Kuching', postcode: '93000', state: 'sarawak' },
  { city: 'Kota Kinabalu', postcode: '88000', state: 'sabah' },
  { city: 'Putrajaya', postcode: '62000', state: 'wp-putrajaya' },
  { city: 'Labuan', postcode: '87000', state: 'wp-labuan' },
];

/** SWIFT BICs of Malaysian banks (public bank codes, not personal data). */
const BANKS = ['MBBEMYKL', 'CIBBMYKL', 'PBBEMYKL', 'RHBBMYKL', 'HLBBMYKL', 'BIMBMYKL', 'BKRMMYKL', 'AMBBMYKL'];

/** Digits `n` long from the stream. */
export function digits(rng: Random, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(rng.int(0, 9));
  return out;
}

/**
 * A synthetic MyKad number: `YYMMDD` of the birth date, code `00` (never issued), a 3-digit serial and the gender
 * digit (odd male, even female). Serial and gender digit together come from `serial`, so serials below 5,000 give
 * distinct numbers whatever the birth dates.
 */
export function syntheticIcNumber(dateOfBirth: string, gender: Gender, serial: number): string {
  const yymmdd = dateOfBirth.slice(2, 4) + dateOfBirth.slice(5, 7) + dateOfBirth.slice(8, 10);
  const genderDigit = 2 * (Math.floor(serial / 1000) % 5) + (gender === 'male' ? 1 : 0);
  return `${yymmdd}00${String(serial % 1000).padStart(3, '0')}${genderDigit}`;
}

/** An invented name for the origin and gender; `fatherName` (see {@link patronymOf}) ties a child to a parent. */
export function inventName(rng: Random, origin: Origin, gender: Gender, fatherName?: string): string {
  const male = gender === 'male';
  switch (origin) {
    case 'malay': {
      const father = fatherName ?? rng.pick(MALAY_M);
      return `${rng.pick(male ? MALAY_M : MALAY_F)} ${male ? 'bin' : 'binti'} ${father}`;
    }
    case 'chinese':
      return `${fatherName ?? rng.pick(CHINESE_SURNAMES)} ${rng.pick(CHINESE_GIVEN)} ${rng.pick(CHINESE_GIVEN)}`;
    case 'indian': {
      const father = fatherName ?? rng.pick(INDIAN_M);
      return `${rng.pick(male ? INDIAN_M : INDIAN_F)} ${male ? 'a/l' : 'a/p'} ${father}`;
    }
    default: {
      const lists = FOREIGN[origin];
      return `${rng.pick(male ? lists.m : lists.f)} ${fatherName ?? rng.pick(lists.last)}`;
    }
  }
}

/** The part of a parent's name a child's name carries: the given name (Malay, Indian) or the family name. */
export function patronymOf(origin: Origin, name: string): string {
  if (origin === 'malay' || origin === 'indian') {
    const cut = name.search(/ (bin|binti|a\/l|a\/p) /);
    return cut > 0 ? name.slice(0, cut) : name;
  }
  const parts = name.split(' ');
  return (origin === 'chinese' ? parts[0] : parts[parts.length - 1]) ?? name;
}

/** A synthetic contact: a `+6000` phone number and an invented street in a real town. */
export function syntheticContact(rng: Random, withEmail: boolean, emailLocal: string): Contact {
  const town = rng.pick(TOWNS);
  return {
    phone: `+6000${digits(rng, 7)}`,
    ...(withEmail ? { email: `${emailLocal}@example.com` } : {}),
    address: {
      lines: [`No. ${rng.int(1, 200)}, Jalan Contoh ${rng.int(1, 30)}/${rng.int(1, 12)}`],
      postcode: town.postcode,
      city: town.city,
      state: town.state,
      countryCode: 'MY',
    },
  };
}

/** A synthetic bank account: a real bank's BIC, an account number starting `000`. */
export function syntheticBankAccount(rng: Random, holder: string): BankAccount {
  return { bankCode: rng.pick(BANKS), accountNumber: `000${digits(rng, 9)}`, accountHolderName: holder };
}

/** Everything needed to invent one person's {@link PersonalDetails}. */
export interface PersonSpec {
  origin: Origin;
  gender: Gender;
  dateOfBirth: string;
  /** Unique per generated person; becomes the IC or passport serial. */
  serial: number;
  name?: string;
  withBankAccount: boolean;
}

/** Synthetic personal details: a MyKad (code `00`) for Malaysians, an `X0…` passport for foreign nationals. */
export function syntheticPersonal(rng: Random, spec: PersonSpec): PersonalDetails {
  const name = spec.name ?? inventName(rng, spec.origin, spec.gender);
  const local = spec.origin === 'malay' || spec.origin === 'chinese' || spec.origin === 'indian';
  const nationality = local ? 'MY' : spec.origin;
  const emailLocal = `${
    name
      .split(' ')[0]
      ?.toLowerCase()
      .replace(/[^a-z]/g, '') ?? 'user'
  }.${spec.serial}`;
  return {
    name,
    identity: local
      ? { type: 'mykad', icNumber: syntheticIcNumber(spec.dateOfBirth, spec.gender, spec.serial) }
      : { type: 'passport', passportNumber: `X0${String(spec.serial).padStart(7, '0')}`, issuingCountry: nationality },
    nationality,
    dateOfBirth: spec.dateOfBirth,
    gender: spec.gender,
    contact: syntheticContact(rng, rng.chance(0.4), emailLocal),
    ...(spec.withBankAccount ? { bankAccount: syntheticBankAccount(rng, name) } : {}),
  };
}

/** True for Malaysian origins (MyKad holders, may opt out of LINDUNG 24 Jam). */
export const isLocalOrigin = (origin: Origin): boolean =>
  origin === 'malay' || origin === 'chinese' || origin === 'indian';
