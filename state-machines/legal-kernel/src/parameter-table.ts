import { CalendarDate } from './calendar-date';

/**
 * Date-effective parameters (PD-5): every amount, duration, threshold, member category and
 * meeting minimum is a value with a validity interval, never a constant in code.
 */
export interface DatedValue<T> {
  /** First day the value applies (inclusive). */
  readonly from: CalendarDate;
  /** Last day the value applies (inclusive); open-ended when absent. */
  readonly to?: CalendarDate;
  readonly value: T;
  /** The text that sets it (`D.121-12-14, décret 2022-1340`). */
  readonly source: string;
}

export type DatedSeries<T> = readonly DatedValue<T>[];

export class ParameterNotInForceError extends Error {
  constructor(
    readonly parameter: string,
    readonly on: CalendarDate,
  ) {
    super(`PD-5: no value of parameter "${parameter}" is in force on ${on}`);
    this.name = 'ParameterNotInForceError';
  }
}

/** The value in force on `on`; throws when none is (a gap in the table is a configuration error). */
export function valueOn<T>(name: string, series: DatedSeries<T>, on: CalendarDate): T {
  const found = series.find((entry) => entry.from <= on && (entry.to === undefined || on <= entry.to));
  if (!found) throw new ParameterNotInForceError(name, on);
  return found.value;
}

/** Checks that a series has no overlap; gaps are allowed (before a law existed). */
export function assertNoOverlap<T>(name: string, series: DatedSeries<T>): void {
  const sorted = [...series].sort((a, b) => (a.from < b.from ? -1 : 1));
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1];
    if (previous.to === undefined || previous.to >= sorted[i].from) {
      throw new Error(`PD-5: parameter "${name}" has overlapping values from ${sorted[i].from}`);
    }
  }
}
