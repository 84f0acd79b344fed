import {
  CalendarDate,
  RuleResult,
  addDays,
  compareDates,
  daysBetween,
  lastDayOfMonthsFrom,
  minDate,
  monthsAndDaysWithin,
  satisfied,
  valueOn,
  violation,
} from '@psp/legal-kernel';
import { Period } from '../machine/context';
import { PspParameters } from '../parameters';

/** A length of rights counted in calendar months plus leftover days (DUR-02). */
export interface MonthsAndDays {
  readonly months: number;
  readonly days: number;
}

/**
 * DUR-01 (R.121-12-10): a period of six months starting on day d ends on the eve of day d six months
 * later or, where that month has no day d, on its last day (French counting of time limits in months,
 * `lastDayOfMonthsFrom`). 31 Aug 2024 → 28 Feb 2025; 1 Mar 2024 → 31 Aug 2024.
 */
export function periodEnd(start: CalendarDate, params: PspParameters): CalendarDate {
  return lastDayOfMonthsFrom(start, valueOn('periodMonths', params.periodMonths, start));
}

/**
 * DUR-01 / DUR-03: a run of rights is a series of periods that follow each other with no gap, each
 * earlier one having run to its planned end. Its `anchor` is its first day: every later period of the
 * run is counted in months from the anchor, never from its own start (so the short month that ends
 * one period never shortens the next: 31 Aug 2024 → 28 Feb 2025, 30 Aug 2025, 28 Feb 2026, 30 Aug 2026).
 * A stop (interruption, non-renewal…) closes the run: a resumption opens a new run with its own anchor.
 */
export interface RightsRun {
  readonly anchor: CalendarDate;
  /** The run's last day with rights. */
  readonly end: CalendarDate;
  /** False once a period of the run stopped early: no later period can continue it. */
  readonly open: boolean;
}

/**
 * Runs already computed, per list of periods: a case's periods are one array from event to event
 * (the machine replaces it, never changes it), and a case view asks for its runs four times
 * (rights used, rights left, the cap, the final period). The list is checked against the periods
 * it held (a caller may build a list by pushing to it); periods themselves are never changed.
 * Held weakly: they go with the list.
 */
const RUNS = new WeakMap<
  readonly Period[],
  { readonly of: readonly Period[]; readonly runs: readonly RightsRun[] }
>();

/** DUR-02: the runs of a list of periods (in any order; periods with no day of rights are skipped). */
export function rightsRuns(periods: readonly Period[]): readonly RightsRun[] {
  const known = RUNS.get(periods);
  if (known && known.of.length === periods.length && known.of.every((p, i) => p === periods[i])) {
    return known.runs;
  }
  const runs = Object.freeze(runsOf(periods));
  RUNS.set(periods, { of: [...periods], runs });
  return runs;
}

function runsOf(periods: readonly Period[]): RightsRun[] {
  const sorted = periods.filter((p) => p.end >= p.start).sort((a, b) => compareDates(a.start, b.start));
  const runs: RightsRun[] = [];
  for (const period of sorted) {
    const open = period.stopReason === undefined && period.end === period.plannedEnd;
    const last = runs[runs.length - 1];
    if (last && last.open && addDays(last.end, 1) === period.start) {
      runs[runs.length - 1] = { anchor: last.anchor, end: period.end, open };
    } else {
      runs.push({ anchor: period.start, end: period.end, open });
    }
  }
  return runs;
}

/** The span `[start, end]` (inclusive) as whole calendar months from `start`, then leftover days (DUR-02). */
export function spanInMonthsAndDays(start: CalendarDate, end: CalendarDate): MonthsAndDays {
  const key = `${start}/${end}`;
  const known = SPANS.get(key);
  if (known) return known;
  const span: MonthsAndDays = Object.freeze(monthsAndDaysWithin(start, end));
  if (SPANS.size >= 10_000) SPANS.clear();
  SPANS.set(key, span);
  return span;
}

/**
 * Spans already computed: a pure function of two dates, asked for the same periods by every guard
 * and view of a case's fold (the cap checks add up every period at each event). Bounded.
 */
const SPANS = new Map<string, MonthsAndDays>();

function add(a: MonthsAndDays, b: MonthsAndDays): MonthsAndDays {
  return { months: a.months + b.months, days: a.days + b.days };
}

function runsUsed(runs: readonly RightsRun[]): MonthsAndDays {
  return runs.reduce<MonthsAndDays>((total, run) => add(total, spanInMonthsAndDays(run.anchor, run.end)), {
    months: 0,
    days: 0,
  });
}

/**
 * DUR-02 / PSP-07: rights used, adding every run of periods (and the part of a period before an
 * interruption), each run counted in months from its anchor. A running period counts up to its
 * planned end: its budget is committed. Takes any list of periods (those of other cases of the same
 * person too).
 */
export function rightsUsed(periods: readonly Period[]): MonthsAndDays {
  return runsUsed(rightsRuns(periods));
}

/** DUR-02: days with rights across all periods. */
export function daysWithRights(periods: readonly Period[]): number {
  return periods.reduce((sum, p) => sum + Math.max(0, daysBetween(p.start, p.end) + 1), 0);
}

/** The open run a period starting on `start` continues (it starts the day after the run's end). */
function runContinuedBy(runs: readonly RightsRun[], start: CalendarDate): RightsRun | undefined {
  return runs.find((run) => run.open && addDays(run.end, 1) === start);
}

/**
 * PSP-06 / PSP-07: the last day a period starting on `start` may reach without the cumulative total
 * exceeding the cap. Counted from the anchor of the run `start` continues (or from `start` when it
 * opens a new run): anchor + (cap − months used before the run) months, less the days used before it.
 */
export function capEnd(
  start: CalendarDate,
  previous: readonly Period[],
  params: PspParameters,
): CalendarDate {
  const runs = rightsRuns(previous);
  const continued = runContinuedBy(runs, start);
  const used = runsUsed(runs.filter((run) => run !== continued));
  const cap = valueOn('cumulativeCapMonths', params.cumulativeCapMonths, start);
  return addDays(lastDayOfMonthsFrom(continued?.anchor ?? start, cap - used.months), -used.days);
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
 * DUR-01: where a full period starting on `start` ends: six months from the anchor of the run it
 * continues (after the whole months the run already holds), else six months from `start`.
 */
export function fullPeriodEnd(
  start: CalendarDate,
  previous: readonly Period[],
  params: PspParameters,
): CalendarDate {
  const continued = runContinuedBy(rightsRuns(previous), start);
  if (continued) {
    const held = spanInMonthsAndDays(continued.anchor, continued.end);
    if (held.days === 0) {
      const months = valueOn('periodMonths', params.periodMonths, start);
      return lastDayOfMonthsFrom(continued.anchor, held.months + months);
    }
  }
  return periodEnd(start, params);
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
  const full = fullPeriodEnd(start, previous, params);
  const end = minDate(full, limit);
  return { index: previous.length + 1, kind, start, plannedEnd: end, end, shortened: end < full };
}

/**
 * PSP-06: what later periods may still use after `periods`, counted like the rights used (from the
 * anchor of the run a next period would continue).
 */
export function rightsLeft(periods: readonly Period[], params: PspParameters): MonthsAndDays | undefined {
  const next = dayAfterLastPeriod(periods);
  if (next === undefined) return undefined;
  const limit = capEnd(next, periods, params);
  if (limit < next) return { months: 0, days: 0 };
  const continued = runContinuedBy(rightsRuns(periods), next);
  if (continued) {
    const held = spanInMonthsAndDays(continued.anchor, continued.end);
    if (held.days === 0) {
      const total = spanInMonthsAndDays(continued.anchor, limit);
      return { months: total.months - held.months, days: total.days };
    }
  }
  return spanInMonthsAndDays(next, limit);
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
