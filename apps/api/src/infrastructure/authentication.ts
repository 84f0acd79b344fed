import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Actor, AuthenticationError, TokenVerifier } from '@psp/security';
import { TokenRevocations } from '@psp/runtime';
import { AbuseLimits, limitCategory } from './abuse-limits';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
export const TOKEN_REVOCATIONS = Symbol('TOKEN_REVOCATIONS');
const PUBLIC = 'psp:public';

/** Marks a route that needs no token (health, API docs, metrics). Everything else does. */
export const Public = () => SetMetadata(PUBLIC, true);

type AuthenticatedRequest = FastifyRequest & { actor?: Actor; tokenIssuer?: string };

/**
 * Deny by default: every route but the public ones needs a verified bearer token that is not
 * revoked (R7: checked in the database on every request, no cache). Then the rate limits (R8):
 * failures per client IP, accepted requests per subject and category.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(TOKEN_REVOCATIONS) private readonly revocations: TokenRevocations,
    @Inject(AbuseLimits) private readonly limits: AbuseLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    let actor: Actor;
    let issuer: string;
    try {
      const verified = await this.verifier.authenticate(request.headers.authorization);
      actor = verified.actor;
      issuer = verified.issuer;
      const { tokenId, issuedAt } = verified;
      if (await this.revocations.isRevoked({ subject: actor.subject, tokenId, issuedAt })) {
        throw new AuthenticationError('the token has been revoked');
      }
    } catch (error) {
      if (error instanceof AuthenticationError)
        await this.limits.spend('authentication', `ip:${request.ip}`, request, reply);
      throw error;
    }
    await this.limits.spend(limitCategory(request), `subject:${actor.subject}`, request, reply);
    request.actor = actor;
    request.tokenIssuer = issuer;
    return true;
  }
}

/** The verified actor of a request that went through the guard. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = (request as AuthenticatedRequest).actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
}

/** Who sent the request: the verified token's issuer and subject (what an Idempotency-Key is bound to). */
export function callerOf(request: FastifyRequest): { issuer: string; subject: string } {
  const { subject } = actorOf(request);
  return { issuer: (request as AuthenticatedRequest).tokenIssuer ?? '', subject };
}

/** The verified actor of the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor =>
  actorOf(context.switchToHttp().getRequest()),
);
