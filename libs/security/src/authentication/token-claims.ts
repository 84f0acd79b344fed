import { JWTPayload } from 'jose';
import { Actor, isDepartementCode } from '../authorisation/actor';
import { DEPARTEMENT_SCOPED, isRole } from '../authorisation/roles';
import { AuthenticationError } from './authentication-errors';

/** The claims the engine reads from a token, beyond the standard ones. */
export interface PspClaims {
  /** One of ROLES. */
  readonly psp_role: string;
  readonly psp_departement?: string;
  readonly psp_association?: string;
  readonly psp_member?: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/** Turns verified claims into an actor, refusing tokens whose scope does not fit the role. */
export function actorFromClaims(payload: JWTPayload & Partial<PspClaims>): Actor {
  if (typeof payload.sub !== 'string' || !ID.test(payload.sub))
    throw new AuthenticationError('token has no valid subject');
  const role = payload.psp_role;
  if (!isRole(role)) throw new AuthenticationError('token has no known psp_role');
  const departement = payload.psp_departement;
  if (departement !== undefined && !isDepartementCode(departement)) {
    throw new AuthenticationError('token psp_departement is not a département code');
  }
  if (DEPARTEMENT_SCOPED.includes(role) && departement === undefined) {
    throw new AuthenticationError(`a ${role} token must name its département`);
  }
  const associationId = payload.psp_association;
  if (role === 'association' && (typeof associationId !== 'string' || !ID.test(associationId))) {
    throw new AuthenticationError('an association token must name its association');
  }
  const memberId = payload.psp_member;
  if (role === 'commission_member' && (typeof memberId !== 'string' || !ID.test(memberId))) {
    throw new AuthenticationError('a commission member token must name its member id');
  }
  return {
    subject: payload.sub,
    role,
    ...(departement ? { departement } : {}),
    ...(role === 'association' ? { associationId } : {}),
    ...(role === 'commission_member' ? { memberId } : {}),
  };
}
