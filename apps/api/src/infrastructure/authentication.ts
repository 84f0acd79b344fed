import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Actor, TokenVerifier } from '@psp/security';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
const PUBLIC = 'psp:public';

/** Marks a route that needs no token (health, API docs, metrics). Everything else does. */
export const Public = () => SetMetadata(PUBLIC, true);

type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

/** Deny by default: every route but the public ones needs a verified bearer token. */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]))
      return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.actor = await this.verifier.verify(request.headers.authorization);
    return true;
  }
}

/** The verified actor of a request that went through the guard. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = (request as AuthenticatedRequest).actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
}

/** The verified actor of the request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor =>
  actorOf(context.switchToHttp().getRequest()),
);
