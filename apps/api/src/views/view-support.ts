import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CalendarDate, dateOf, daysBetween } from '@psp/legal-kernel';
import { SqlValue } from '@psp/projections';
import { Actor } from '@psp/security';
import { CsvColumn, sendCsv, wantsCsv } from '../infrastructure/csv';
import { problem } from '../infrastructure/problem-details';
import { RequestProblem } from '../infrastructure/problem-details.filter';

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

/** 404 without saying whether the record exists out of scope. */
export function notFound(): never {
  throw new RequestProblem(problem(404, 'not-found', 'Not found'));
}

export interface SqlScope {
  readonly where: string[];
  readonly params: SqlValue[];
}

/** `departements` holds a comma-separated list: does it name `departement`? (portable SQL). */
export function coversDepartement(column: string): string {
  return `(',' || ${column} || ',') LIKE ('%,' || ? || ',%')`;
}

/**
 * The registries' scope (commissions, sessions, members) as SQL on a `departement` column, like
 * `commissionInScope`: the préfecture and the secretariat of the département, auditors (of the
 * département, or national), the system. `undefined` for any other role (deny by default).
 */
export function commissionScope(actor: Actor, column = 'departement'): SqlScope | undefined {
  switch (actor.role) {
    case 'prefecture':
    case 'commission_secretariat':
      return actor.departement ? { where: [`${column} = ?`], params: [actor.departement] } : undefined;
    case 'auditor':
      return actor.departement
        ? { where: [`${column} = ?`], params: [actor.departement] }
        : { where: [], params: [] };
    case 'system':
      return { where: [], params: [] };
    default:
      return undefined;
  }
}

/**
 * Agréments in scope (`associationInScope` as SQL): an association sees its own; the préfecture,
 * the secretariat and auditors of a département see the associations whose head office is there
 * or whose agrément covers it (AGR-09); national auditors and the system see all.
 */
export function agrementScope(
  actor: Actor,
  columns: { associationId: string; headOffice: string; departements: string },
): SqlScope | undefined {
  switch (actor.role) {
    case 'association':
      return actor.associationId
        ? { where: [`${columns.associationId} = ?`], params: [actor.associationId] }
        : undefined;
    case 'prefecture':
    case 'commission_secretariat':
    case 'auditor':
      if (!actor.departement) return actor.role === 'auditor' ? { where: [], params: [] } : undefined;
      return {
        where: [`(${columns.headOffice} = ? OR ${coversDepartement(columns.departements)})`],
        params: [actor.departement, actor.departement],
      };
    case 'system':
      return { where: [], params: [] };
    default:
      return undefined;
  }
}

/** `WHERE a AND b` (or nothing) from conditions. */
export function whereOf(conditions: readonly string[]): string {
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** PostgreSQL returns BIGINT as text: numbers for JSON. */
export function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

/** Comma-separated ids as a list ('' is none). */
export function idList(value: string | null | undefined): string[] {
  return value ? value.split(',').filter((id) => id.length > 0) : [];
}
