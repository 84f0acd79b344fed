import { hash } from 'node:crypto';
import { canonicalJson } from '../integrity/canonical-json';
import { deterministicUuid } from './deterministic-id';

/** Who sent a command: the token's issuer and subject. */
export interface Caller {
  readonly issuer: string;
  readonly subject: string;
}

/** What a command asked: method, route with its record id and command name, and body. */
export interface CommandRequest {
  readonly method: string;
  /** The path without query, e.g. `/cases/{caseId}/submit`. */
  readonly path: string;
  readonly body: unknown;
}

/**
 * The command id of an `Idempotency-Key`: a UUID derived from the caller and the key, never the raw
 * key. Two callers who happen to pick the same key send two commands (and open two records); only
 * the caller who used a key can have a command answered as its retry.
 */
export function boundCommandId(caller: Caller, key: string): string {
  return deterministicUuid(`idempotency-key\n${caller.issuer}\n${caller.subject}\n${key}`);
}

/**
 * The fingerprint stored with a command's events: SHA-256 of the method, path and body in canonical
 * JSON (key order does not matter). The same key with another fingerprint is another request: 422.
 */
export function requestFingerprint(request: CommandRequest): string {
  const text = canonicalJson({
    method: request.method.toUpperCase(),
    path: request.path,
    body: request.body ?? {},
  });
  return `sha256:${hash('sha256', text)}`;
}
