import { ProblemDetails } from './problem-details';

/** Refusals the HTTP layer itself raises (bad headers, out-of-scope access, hostile bodies). */
export class RequestProblem extends Error {
  constructor(readonly details: ProblemDetails) {
    super(details.detail ?? details.title);
  }
}
