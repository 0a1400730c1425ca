import { z } from 'zod';
import { IsoDateTime } from '../common/dates';

/**
 * The kind of a supporting document, named after the PERKESO form or evidence it is: Form 34 (employer's accident
 * report), MCs, police report and sketch map (commuting, EI-COV-002), attendance record, payslips (wage base),
 * death certificate, IC copy, BKA-1 bank form (PAY-BANK-001), medical report.
 */
export const AttachmentKind = z.enum([
  'form34',
  'mc',
  'police-report',
  'sketch-map',
  'attendance-record',
  'payslip',
  'death-certificate',
  'ic-copy',
  'bank-form-bka1',
  'medical-report',
  'other',
]);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

/**
 * Metadata of an uploaded document. The file itself stays in the document store; the SHA-256 lets anyone check
 * they hold the same bytes and spots the same file sent twice (FRD signals).
 */
export const Attachment = z
  .object({
    kind: AttachmentKind,
    fileName: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^/\\]+$/, 'a file name, not a path'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits'),
    sizeBytes: z.number().int().positive(),
    uploadedAt: IsoDateTime,
  })
  .strict();
export type Attachment = z.infer<typeof Attachment>;
