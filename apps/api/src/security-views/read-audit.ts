import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Actor } from '@psp/security';
import { problem } from '../infrastructure/problem-details';
import { declaredDisclosures } from './disclosure-log';
import { ReadAuditRecord, ReadAuditStore } from './read-audit-store';

export const READ_AUDIT_STORE = Symbol('READ_AUDIT_STORE');

/** Headers that describe the answer withheld when its read cannot be recorded. */
const WITHHELD_ANSWER_HEADERS = [
  'content-length',
  'content-disposition',
  'etag',
  'last-modified',
  'repr-digest',
];

/**
 * ACL-06 (anchors R11, R17): every successful read of an individual case and every export is
 * recorded before the answer leaves. Generic, so routes added later are covered with no code:
 * - a GET whose route has a `:caseId` parameter is a read of that case;
 * - a GET answered as `text/csv` is an export;
 * - a controller may declare the cases and the fields it disclosed (`@Disclosures()`), e.g. a
 *   session agenda showing case summaries.
 * Fail closed: if the record cannot be written, the read is refused with a 503 problem (retry
 * later) instead of going unrecorded.
 *
 * A Fastify `onSend` hook, run for every answer just before its first byte is written (a body the
 * controller sent itself, a CSV or a document stream included). It was a global Nest interceptor,
 * which wrapped every route, commands too, in RxJS observables for the sake of the GETs: ≈ 4 % of a
 * command's CPU (ADR 0026).
 */
export function registerReadAudit(fastify: FastifyInstance, store: ReadAuditStore, clock: () => Date): void {
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (request.method !== 'GET') return payload;
    const records = recordsOf(request, reply, clock);
    if (records.length === 0) return payload;
    try {
      await store.append(records);
      return payload;
    } catch {
      // Nothing of the answer leaves: its body is dropped (a stream closed), its headers with it.
      if (isStream(payload)) payload.destroy();
      for (const name of WITHHELD_ANSWER_HEADERS) reply.removeHeader(name);
      void reply.code(503).type('application/problem+json');
      return JSON.stringify(
        problem(503, 'read-audit-unavailable', 'Read audit unavailable', {
          detail: 'the read could not be recorded (ACL-06), so it is not served; retry later',
          instance: request.url.split('?')[0],
        }),
      );
    }
  });
}

function isStream(payload: unknown): payload is { destroy(): void } {
  return typeof (payload as { destroy?: unknown } | null)?.destroy === 'function';
}

function recordsOf(request: FastifyRequest, reply: FastifyReply, clock: () => Date): ReadAuditRecord[] {
  const actor = (request as FastifyRequest & { actor?: Actor }).actor;
  if (!actor || reply.statusCode >= 400) return [];
  const contentType = String(reply.getHeader('content-type') ?? '');
  const exported = /^text\/csv\b/i.test(contentType);
  const declared = [...(declaredDisclosures(request) ?? [])];
  const caseId = (request.params as Record<string, unknown> | undefined)?.caseId;
  if (typeof caseId === 'string' && !declared.some((d) => d.caseId === caseId)) {
    declared.push({ caseId });
  }
  if (declared.length === 0 && !exported) return [];
  const common = {
    readId: randomUUID(),
    occurredAt: clock().toISOString(),
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
