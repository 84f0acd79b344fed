import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CalendarDate, dateOf, daysBetween } from '@psp/legal-kernel';
import { Actor } from '@psp/security';
import { CsvColumn, sendCsv, wantsCsv } from '../infrastructure/csv';
import { problem } from '../infrastructure/problem-details';
import { RequestProblem } from '../infrastructure/problem-details.filter';

export * from './view-scope';

/** A whole number of days in [min, max], from the query string. */
export const IsDays = (min: number, max: number) =>
  applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );

/** Every view answers JSON, or CSV with `?format=csv` or `Accept: text/csv`. */
export class ViewQuery {
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** Today in the injected clock's time (never read inside a projection). */
export function todayOf(clock: () => Date): CalendarDate {
  return dateOf(clock().toISOString());
}

export function daysFrom(today: CalendarDate, date: string | null | undefined): number | null {
  return date ? daysBetween(today, date) : null;
}

/** JSON as built, or the flat rows as a CSV attachment `<name>.csv`. */
export function answer<Row>(
  request: FastifyRequest,
  reply: FastifyReply,
  csv: { readonly name: string; readonly columns: readonly CsvColumn<Row>[]; readonly rows: readonly Row[] },
  json: () => unknown,
): unknown {
  return wantsCsv(request) ? sendCsv(reply, csv.name, csv.columns, csv.rows) : json();
}

/** 403: the role reads nothing of this view (deny by default; analysts get no individual rows). */
export function forbiddenView(actor: Actor): never {
  throw new RequestProblem(
    problem(403, 'forbidden', 'Forbidden', { detail: `the role ${actor.role} may not read this view` }),
  );
}

/** What the views need of the projector: the version each stable view `rv_<name>` points at. */
export interface ActiveVersions {
  activeVersion(name: string): Promise<number | undefined>;
}

/**
 * 503 while `rv_<name>` still points at a version older than the columns this route reads (the
 * projector rebuilds a bumped view in the background and swaps it in when it has caught up).
 */
export async function requireViewVersion(projector: ActiveVersions, name: string, version: number) {
  const active = await projector.activeVersion(name);
  if (active === undefined || active < version) {
    throw new RequestProblem(
      problem(503, 'view-rebuilding', 'Read view being rebuilt', {
        detail: `rv_${name} is being rebuilt to version ${version}; try again shortly`,
      }),
    );
  }
}

/** PostgreSQL returns BIGINT as text: numbers for JSON. */
export function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Comma-separated ids as a list ('' is none). */
export function idList(value: string | null | undefined): string[] {
  return value ? value.split(',').filter((id) => id.length > 0) : [];
}
