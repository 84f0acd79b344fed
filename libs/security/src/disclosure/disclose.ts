import { Role } from '../authorisation/roles';
import { fieldPaths, isWithin } from './field-paths';

/** What kind of information a field carries (R1: every field is classified). */
export type FieldClass =
  /** Opaque ids and dates that name the case, never the person. */
  | 'identifier'
  /** The person's identity, read from the vault (GDPR art. 6; ACL-05). */
  | 'identity'
  /** Steps, dates, statuses and opinions of the procedure. */
  | 'procedure'
  /** The parcours and its social assessment (GDPR art. 9: sex life; ACL-04). */
  | 'social'
  /** Health details (GDPR art. 9): never shown to the commission (R3). */
  | 'health'
  /** Residence and immigration status (APS, annexe 10). */
  | 'immigration'
  /** Household, resources and children (AFIS, D.121-12-14 to -17). */
  | 'resources'
  /** What the actor may do now (commands and why not). */
  | 'capability';

/** One field of a payload: who may see it and the rule that says so. */
export interface FieldRule {
  readonly class: FieldClass;
  readonly roles: readonly Role[];
  /** Rule IDs and a short reason, for the role × field matrix in docs/security.md. */
  readonly rule: string;
}

/** Field path (see `fieldPaths`) → rule. A path absent from the table is shown to nobody. */
export type FieldTable = Readonly<Record<string, FieldRule>>;

export interface Disclosure<T> {
  /** The payload with only the fields the role may see (undefined: nothing at all). */
  readonly value: T | undefined;
  /** The field paths actually disclosed (for the read audit, ACL-06); never a value. */
  readonly fields: readonly string[];
}

/**
 * The one filter every payload showing an individual case goes through (R3, ACL-05): keeps the
 * fields the table allows for the role and drops everything else, unclassified fields included.
 * An object or array whose every field was dropped is dropped too.
 */
export function disclose<T>(role: Role, payload: T, table: FieldTable): Disclosure<T> {
  const allowed = Object.entries(table)
    .filter(([, rule]) => rule.roles.includes(role))
    .map(([path]) => path);
  const allowedSet = new Set(allowed);
  const fields = new Set<string>();
  const containerAllowed = (path: string) => allowed.some((candidate) => isWithin(candidate, path));

  const filter = (value: unknown, path: string): unknown => {
    if (value === undefined) return undefined;
    if (value === null || typeof value !== 'object') {
      if (!allowedSet.has(path)) return undefined;
      fields.add(path);
      return value;
    }
    if (Array.isArray(value)) {
      const element = `${path}[]`;
      if (value.length === 0) return containerAllowed(element) ? [] : undefined;
      const kept = value.map((item) => filter(item, element)).filter((item) => item !== undefined);
      return kept.length > 0 ? kept : undefined;
    }
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return path === '' || containerAllowed(path) ? {} : undefined;
    const kept: Record<string, unknown> = {};
    for (const [key, child] of entries) {
      const result = filter(child, path ? `${path}.${key}` : key);
      if (result !== undefined) kept[key] = result;
    }
    return Object.keys(kept).length > 0 ? kept : undefined;
  };

  const value = filter(payload, '') as T | undefined;
  return { value, fields: [...fields].sort() };
}

/** The payload's field paths that the table does not classify (a contract test requires none). */
export function unclassifiedFields(payload: unknown, table: FieldTable): string[] {
  const known = Object.keys(table);
  return fieldPaths(payload).filter(
    (path) => !(path in table) && !known.some((candidate) => isWithin(candidate, path)),
  );
}

/** May the role see anything at or under this path (e.g. `person`: is the vault worth reading)? */
export function disclosesAny(role: Role, table: FieldTable, path: string): boolean {
  return Object.entries(table).some(
    ([candidate, rule]) => rule.roles.includes(role) && isWithin(candidate, path),
  );
}

/** The roles that see at least one field of the table. */
export function rolesSeeing(table: FieldTable): Role[] {
  return [...new Set(Object.values(table).flatMap((rule) => rule.roles))];
}
