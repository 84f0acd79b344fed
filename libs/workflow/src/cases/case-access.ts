import { PspCaseContext } from '@psp/psp-case';
import { Actor, Role } from '@psp/security';

/**
 * The role may never issue this command, or never read this (403, no detail about the case). It
 * names the roles that may (public: the rule book and the API document list them too).
 */
export class ForbiddenCommandError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(
    readonly role: Role,
    /** The roles that may; empty when it depends on more than the role. */
    readonly allowedRoles: readonly Role[] = [],
    /** A command refused, or a read. */
    readonly action: 'command' | 'read' = 'command',
    /** When the role alone does not say why: the rule refused and what it says (`ACL-05: …`). */
    readonly because?: { readonly rule: string; readonly message: string },
  ) {
    super(
      because
        ? `${because.rule}: ${because.message}${allowedRoles.length ? `; it may be done by: ${allowedRoles.join(', ')}` : ''}`
        : action === 'read'
          ? `the role ${role} may not read this${allowedRoles.length ? `; it may be read by: ${allowedRoles.join(', ')}` : ''}`
          : `the role ${role} may not issue this command${allowedRoles.length ? `; it may be issued by: ${allowedRoles.join(', ')}` : ''}`,
    );
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
