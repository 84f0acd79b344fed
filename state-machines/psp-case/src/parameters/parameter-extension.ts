import {
  CalendarDate,
  DatedValue,
  RuleWarning,
  addDays,
  assertNoOverlap,
  isCalendarDate,
} from '@psp/legal-kernel';
import { AfisAmountScale, DEFAULT_PSP_PARAMETERS, PspParameters } from './psp-parameters';

/**
 * PD-5: a deployment extends the dated tables through configuration, without a release. An
 * extension only *adds* history: new values after the last known one (closing the open-ended last
 * value the day before the first new one); values already known are never rewritten, so a replay of
 * what was decided with them gives the same result.
 */
export interface ParameterExtension {
  /** New dated values per table, e.g. `{ "rsaSinglePersonCents": [{ "from": "2026-04-01", "value": 65165, "source": "décret …" }] }`. */
  readonly series: Readonly<Partial<Record<ExtensibleSeries, readonly DatedValue<unknown>[]>>>;
}

/** The tables an administrator may extend: amounts and thresholds. */
export const EXTENSIBLE_SERIES = ['afisAmounts', 'afisAmountsMayotte', 'rsaSinglePersonCents'] as const;
export type ExtensibleSeries = (typeof EXTENSIBLE_SERIES)[number];

export class ParameterConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`PD-5: the parameter table configuration is refused: ${problems.join('; ')}`);
    this.name = 'ParameterConfigError';
  }
}

const isCents = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 10_000_000;

function isScale(value: unknown): value is AfisAmountScale {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const keys = Object.keys(v).sort().join(',');
  return (
    keys === 'base,perExtraChild,withChildren' &&
    isCents(v.base) &&
    isCents(v.perExtraChild) &&
    Array.isArray(v.withChildren) &&
    v.withChildren.length === 3 &&
    v.withChildren.every(isCents)
  );
}

const VALUE_CHECKS: Record<ExtensibleSeries, { check: (v: unknown) => boolean; what: string }> = {
  afisAmounts: { check: isScale, what: '{ base, withChildren: [1, 2, 3 children], perExtraChild } in cents' },
  afisAmountsMayotte: {
    check: isScale,
    what: '{ base, withChildren: [1, 2, 3 children], perExtraChild } in cents',
  },
  rsaSinglePersonCents: { check: isCents, what: 'a whole number of cents' },
};

/** Reads and checks an extension (from JSON): every problem is listed, nothing is guessed. */
export function parseParameterExtension(json: unknown): ParameterExtension {
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ParameterConfigError(['the file must hold a JSON object { "series": { … } }']);
  }
  const extra = Object.keys(json).filter((k) => k !== 'series');
  if (extra.length > 0) problems.push(`unknown keys ${extra.join(', ')}`);
  const series = (json as { series?: unknown }).series;
  if (typeof series !== 'object' || series === null || Array.isArray(series)) {
    throw new ParameterConfigError([...problems, '"series" must be an object of tables']);
  }
  for (const [name, values] of Object.entries(series)) {
    if (!(EXTENSIBLE_SERIES as readonly string[]).includes(name)) {
      problems.push(`"${name}" is not an extensible table (${EXTENSIBLE_SERIES.join(', ')})`);
      continue;
    }
    if (!Array.isArray(values) || values.length === 0) {
      problems.push(`"${name}" must be a non-empty list of dated values`);
      continue;
    }
    values.forEach((entry: unknown, i) => {
      const at = `${name}[${i}]`;
      if (typeof entry !== 'object' || entry === null) return problems.push(`${at} must be an object`);
      const e = entry as Record<string, unknown>;
      const unknownKeys = Object.keys(e).filter((k) => !['from', 'to', 'value', 'source'].includes(k));
      if (unknownKeys.length > 0) problems.push(`${at} has unknown keys ${unknownKeys.join(', ')}`);
      if (!isCalendarDate(e.from)) problems.push(`${at}.from must be a date YYYY-MM-DD`);
      if (e.to !== undefined && (!isCalendarDate(e.to) || (isCalendarDate(e.from) && e.to < e.from)))
        problems.push(`${at}.to must be a date YYYY-MM-DD on or after from`);
      if (typeof e.source !== 'string' || e.source.trim().length === 0)
        problems.push(`${at}.source must name the text that sets the value`);
      const check = VALUE_CHECKS[name as ExtensibleSeries];
      if (!check.check(e.value)) problems.push(`${at}.value must be ${check.what}`);
      return undefined;
    });
  }
  if (problems.length > 0) throw new ParameterConfigError(problems);
  return { series: series as ParameterExtension['series'] };
}

/**
 * The base table with the extension's values added after its last known value. Refused when a new
 * value starts on or before the last known value's start, or the new values overlap.
 */
export function extendParameters(base: PspParameters, extension: ParameterExtension): PspParameters {
  const problems: string[] = [];
  const result: Record<string, unknown> = { ...base };
  for (const name of EXTENSIBLE_SERIES) {
    const added = [...(extension.series[name] ?? [])].sort((a, b) => (a.from < b.from ? -1 : 1));
    if (added.length === 0) continue;
    const known = base[name] as readonly DatedValue<unknown>[];
    const last = [...known].sort((a, b) => (a.from < b.from ? -1 : 1))[known.length - 1];
    const first = added[0].from;
    if (last && first <= last.from) {
      problems.push(
        `${name}: a new value must start after the last known one (${last.from}); known values are kept as they are`,
      );
      continue;
    }
    if (last?.to !== undefined && first <= last.to) {
      problems.push(`${name}: a new value must start after ${last.to}, the last day of the last known value`);
      continue;
    }
    const closed = known.map((v) =>
      v === last && v.to === undefined ? { ...v, to: addDays(first, -1) } : v,
    );
    const series = [...closed, ...added];
    try {
      assertNoOverlap(name, series);
    } catch (error) {
      problems.push((error as Error).message);
      continue;
    }
    result[name] = series;
  }
  if (problems.length > 0) throw new ParameterConfigError(problems);
  return result as unknown as PspParameters;
}

/** PD-5: tables revalued on a fixed day each year, and the text that says so. */
export const REVALUATION_CALENDAR: Readonly<
  Partial<Record<keyof PspParameters, { month: number; day: number; basis: string }>>
> = {
  rsaSinglePersonCents: {
    month: 4,
    day: 1,
    basis: 'the RSA lump sum is revalued each 1 April (L.262-2, CSS L.161-25)',
  },
};

/**
 * PD-5: a table whose last known value has passed its usual revaluation date raises a warning
 * instead of silently reusing the old value (shown in /health and the logs).
 */
export function staleParameterWarnings(params: PspParameters, today: CalendarDate): RuleWarning[] {
  const warnings: RuleWarning[] = [];
  for (const [name, rule] of Object.entries(REVALUATION_CALENDAR)) {
    if (!rule) continue;
    const series = params[name as keyof PspParameters] as readonly DatedValue<unknown>[];
    const last = [...series].sort((a, b) => (a.from < b.from ? -1 : 1))[series.length - 1];
    if (!last) continue;
    const mmdd = `${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`;
    const year = Number(last.from.slice(0, 4));
    const sameYear = `${year}-${mmdd}`;
    const due = sameYear > last.from ? sameYear : `${year + 1}-${mmdd}`;
    if (today >= due) {
      warnings.push({
        rule: 'PD-5',
        message: `${name}: the last known value is from ${last.from}; the revaluation of ${due} is missing (${rule.basis}): extend the table (PSP_PARAMETERS_FILE)`,
      });
    }
  }
  return warnings;
}

let deployment: PspParameters = DEFAULT_PSP_PARAMETERS;

/**
 * The deployment's table (PD-5), set once at start from the configuration: every case without
 * explicit parameters is folded with it. Defaults until set.
 */
export function deploymentParameters(): PspParameters {
  return deployment;
}

export function useDeploymentParameters(params: PspParameters): void {
  deployment = params;
}
