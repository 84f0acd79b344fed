/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`), the unit the law counts in.
 * No time zone, no clock: every date comes from an event or a command.
 */
export type CalendarDate = string & { readonly __calendarDate?: never };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function parseCalendarDate(value: string): CalendarDate {
  if (!isCalendarDate(value)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${value}`);
  return value;
}

/** The calendar date of an ISO timestamp, in UTC (`2024-03-10T09:00:00Z` → `2024-03-10`). */
export function dateOf(timestamp: string): CalendarDate {
  return parseCalendarDate(timestamp.slice(0, 10));
}

function parts(date: CalendarDate): [number, number, number] {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    // YYYY-MM-DD, the only shape a CalendarDate has: the same numbers as the split below, without
    // its two arrays (this runs several times per event in a case's fold).
    return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  }
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

function format(y: number, m: number, d: number): CalendarDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (Number.isInteger(year) && Number.isInteger(month) && month >= 1 && month <= 12 && year >= 100) {
    // The common case without allocating a Date (fold hot path); same answer as Date.UTC below.
    if (month !== 2) return DAYS_IN_MONTH[month - 1];
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  }
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toDayNumber(date: CalendarDate): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

function fromDayNumber(day: number): CalendarDate {
  const at = new Date(day * 86_400_000);
  return format(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Same day-of-month `months` later, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/**
 * DUR-01: the last day of a time limit of `months` months that starts on `start` (day d): the eve of
 * day d `months` months later, or, where that month has no day d, its last day. This follows how French
 * law counts time limits in months (CPC art. 641: the limit ends on the day of the same number, or on
 * the last day of the month when that number does not exist), with the first day counted as a day of
 * rights, hence the eve. Always computed from `start` itself, never step by step, so
 * a short month never carries into later months (31 Aug + 24 months ends on 30 Aug, not 27 Aug).
 */
export function lastDayOfMonthsFrom(start: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = parts(start);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = daysInMonth(year, month);
  return d > last ? format(year, month, last) : addDays(format(year, month, d), -1);
}

/**
 * DUR-02: the span `[start, end]` (both days included) as whole months counted by
 * `lastDayOfMonthsFrom`, then leftover days: the largest `n` with `lastDayOfMonthsFrom(start, n) <= end`
 * and the days after that n-th month's last day up to `end`. `{0, 0}` when `end` is before `start`.
 */
export function monthsAndDaysWithin(
  start: CalendarDate,
  end: CalendarDate,
): { readonly months: number; readonly days: number } {
  if (end < start) return { months: 0, days: 0 };
  const [sy, sm] = parts(start);
  const [ey, em] = parts(end);
  // The n-th month's last day falls in month start+n, or start+n−1 when d = 1: start one above.
  let months = Math.max(0, ey * 12 + em - (sy * 12 + sm) + 1);
  while (months > 0 && lastDayOfMonthsFrom(start, months) > end) months -= 1;
  // lastDayOfMonthsFrom(start, 0) is the eve of `start`: the days then count from `start` itself.
  return { months, days: daysBetween(lastDayOfMonthsFrom(start, months), end) };
}

/**
 * Whole calendar months from `from` that fit up to `to`: the largest `n` with
 * `addMonths(from, n) <= to` (0 when `to` is before `from`'s first month step).
 */
export function wholeMonthsUntil(from: CalendarDate, to: CalendarDate): number {
  if (to <= from) return 0;
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  const estimate = ty * 12 + tm - (fy * 12 + fm);
  return addMonths(from, estimate) <= to ? estimate : estimate - 1;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a < b;
}

export function isOnOrBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a <= b;
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a > b ? a : b;
}

export function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b;
}

/** First day of the month after `date` (AFIS ends "from the following month", R.121-12-13-2). */
export function firstDayOfNextMonth(date: CalendarDate): CalendarDate {
  const [y, m] = parts(date);
  return addMonths(format(y, m, 1), 1);
}

/** Age in whole years on `on` for someone born on `birthDate`. */
export function ageOn(birthDate: CalendarDate, on: CalendarDate): number {
  const [by, bm, bd] = parts(birthDate);
  const [y, m, d] = parts(on);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
