import { z } from 'zod';
import { IsoDate } from '../common/dates';
import { ActorId, Reason } from '../claim/ids';
import { Payee } from '../payments/payment-parts';
import { PeriodicRateChange } from './start-input';

/*
 * Operator inputs of the periodic-award workflow's updates. Each carries who acted and why; the workflow writes them
 * to the audit collection (infra/mongo/audit-log.ts) before acting. The update validators parse with these.
 */
const who = { actorId: ActorId, reason: Reason };

/** Suspend payments (e.g. PAY-SUSP-001 investigation); months not paid while suspended are arrears on resume. */
export const SuspendAwardInput = z.object({ ...who }).strict();
export type SuspendAwardInput = z.infer<typeof SuspendAwardInput>;

/** Resume a suspended award; the months missed are paid as arrears in the next instruction. */
export const ResumeAwardInput = z.object({ ...who }).strict();
export type ResumeAwardInput = z.infer<typeof ResumeAwardInput>;

/** Stop the award for good, paying through `lastPaidDay` (default: the end of the last paid month). */
export const StopAwardInput = z.object({ ...who, lastPaidDay: IsoDate.optional() }).strict();
export type StopAwardInput = z.infer<typeof StopAwardInput>;

/** New bank details (BKA-1, PAY-BANK-001): a returned payment is re-sent to them and a suspension lifted. */
export const ChangeBankAccountInput = z.object({ ...who, payee: Payee }).strict();
export type ChangeBankAccountInput = z.infer<typeof ChangeBankAccountInput>;

/**
 * A declaration received: `life` is the Regulation 117 declaration (PAY-DECL-001); `study` (PAY-STUDY-001) keeps a
 * child over 21 paid until `validUntil`; `incapacity` keeps a child paid for life.
 */
export const RecordDeclarationInput = z
  .object({
    ...who,
    kind: z.enum(['life', 'study', 'incapacity']).default('life'),
    receivedOn: IsoDate,
    validUntil: IsoDate.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.kind === 'study' && d.validUntil === undefined)
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'a study declaration states its end date' });
  });
export type RecordDeclarationInput = z.infer<typeof RecordDeclarationInput>;

/** The recipient died: stop at the date of death, recover anything paid after it (PAY-STOP-001, PAY-OVP-001). */
export const RecordDeathInput = z
  .object({
    ...who,
    dateOfDeath: IsoDate,
    /**
     * Who receives, for the estate, what was due up to the date of death and not yet paid (PAY-STOP-001: paid through
     * the date of death): the administrator or next of kin. Without it, that amount is recorded as owed to the estate.
     */
    estatePayee: Payee.optional(),
  })
  .strict();
export type RecordDeathInput = z.infer<typeof RecordDeathInput>;

/** A child married (EI-DEP-005): the share stops the day before. */
export const RecordMarriageInput = z.object({ ...who, marriageDate: IsoDate }).strict();
export type RecordMarriageInput = z.infer<typeof RecordMarriageInput>;

/** A Medical Board review of a constant-attendance allowance (EI-CAA-003): continue, or stop from a date. */
export const RecordCaaReviewInput = z
  .object({ ...who, outcome: z.enum(['continue', 'stop']), effectiveDate: IsoDate, nextReviewDate: IsoDate.optional() })
  .strict();
export type RecordCaaReviewInput = z.infer<typeof RecordCaaReviewInput>;

/** A rate change from a date, e.g. the dependants' shares recomputed after a sibling's share stopped. */
export const ChangeRateInput = z
  .object({ ...who, change: PeriodicRateChange, stoppedBeneficiaryIds: z.array(z.string().min(1)).default([]) })
  .strict();
export type ChangeRateInput = z.input<typeof ChangeRateInput>;

/**
 * A sibling's share was stopped by an operator after `lastPaidDay` (EI-DEP-004): the award counts that member as
 * stopped when it later recomputes the group's shares, and never sends it a rate change.
 */
export const RecordSiblingStoppedInput = z
  .object({ ...who, beneficiaryId: z.string().min(1).max(100), lastPaidDay: IsoDate })
  .strict();
export type RecordSiblingStoppedInput = z.infer<typeof RecordSiblingStoppedInput>;
