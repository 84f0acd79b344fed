import { Actor } from '@psp/security';

/** One commission per département: its id is derived from the département. */
export function commissionIdFor(departement: string): string {
  return `commission-${departement}`;
}

/**
 * May the actor know this commission or one of its sessions (deny by default)? The préfecture,
 * the secretariat and auditors of its département, national auditors and the scheduler.
 * Commission members read only the session items they sit on (session-query.ts). Out of scope is 404.
 */
export function commissionInScope(actor: Actor, departement: string | undefined): boolean {
  switch (actor.role) {
    case 'prefecture':
    case 'commission_secretariat':
      return actor.departement !== undefined && actor.departement === departement;
    case 'auditor':
      return actor.departement === undefined || actor.departement === departement;
    case 'system':
      return true;
    default:
      return false;
  }
}
