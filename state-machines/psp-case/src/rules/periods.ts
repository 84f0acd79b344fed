import {
  CalendarDate,
  RuleResult,
  addDays,
  addMonths,
  daysBetween,
  minDate,
  satisfied,
  valueOn,
  violation,
  wholeMonthsUntil,
} from '@psp/legal-kernel';
import { Period } from '../machine/context';
import { PspParameters } from '../parameters';

/** A length of rights counted in calendar months plus leftover days (DUR-02). */
export interface MonthsAndDays {
  readonly months: number;
  readonly days: number;
}

/** DUR-01: a period ends the day before the same day-of-month six months later (R.121-12-10). */
export function periodEnd(start: CalendarDate, params: PspParameters): CalendarDate {
  return addDays(addMonths(start, valueOn('periodMonths', params.periodMonths, start)), -1);
}

/** The span `[start, end]` (inclusive) as whole calendar months from `start`, then leftover days. */
export function spanInMonthsAndDays(start: CalendarDate, end: CalendarDate): MonthsAndDays {
  const key = `${start}/${end}`;
  const known = SPANS.get(key);
  if (known) return known;
  const after = addDays(end, 1);
  const span: MonthsAndDays =
    after <= start
      ? { months: 0, days: 0 }
      : (() => {
          const months = wholeMonthsUntil(start, after);
          return { months, days: daysBetween(addMonths(start, months), after) };
        })();
  if (SPANS.size >= 10_000) SPANS.clear();
  SPANS.set(key, Object.freeze(span));
  return span;
}

/**
 * Spans already computed: a pure function of two dates, asked for the same periods by every guard
 * and view of a case's fold (the cap checks add up every period at each event). Bounded.
 */
const SPANS = new Map<string, MonthsAndDays>();

/**
 * DUR-02 / PSP-07: rights used, adding every period (and the part of a period before an
 * interruption). A running period counts up to its planned end: its budget is committed.
 */
export function rightsUsed(periods: readonly Period[]): MonthsAndDays {
  return periods.reduce<MonthsAndDays>(
    (total, period) => {
      const span = spanInMonthsAndDays(period.start, period.end);
      return { months: total.months + span.months, days: total.days + span.days };
    },
    { months: 0, days: 0 },
  );
}

/** DUR-02: days with rights across all periods. */
export function daysWithRights(periods: readonly Period[]): number {
  return periods.reduce((sum, p) => sum + Math.max(0, daysBetween(p.start, p.end) + 1), 0);
}

/**
 * PSP-06 / PSP-07: the last day a period starting on `start` may reach without the cumulative total
 * exceeding the cap: start + (cap − months used) months − days used − 1 day.
 */
export function capEnd(
  start: CalendarDate,
  previous: readonly Period[],
  params: PspParameters,
): CalendarDate {
  const used = rightsUsed(previous);
  const cap = valueOn('cumulativeCapMonths', params.cumulativeCapMonths, start);
  return addDays(addMonths(start, cap - used.months), -used.days - 1);
}

/** PSP-06 / PSP-07: another period can start on `start` only if some budget is left. */
export function capNotReached(
  start: CalendarDate,
  previous: readonly Period[],
  params: PspParameters,
): RuleResult {
  const cap = valueOn('cumulativeCapMonths', params.cumulativeCapMonths, start);
  if (capEnd(start, previous, params) < start) {
    return previous.some((p) => p.stopReason === 'interrupted')
      ? violation('PSP-07', `the ${cap}-month cap is reached, interrupted periods included`)
      : violation('PSP-06', `the ${cap}-month cap is reached`);
  }
  return satisfied;
}

/**
 * DUR-01 / DUR-02: the next period starting on `start`: six months, or shortened to the budget left.
 * `undefined` when the cap is reached.
 */
export function nextPeriod(
  start: CalendarDate,
  previous: readonly Period[],
  kind: Period['kind'],
  params: PspParameters,
): Period | undefined {
  const limit = capEnd(start, previous, params);
  if (limit < start) return undefined;
  const full = periodEnd(start, params);
  const end = minDate(full, limit);
  return { index: previous.length + 1, kind, start, plannedEnd: end, end, shortened: end < full };
}

/** The day after the last period (where a renewal starts: periods follow each other, T10). */
export function dayAfterLastPeriod(periods: readonly Period[]): CalendarDate | undefined {
  const last = periods[periods.length - 1];
  return last ? addDays(last.end, 1) : undefined;
}

/** Rights stop on `stoppedOn` (the first day without rights): the period's last day is the day before. */
export function stopPeriod(
  period: Period,
  stoppedOn: CalendarDate,
  reason: NonNullable<Period['stopReason']>,
): Period {
  const lastDay = addDays(stoppedOn, -1);
  const end =
    lastDay < period.end ? (lastDay < period.start ? addDays(period.start, -1) : lastDay) : period.end;
  return { ...period, end, stoppedOn, stopReason: reason };
}

/** The current period (the last one) if `on` falls within it. */
export function periodCovering(periods: readonly Period[], on: CalendarDate): Period | undefined {
  return periods.find((p) => p.start <= on && on <= p.end);
}

/** PSP-06: true when the current period is the last one the cap allows. */
export function isFinalPeriod(periods: readonly Period[], params: PspParameters): boolean {
  const next = dayAfterLastPeriod(periods);
  return next !== undefined && capNotReached(next, periods, params).length > 0;
}

/** DUR-02: periods never overlap and follow one another in order. */
export function periodsDoNotOverlap(periods: readonly Period[]): RuleResult {
  for (let i = 1; i < periods.length; i += 1) {
    if (periods[i].start <= periods[i - 1].end) {
      return violation(
        'DUR-02',
        `period ${periods[i].index} starts before period ${periods[i - 1].index} ends`,
      );
    }
  }
  return satisfied;
}
