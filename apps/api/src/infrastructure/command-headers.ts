import { randomUUID } from 'node:crypto';
import { Caller, boundCommandId } from '@psp/workflow';
import { RequestProblem } from './problem-details.filter';
import { problem } from './problem-details';

const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/**
 * `Idempotency-Key` → the command id: derived from the caller (issuer, subject) and the key, so a
 * key is never shared between callers; without a key, a fresh id (no retry possible).
 */
export function commandIdFrom(header: string | string[] | undefined, caller: Caller): string {
  if (header === undefined) return randomUUID();
  if (typeof header !== 'string' || !KEY.test(header)) {
    throw new RequestProblem(
      problem(400, 'invalid-request', 'Invalid request', {
        detail: 'Idempotency-Key must be 8–100 letters, digits or _ . : -',
        errors: [{ field: 'Idempotency-Key', problems: ['invalid format'] }],
      }),
    );
  }
  return boundCommandId(caller, header);
}

/** `If-Match: "3"` (or `W/"3"`): the revision the client decided on; absent means "the latest". */
export function expectedRevisionFrom(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim()) : null;
  if (!match) {
    throw new RequestProblem(
      problem(400, 'invalid-request', 'Invalid request', {
        detail: 'If-Match must be the ETag of the resource, for example "3"',
        errors: [{ field: 'If-Match', problems: ['invalid format'] }],
      }),
    );
  }
  return Number(match[1]);
}

const REQUEST_ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The correlation id the events of a request carry in their metadata: the W3C `traceparent`'s
 * trace id, else `X-Request-Id`; undefined (the command id then) when neither is usable. A
 * malformed value is ignored, never refused: tracing must not break a command.
 */
export function correlationIdFrom(
  traceparent: string | string[] | undefined,
  requestId: string | string[] | undefined,
): string | undefined {
  const trace = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (trace && !/^0+$/.test(trace[1])) return trace[1];
  if (typeof requestId === 'string' && REQUEST_ID.test(requestId)) return requestId;
  return undefined;
}

export function etag(revision: number): string {
  return `"${revision}"`;
}
