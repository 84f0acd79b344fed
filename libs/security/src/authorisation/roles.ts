/**
 * Roles of the people who use the engine (rule book section 1, actors A2–A11), each with the
 * scope its tokens carry. Deny by default: a role may do only what a policy grants it.
 */
export const ROLES = {
  /** Agent of an approved association (A2): instructs requests and renewals, records the person's acts. Scope: département + association. */
  association: 'association',
  /** DDETS / DDFE agent running the commission's secretariat (A6): sessions, agendas, attendance, votes. Scope: département. */
  commission_secretariat: 'commission_secretariat',
  /** Member of the departmental commission (A3, A8, A9, A10): reads the agenda items it sits on. Scope: département + member. */
  commission_member: 'commission_member',
  /** Préfecture agent acting for the préfet (A4): decides entries, renewals, AFIS, agréments, member lists. Scope: département. */
  prefecture: 'prefecture',
  /** Préfecture foreigners' department (A5): the APS. Scope: département. */
  foreigners_department: 'foreigners_department',
  /** AFIS paying body, MSA caisse (A7): instructs, sets the amount, pays. Scope: département. */
  afis_payer: 'afis_payer',
  /** Auditor: replays histories, verifies integrity. Scope: département, or national without one. */
  auditor: 'auditor',
  /** Analyst (A11 and departmental services): aggregates only. Scope: département, or national without one. */
  analyst: 'analyst',
  /** The scheduler issuing deadline commands (period end, silence-means-approval). */
  system: 'system',
} as const;

export type Role = (typeof ROLES)[keyof typeof ROLES];

export const ALL_ROLES: readonly Role[] = Object.values(ROLES);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}

/** Roles whose every token must name a département. */
export const DEPARTEMENT_SCOPED: readonly Role[] = [
  'association',
  'commission_secretariat',
  'commission_member',
  'prefecture',
  'foreigners_department',
  'afis_payer',
];
