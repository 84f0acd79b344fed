import { SqlValue } from '@psp/projections';
import { Actor } from '@psp/security';

/** Scopes of the read views as SQL conditions (no Nest here: unit-tested under jest). */
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
