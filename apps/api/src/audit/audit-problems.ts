import { Actor } from '@psp/security';
import { CannotReplayError, InvalidAsOfError, NotYetRecordedError } from '@psp/audit';
import { RequestProblem } from '../infrastructure/problem-details.filter';
import { problem } from '../infrastructure/problem-details';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Auditor tools: 403 for every other role (nothing about the case is said); a malformed id reads as 404. */
export function auditorOnly(actor: Actor, caseId?: string): void {
  if (actor.role !== 'auditor') {
    throw new RequestProblem(problem(403, 'forbidden', 'Forbidden', { detail: 'reserved to auditors' }));
  }
  if (caseId !== undefined && !UUID.test(caseId))
    throw new RequestProblem(problem(404, 'not-found', 'Not found'));
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
