import { loadPaymentCalendar, paymentDateFor } from '../../../activities/periodic/calendar';

describe('PAY-CAL-001: payment dates', () => {
  const calendar = loadPaymentCalendar();

  it.each([
    ['2026-04', '2026-04-24'], // the 25th is a Saturday
    ['2026-10', '2026-10-23'], // the 25th is a Sunday
    ['2026-03', '2026-03-25'], // a Wednesday
    ['2027-12', '2027-12-24'], // Saturday → Friday
  ])('when no calendar and month %s, then %s', (month, date) => {
    expect(paymentDateFor(month)).toBe(date);
  });

  it('when the 2025 dated calendar lists the month, then its date (22 Jan, 28 Feb, 24 Mar, 30 Apr)', () => {
    expect(['2025-01', '2025-02', '2025-03', '2025-04'].map((m) => paymentDateFor(m, calendar))).toEqual([
      '2025-01-22',
      '2025-02-28',
      '2025-03-24',
      '2025-04-30',
    ]);
    expect(paymentDateFor('2025-05', calendar)).toBe('2025-05-23'); // 25 May 2025 is a Sunday
  });

  it('when the 25th is Christmas or a dated holiday, then the working day before', () => {
    expect(paymentDateFor('2026-12')).toBe('2026-12-25');
    expect(paymentDateFor('2026-12', calendar)).toBe('2026-12-24');
    const withHoliday = loadPaymentCalendar({ ...calendar, holidays: ['2027-09-24'] });
    expect(paymentDateFor('2027-09', withHoliday)).toBe('2027-09-23'); // Sat 25 → Fri 24 (holiday) → Thu 23
  });

  it('when a calendar date lies outside its month, then the calendar is refused', () => {
    expect(() => loadPaymentCalendar({ ...calendar, dates: { '2025-06': '2025-07-01' } })).toThrow();
  });
});
