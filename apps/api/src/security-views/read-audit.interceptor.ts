import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, mergeMap } from 'rxjs';
import { Actor } from '@psp/security';
import { CLOCK } from '../infrastructure/clock';
import { problem } from '../infrastructure/problem-details';
import { RequestProblem } from '../infrastructure/problem-details.filter';
import { declaredDisclosures } from './case-disclosures';
import { ReadAuditRecord, ReadAuditStore } from './read-audit-store';

export const READ_AUDIT_STORE = Symbol('READ_AUDIT_STORE');

/**
 * ACL-06 (anchors R11, R17): every successful read of an individual case and every export is
 * recorded before the answer leaves. Generic, so routes added later are covered with no code:
 * - a GET whose route has a `:caseId` parameter is a read of that case;
 * - a GET answered as `text/csv` is an export;
 * - a controller may declare the cases and the fields it disclosed (`@Disclosures()`), e.g. a
 *   session agenda showing case summaries.
 * Fail closed: if the record cannot be written, the read is refused with a 503 problem (retry
 * later) instead of going unrecorded.
 */
@Injectable()
export class ReadAuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(READ_AUDIT_STORE) private readonly store: ReadAuditStore,
    @Inject(CLOCK) private readonly clock: () => Date,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (request.method !== 'GET') return next.handle();
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      mergeMap(async (body) => {
        try {
          await this.store.append(this.recordsOf(request, reply, body));
        } catch {
          throw new RequestProblem(
            problem(503, 'read-audit-unavailable', 'Read audit unavailable', {
              detail: 'the read could not be recorded (ACL-06), so it is not served; retry later',
            }),
          );
        }
        return body;
      }),
    );
  }

  private recordsOf(request: FastifyRequest, reply: FastifyReply, body: unknown): ReadAuditRecord[] {
    const actor = (request as FastifyRequest & { actor?: Actor }).actor;
    if (!actor || reply.statusCode >= 400) return [];
    // Nest serialises an object as JSON after the interceptor: its type is not set yet.
    const contentType = String(
      reply.getHeader('content-type') ??
        (typeof body === 'object' && body !== null ? 'application/json' : ''),
    );
    const exported = /^text\/csv\b/i.test(contentType);
    const declared = [...(declaredDisclosures(request) ?? [])];
    const caseId = (request.params as Record<string, unknown> | undefined)?.caseId;
    if (typeof caseId === 'string' && !declared.some((d) => d.caseId === caseId)) {
      declared.push({ caseId });
    }
    if (declared.length === 0 && !exported) return [];
    const common = {
      readId: randomUUID(),
      occurredAt: this.clock().toISOString(),
      kind: exported ? ('export' as const) : ('read' as const),
      actorRole: actor.role,
      actorSubject: actor.subject,
      actorDepartement: actor.departement,
      actorAssociationId: actor.associationId,
      actorMemberId: actor.memberId,
      method: request.method,
      route: request.routeOptions?.url ?? 'unmatched',
      ...(contentType ? { contentType: contentType.split(';')[0].trim() } : {}),
    };
    if (declared.length === 0) return [{ ...common, departement: actor.departement }];
    return declared.map((disclosure) => ({
      ...common,
      caseId: disclosure.caseId,
      departement: disclosure.departement ?? actor.departement,
      ...(disclosure.fields ? { fields: disclosure.fields } : {}),
    }));
  }
}
