import { addDays, addMonths, daysInMonth, wholeMonthsUntil } from './calendar-date';

/** The fast paths of the fold's date arithmetic give the answers of their plain definitions. */
describe('calendar-date fast paths', () => {
  it('daysInMonth equals the Date.UTC answer for every month of 1896–2104', () => {
    for (let year = 1896; year <= 2104; year++) {
      for (let month = 1; month <= 12; month++) {
        expect(daysInMonth(year, month)).toBe(new Date(Date.UTC(year, month, 0)).getUTCDate());
      }
    }
  });

  it('wholeMonthsUntil is the largest n with addMonths(from, n) <= to', () => {
    const starts = ['2024-01-31', '2024-02-29', '2023-08-31', '2024-03-01', '2025-12-15', '2024-01-01'];
    for (const from of starts) {
      for (let offset = -3; offset <= 800; offset += 7) {
        const to = addDays(from, offset);
        let expected = 0;
        while (to > from && addMonths(from, expected + 1) <= to) expected += 1;
        expect([from, to, wholeMonthsUntil(from, to)]).toEqual([from, to, expected]);
      }
    }
  });
});
