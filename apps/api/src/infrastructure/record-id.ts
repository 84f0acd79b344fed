import { RECORD_ID } from '../cases/commands/command-fields';
import { RequestProblem } from './problem-details.filter';
import { problem } from './problem-details';

/** A registry id in a path (association, commission, session): anything else is simply not found. */
export function recordIdOr404(id: string): string {
  if (!RECORD_ID.test(id)) throw new RequestProblem(problem(404, 'not-found', 'Not found'));
  return id;
}

export function notFound(): RequestProblem {
  return new RequestProblem(problem(404, 'not-found', 'Not found'));
}
