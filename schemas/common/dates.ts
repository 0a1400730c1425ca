import { z } from 'zod';

/** A calendar date as ISO text, `YYYY-MM-DD`. Dates cross Temporal and Kafka as strings (STYLE H10). */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** An instant as ISO text with offset, e.g. `2026-06-01T08:30:00+08:00`. */
export const IsoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof IsoDateTime>;

/** A calendar month as `YYYY-MM`, the unit of contributions and periodic payments. */
export const YearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
export type YearMonth = z.infer<typeof YearMonth>;
