import { AgrementContext, currentTerm } from '@psp/association';
import { Actor } from '@psp/security';

/** The départements an agrément file concerns: head office, the term's and the application's (AGR-03, AGR-09). */
export function agrementDepartements(context: AgrementContext): string[] {
  return [
    ...new Set([
      ...(context.headOfficeDepartement ? [context.headOfficeDepartement] : []),
      ...(currentTerm(context)?.departements ?? []),
      ...(context.application?.requestedDepartements ?? []),
    ]),
  ];
}

/**
 * May the actor know this association's agrément (deny by default)? The association itself; the
 * préfecture, the commission secretariat and auditors of its head-office or a covered département;
 * national auditors; the scheduler. Out of scope reads as 404.
 */
export function associationInScope(actor: Actor, associationId: string, context: AgrementContext): boolean {
  switch (actor.role) {
    case 'association':
      return actor.associationId === associationId;
    case 'prefecture':
    case 'commission_secretariat':
      return actor.departement !== undefined && agrementDepartements(context).includes(actor.departement);
    case 'auditor':
      return actor.departement === undefined || agrementDepartements(context).includes(actor.departement);
    case 'system':
      return true;
    default:
      return false;
  }
}

/**
 * AGR-03, AGR-06: the préfet of the head-office département instructs and decides; the préfecture
 * of another covered département reads the file but may not act on it (403).
 */
export function actsForHeadOffice(actor: Actor, context: AgrementContext): boolean {
  return actor.role !== 'prefecture' || actor.departement === context.headOfficeDepartement;
}
