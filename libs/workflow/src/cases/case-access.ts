import { PspCaseContext } from '@psp/psp-case';
import { Actor, Role } from '@psp/security';

/** The role may never issue this command (403, no detail about the case). */
export class ForbiddenCommandError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(readonly role: Role) {
    super('this role may not issue this command');
    this.name = 'ForbiddenCommandError';
  }
}

/**
 * Is the case within the actor's scope (ARCHITECTURE "deny by default")? An association sees
 * only the cases it instructs, State services only their département's cases, national
 * auditors every case, analysts none (aggregates only). Out of scope reads as 404.
 */
export function caseInScope(
  actor: Actor,
  context: Pick<PspCaseContext, 'departement' | 'associationId'>,
): boolean {
  switch (actor.role) {
    case 'association':
      return actor.departement === context.departement && actor.associationId === context.associationId;
    case 'commission_secretariat':
    case 'prefecture':
    case 'foreigners_department':
    case 'afis_payer':
      return actor.departement === context.departement;
    case 'auditor':
      return actor.departement === undefined || actor.departement === context.departement;
    case 'system':
      return true;
    case 'commission_member':
    case 'analyst':
      return false;
  }
}
