import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticationError, VaultError } from '@psp/security';
import {
  CaseRecordPurgedError,
  CommandRefusedError,
  ForbiddenCommandError,
  ConcurrencyExhaustedError,
  IdempotencyKeyReusedError,
  StaleRevisionError,
  StreamNotFoundError,
} from '@psp/workflow';
import { InvalidAppendError } from '@psp/event-store';
import { ProblemDetails, problem } from './problem-details';
import { RequestProblem } from './request-problem';

export { RequestProblem };

/**
 * Maps every expected failure, once, to `application/problem+json`. Anything unexpected
 * becomes a bare 500 with no detail; the log gets the error class and message, never a body.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const details = this.toProblem(error, request);
    if (details.status >= 500) {
      this.logger.error({
        msg: 'unexpected error',
        route: request.routeOptions?.url,
        error: describe(error),
      });
    }
    if (details.status === 401) reply.header('WWW-Authenticate', 'Bearer');
    if (typeof details.currentRevision === 'number') reply.header('ETag', `"${details.currentRevision}"`);
    void reply.status(details.status).type('application/problem+json').send(details);
  }

  private toProblem(error: unknown, request: FastifyRequest): ProblemDetails {
    const instance = request.url.split('?')[0];
    if (error instanceof RequestProblem) return { ...error.details, instance };
    if (error instanceof CommandRefusedError) {
      return error.kind === 'input'
        ? problem(422, 'rule-violated', 'The command breaks a rule', {
            detail: error.message,
            rules: error.violations,
            instance,
          })
        : problem(409, 'refused-by-state', 'The case cannot take this command now', {
            // The rule and the missing command or fact (`rules[].missing`), then what may be done now.
            detail:
              error.available === undefined
                ? error.message
                : `${error.message}; you may issue now: ${error.available.join(', ') || 'nothing'}`,
            rules: error.violations,
            ...(error.available === undefined ? {} : { available: [...error.available] }),
            instance,
          });
    }
    if (error instanceof StaleRevisionError) {
      return problem(412, 'stale-revision', 'The resource changed since you read it', {
        detail: `If-Match named revision ${error.expected}; the resource is at revision ${error.actual}`,
        currentRevision: error.actual,
        instance,
      });
    }
    if (error instanceof CaseRecordPurgedError) {
      return problem(410, 'record-purged', 'The record was purged at the end of its retention period', {
        detail: error.message,
        instance,
      });
    }
    if (error instanceof StreamNotFoundError) return problem(404, 'not-found', 'Not found', { instance });
    if (error instanceof ForbiddenCommandError) {
      // Names who may (the roles are public: the rule book and the API document list them).
      return problem(403, 'forbidden', 'Forbidden', {
        detail: error.message,
        ...(error.allowedRoles.length ? { roles: [...error.allowedRoles] } : {}),
        instance,
      });
    }
    if (error instanceof AuthenticationError) {
      return problem(401, 'unauthenticated', 'Authentication required', { detail: error.reason, instance });
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return problem(422, 'idempotency-key-reused', 'Idempotency-Key already used', {
        detail: error.message,
        instance,
      });
    }
    if (error instanceof ConcurrencyExhaustedError) {
      return problem(409, 'busy', 'The case is being changed by others; try again', { instance });
    }
    if (error instanceof InvalidAppendError) {
      return problem(400, 'invalid-request', 'Invalid request', { detail: error.message, instance });
    }
    if (error instanceof VaultError) {
      return problem(409, 'personal-data', 'Personal data unavailable', { detail: error.message, instance });
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      if (typeof response === 'object' && response !== null && 'type' in response && 'title' in response) {
        return { ...(response as ProblemDetails), instance };
      }
      const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      return problem(status, slugFor(status), titleFor(status), {
        detail: Array.isArray(message) ? message.join('; ') : String(message ?? error.message),
        instance,
      });
    }
    const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      // Body parser refusals: malformed JSON, too large, unsupported media type.
      return problem(fastifyStatus, slugFor(fastifyStatus), titleFor(fastifyStatus), {
        detail: (error as Error).message,
        instance,
      });
    }
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'internal', 'Internal error', { instance });
  }
}

function slugFor(status: number): string {
  return (
    {
      400: 'invalid-request',
      401: 'unauthenticated',
      403: 'forbidden',
      404: 'not-found',
      405: 'method-not-allowed',
      413: 'too-large',
      415: 'unsupported-media-type',
      429: 'too-many-requests',
    }[status] ?? 'http-error'
  );
}

function titleFor(status: number): string {
  return (
    {
      400: 'Invalid request',
      401: 'Authentication required',
      403: 'Forbidden',
      404: 'Not found',
      405: 'Method not allowed',
      413: 'Request too large',
      415: 'Unsupported media type',
      429: 'Too many requests',
    }[status] ?? 'Request refused'
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}
