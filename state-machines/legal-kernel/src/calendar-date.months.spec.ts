import fc from 'fast-check';
import {
  addDays,
  daysBetween,
  daysInMonth,
  isCalendarDate,
  lastDayOfMonthsFrom,
  monthsAndDaysWithin,
} from './calendar-date';

const ymd = (date: string) => date.split('-').map(Number) as [number, number, number];

/** Any calendar date of 2000–2040, with the 28th–31st of every month drawn often. */
const dateArb = fc.oneof(
  fc.integer({ min: 0, max: 14_975 }).map((n) => addDays('2000-01-01', n)),
  fc
    .record({
      year: fc.integer({ min: 2000, max: 2040 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 28, max: 31 }),
    })
    .map(
      ({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    )
    .filter(isCalendarDate),
);

describe('Months counted the French way (DUR-01)', () => {
  it('DUR-01 a limit of n months from day d ends on the eve of day d n months later, or on the last day of a month without day d', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 30 }), (start, n) => {
        const [y, m, d] = ymd(start);
        const last = lastDayOfMonthsFrom(start, n);
        const targetIndex = y * 12 + (m - 1) + n;
        const [ly, lm, ld] = ymd(last);
        const dayAfter = ymd(addDays(last, 1));
        if (d <= daysInMonth(Math.floor(targetIndex / 12), (targetIndex % 12) + 1)) {
          // the day after the limit is day d of the n-th month after
          expect(dayAfter[0] * 12 + dayAfter[1] - 1).toBe(targetIndex);
          expect(dayAfter[2]).toBe(d);
        } else {
          // that month has no day d: the limit ends on its last day
          expect(ly * 12 + lm - 1).toBe(targetIndex);
          expect(ld).toBe(daysInMonth(ly, lm));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('DUR-01 31 Aug 2024 plus 6, 12, 18 and 24 months: 28 Feb 2025, 30 Aug 2025, 28 Feb 2026, 30 Aug 2026', () => {
    expect([6, 12, 18, 24].map((n) => lastDayOfMonthsFrom('2024-08-31', n))).toEqual([
      '2025-02-28',
      '2025-08-30',
      '2026-02-28',
      '2026-08-30',
    ]);
    expect(lastDayOfMonthsFrom('2023-08-31', 6)).toBe('2024-02-29');
    expect(lastDayOfMonthsFrom('2024-03-01', 6)).toBe('2024-08-31');
    expect(lastDayOfMonthsFrom('2024-03-01', 0)).toBe('2024-02-29');
  });

  it('DUR-02 monthsAndDaysWithin is the largest n with lastDayOfMonthsFrom(start, n) <= end, then the days after', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -5, max: 900 }), (start, offset) => {
        const end = addDays(start, offset);
        const span = monthsAndDaysWithin(start, end);
        if (end < start) return expect(span).toEqual({ months: 0, days: 0 });
        let n = 0;
        while (lastDayOfMonthsFrom(start, n + 1) <= end) n += 1;
        expect(span).toEqual({ months: n, days: daysBetween(lastDayOfMonthsFrom(start, n), end) });
        // a whole number of months from `start` counts as exactly that many months
        expect(monthsAndDaysWithin(start, lastDayOfMonthsFrom(start, n))).toEqual({ months: n, days: 0 });
      }),
      { numRuns: 1000 },
    );
  });
});
