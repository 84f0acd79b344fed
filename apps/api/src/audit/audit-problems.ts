import { Actor } from '@psp/security';
import { CannotReplayError, InvalidAsOfError, NotYetRecordedError } from '@psp/audit';
import { RequestProblem } from '../infrastructure/problem-details.filter';
import { problem } from '../infrastructure/problem-details';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Auditor tools. On a route naming a case, any other role reads 404 exactly as for a case that
 * does not exist (deny by default: the answer never tells whether the id exists); on the
 * log-wide routes, 403. A malformed id reads as 404.
 */
export function auditorOnly(actor: Actor, caseId?: string): void {
  const notFound = () => new RequestProblem(problem(404, 'not-found', 'Not found'));
  if (actor.role !== 'auditor') {
    if (caseId !== undefined) throw notFound();
    throw new RequestProblem(problem(403, 'forbidden', 'Forbidden', { detail: 'reserved to auditors' }));
  }
  if (caseId !== undefined && !UUID.test(caseId)) throw notFound();
}

/** Query parameters other than the allowed ones are refused, each named. */
export function onlyParameters(query: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(query).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new RequestProblem(
      problem(400, 'invalid-request', 'Invalid request', {
        detail: unknown.map((field) => `${field}: unknown parameter`).join('; '),
        errors: unknown.map((field) => ({ field, problems: ['unknown parameter'] })),
      }),
    );
  }
}

/** The audit library's expected failures as problem documents. */
export function auditProblem(error: unknown): never {
  if (error instanceof InvalidAsOfError) {
    throw new RequestProblem(
      problem(400, 'invalid-request', 'Invalid request', {
        detail: error.message,
        errors: [{ field: error.field, problems: [error.problem] }],
      }),
    );
  }
  if (error instanceof NotYetRecordedError) {
    throw new RequestProblem(
      problem(404, 'not-yet-recorded', 'Not recorded at that point', {
        detail: error.message,
      }),
    );
  }
  if (error instanceof CannotReplayError) {
    throw new RequestProblem(
      problem(409, 'cannot-replay', 'The case cannot be replayed', { detail: error.message }),
    );
  }
  throw error;
}
