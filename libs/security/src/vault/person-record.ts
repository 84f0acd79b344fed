/**
 * What identifies a person: kept only in the vault, encrypted with a key of the person's own,
 * never in an event, a log, a view or an export (events carry the opaque `personRef`).
 */
export const PERSON_SEXES = ['female', 'male', 'other', 'not_stated'] as const;
export type PersonSex = (typeof PERSON_SEXES)[number];

export interface PersonRecord {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate?: string;
  /** Birth place (town, and country abroad): with the names and birth date, the identity index (PSP-07). */
  readonly birthPlace?: string;
  readonly nationality?: string;
  /**
   * D.121-12-18: the yearly AFIS figures by sex the ministry asks for. Optional, `not_stated`
   * allowed; kept in the vault only, never in an event.
   */
  readonly sex?: PersonSex;
  readonly contact?: { readonly phone?: string; readonly email?: string; readonly address?: string };
  /** Identity and residence documents (annexe 10 D1–D2): kind, number, validity. */
  readonly documents?: readonly {
    readonly kind: string;
    readonly number?: string;
    readonly validUntil?: string;
  }[];
}

/** What every place that showed an erased person shows instead. */
export const REDACTED = '[erased]';

export type VaultRead =
  | { readonly status: 'present'; readonly record: PersonRecord }
  | { readonly status: 'erased' }
  | { readonly status: 'unknown' };
