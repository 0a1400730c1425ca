import { z } from 'zod';
import { IsoDate, YearMonth } from '../../schemas/common/dates';
import { BenefitRuleId } from '../../schemas/benefits/award';
import { addDays, dayNumber } from '../../schemas/common/calendar';
import shipped from './tables/payment-calendar.json';

/**
 * PAY-CAL-001 (`payment.calendar`): a dated payment calendar: the pay date of listed months (each payment covers its
 * own month), and the public holidays the default rule steps back over: `fixedHolidays` every year (`MM-DD`) and
 * dated `holidays` (moveable ones such as Hari Raya).
 */
export const PaymentCalendar = z
  .object({
    version: z.string().min(1),
    ruleIds: z.array(BenefitRuleId).min(1),
    source: z.string().min(1),
    dates: z.record(YearMonth, IsoDate),
    fixedHolidays: z.array(z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD')),
    holidays: z.array(IsoDate),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const [month, date] of Object.entries(c.dates))
      if (!date.startsWith(month))
        ctx.addIssue({ code: 'custom', path: ['dates', month], message: 'not in its month' });
  });
export type PaymentCalendar = z.infer<typeof PaymentCalendar>;

/** Loads the shipped payment calendar (tables/payment-calendar.json), or a replacement, validated. */
export function loadPaymentCalendar(override?: unknown): PaymentCalendar {
  return PaymentCalendar.parse(structuredClone(override ?? shipped));
}

/** The payment date's usual day of the month (PAY-CAL-001 default). */
export const DEFAULT_PAY_DAY = 25;

/** True on Saturdays, Sundays and the calendar's public holidays. */
export function isNonWorkingDay(date: string, calendar?: PaymentCalendar): boolean {
  const weekday = (((dayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
  if (weekday === 0 || weekday === 6) return true;
  if (!calendar) return false;
  return calendar.holidays.includes(date) || calendar.fixedHolidays.includes(date.slice(5));
}

/**
 * PAY-CAL-001: the date the instalment for `month` (YYYY-MM) is paid: the calendar's dated entry when it lists the
 * month; otherwise the 25th, or the last working day before it when the 25th is a Saturday, Sunday or (with a
 * calendar) a public holiday.
 */
export function paymentDateFor(month: string, calendar?: PaymentCalendar): string {
  const listed = calendar?.dates[month];
  if (listed) return listed;
  let date = `${month}-${String(DEFAULT_PAY_DAY).padStart(2, '0')}`;
  while (isNonWorkingDay(date, calendar)) date = addDays(date, -1);
  return date;
}
