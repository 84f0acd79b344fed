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

export function etag(revision: number): string {
  return `"${revision}"`;
}
