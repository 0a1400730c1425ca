import { z } from 'zod';
import { IsoDateTime, YearMonth } from '../common/dates';
import { Sen } from '../common/money';
import { EmployerId, InsuredPersonId } from './ids';

/**
 * The scheme a contribution is paid to: `EI` employment injury, `INV` invalidity, `EIS` employment insurance
 * (Act 800), `NEI` the LINDUNG 24 Jam employee contribution (NEI-CON-001), whose payment is the cover test.
 */
export const ContributionScheme = z.enum(['EI', 'INV', 'EIS', 'NEI']);
export type ContributionScheme = z.infer<typeof ContributionScheme>;

/**
 * Whether a month's contribution was paid, or is payable (due but unpaid). Both count for the wage base
 * (WB-AAMW-001: "paid or payable").
 */
export const ContributionPayment = z.discriminatedUnion('status', [
  z.object({ status: z.literal('paid'), paidAt: IsoDateTime }).strict(),
  z.object({ status: z.literal('payable') }).strict(),
]);
export type ContributionPayment = z.infer<typeof ContributionPayment>;

/**
 * One month's contribution for one insured person, employer and scheme: the actual wage and the contribution read
 * from the dated table (WB-CON-001). The wage base averages these months (WB-AAMW-001/002); two records for the same
 * person and month count once. Natural key: insuredPersonId + employerId + month + scheme.
 */
export const ContributionRecord = z
  .object({
    insuredPersonId: InsuredPersonId,
    employerId: EmployerId,
    month: YearMonth,
    scheme: ContributionScheme,
    actualWageSen: Sen,
    contributionSen: Sen,
    payment: ContributionPayment,
  })
  .strict();
export type ContributionRecord = z.infer<typeof ContributionRecord>;
