import { RECORD_ID } from '../cases/commands/command-fields';
import { RequestProblem } from './problem-details.filter';
import { problem } from './problem-details';

export { RECORD_ID };

/** A registry id in a path (association, commission, session): anything else is simply not found. */
export function recordIdOr404(id: string): string {
  if (!RECORD_ID.test(id)) throw notFound();
  return id;
}

export function notFound(): RequestProblem {
  return new RequestProblem(problem(404, 'not-found', 'Not found'));
}
