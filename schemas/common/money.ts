import { z } from 'zod';

/**
 * An amount of money in integer sen (1/100 ringgit). Money is exact: never a floating-point ringgit value
 * (GEN-MNY-001). Negative amounts appear only as explicit adjustments (see {@link SignedSen}).
 */
export const Sen = z.number().int().nonnegative().brand<'Sen'>();
export type Sen = z.infer<typeof Sen>;

/** A signed amount in integer sen, for adjustments such as overpayment recovery (PAY-OVP-001). */
export const SignedSen = z.number().int().brand<'SignedSen'>();
export type SignedSen = z.infer<typeof SignedSen>;

/** Builds a {@link Sen} from an integer, throwing on fractions or negatives. */
export function sen(amount: number): Sen {
  return Sen.parse(amount);
}

/** Formats sen as `RM1,234.56` for readable explanations (never for arithmetic). */
export function formatRinggit(amount: number): string {
  const negative = amount < 0;
  const abs = Math.abs(amount);
  const ringgit = Math.trunc(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}RM${ringgit}.${cents}`;
}
