import { z } from 'zod';
import { IsoDate } from '../common/dates';

/** An ISO 3166-1 alpha-2 country code in capitals, e.g. `MY`, `ID`, `NP`. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code such as MY');
export type CountryCode = z.infer<typeof CountryCode>;

/** A Malaysian state or federal territory, for addresses and accident places (state-level reporting). */
export const MalaysianState = z.enum([
  'johor',
  'kedah',
  'kelantan',
  'melaka',
  'negeri-sembilan',
  'pahang',
  'perak',
  'perlis',
  'pulau-pinang',
  'sabah',
  'sarawak',
  'selangor',
  'terengganu',
  'wp-kuala-lumpur',
  'wp-labuan',
  'wp-putrajaya',
]);
export type MalaysianState = z.infer<typeof MalaysianState>;

// Plain arithmetic rather than Date: schemas run in the workflow sandbox and stay free of clock-like APIs.
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `yymmdd` is a calendar date in the 1900s or the 2000s (an IC carries a two-digit year). */
export function isPlausibleYymmdd(yymmdd: string): boolean {
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1) return false;
  return dd <= Math.max(daysInMonth(1900 + yy, mm), daysInMonth(2000 + yy, mm));
}

/**
 * A MyKad (Malaysian identity card) number as 12 digits without dashes: `YYMMDD` date of birth, `PB` place-of-birth
 * code, `###G` serial and gender digit (odd male, even female). Only the shape and the date are checked here; the
 * place-of-birth code is not, because test data uses the unissued code `00` so it can never be a real person's.
 */
export const MyKadNumber = z
  .string()
  .regex(/^\d{12}$/, { message: 'expected 12 digits (YYMMDDPB###G, no dashes)', abort: true })
  .refine((ic) => isPlausibleYymmdd(ic.slice(0, 6)), 'the first 6 digits are not a date (YYMMDD)');
export type MyKadNumber = z.infer<typeof MyKadNumber>;

/** How a person proves who they are: a MyKad for citizens and permanent residents, a passport otherwise. */
export const Identity = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mykad'), icNumber: MyKadNumber }).strict(),
  z
    .object({
      type: z.literal('passport'),
      passportNumber: z.string().regex(/^[A-Z0-9]{6,20}$/, 'expected 6 to 20 capital letters or digits'),
      issuingCountry: CountryCode,
    })
    .strict(),
]);
export type Identity = z.infer<typeof Identity>;

/** Sex as recorded on the identity document (drives the IC gender digit check and some dependant rules). */
export const Gender = z.enum(['male', 'female']);
export type Gender = z.infer<typeof Gender>;

/** A postal address. Malaysian addresses need a 5-digit postcode and a state. */
export const Address = z
  .object({
    lines: z.array(z.string().trim().min(1).max(100)).min(1).max(3),
    postcode: z.string().regex(/^[A-Za-z0-9 -]{3,10}$/, 'expected a postcode'),
    city: z.string().trim().min(1).max(100),
    state: MalaysianState.optional(),
    countryCode: CountryCode,
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.countryCode !== 'MY') return;
    if (!/^\d{5}$/.test(a.postcode)) {
      ctx.addIssue({ code: 'custom', path: ['postcode'], message: 'a Malaysian postcode has 5 digits' });
    }
    if (a.state === undefined) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: 'required for a Malaysian address' });
    }
  });
export type Address = z.infer<typeof Address>;

/** How PERKESO reaches a person: a phone number in E.164 form (`+60123456789`), optional e-mail, postal address. */
export const Contact = z
  .object({
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'expected E.164, e.g. +60123456789'),
    email: z.email().optional(),
    address: Address,
  })
  .strict();
export type Contact = z.infer<typeof Contact>;

/**
 * The bank account benefits are paid into (form BKA-1, PAY-BANK-001): the bank's SWIFT BIC, the account number as
 * digits only, and the holder's name as the bank knows it (a mismatch makes the payment bounce).
 */
export const BankAccount = z
  .object({
    bankCode: z.string().regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'expected a SWIFT BIC such as MBBEMYKL'),
    accountNumber: z.string().regex(/^\d{5,20}$/, 'expected 5 to 20 digits'),
    accountHolderName: z.string().trim().min(1).max(150),
  })
  .strict();
export type BankAccount = z.infer<typeof BankAccount>;

/** A person's full name as on the identity document. */
export const PersonName = z.string().trim().min(1).max(150);
export type PersonName = z.infer<typeof PersonName>;

/**
 * The personal data of one person: everything that identifies or reaches them. It travels only as this
 * sub-object (`claimant`, `personal`, `payee`), so logs, search attributes and lifecycle events can leave it out.
 * A MyKad's first six digits must match the date of birth.
 */
export const PersonalDetails = z
  .object({
    name: PersonName,
    identity: Identity,
    nationality: CountryCode,
    dateOfBirth: IsoDate,
    gender: Gender,
    contact: Contact.optional(),
    bankAccount: BankAccount.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    // Compare only a well-formed IC: a malformed one is already reported by MyKadNumber.
    if (p.identity.type !== 'mykad' || !MyKadNumber.safeParse(p.identity.icNumber).success) return;
    const dob = p.dateOfBirth.slice(2, 4) + p.dateOfBirth.slice(5, 7) + p.dateOfBirth.slice(8, 10);
    if (p.identity.icNumber.slice(0, 6) !== dob) {
      ctx.addIssue({ code: 'custom', path: ['identity', 'icNumber'], message: 'does not match dateOfBirth (YYMMDD)' });
    }
    const genderDigit = Number(p.identity.icNumber.slice(11));
    if ((genderDigit % 2 === 1) !== (p.gender === 'male')) {
      ctx.addIssue({ code: 'custom', path: ['identity', 'icNumber'], message: 'last digit does not match gender' });
    }
  });
export type PersonalDetails = z.infer<typeof PersonalDetails>;
