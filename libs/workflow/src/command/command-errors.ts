import { RuleViolation } from '@psp/legal-kernel';

/** The machine or a rule refused the command; nothing was written (PD-6: it names the rule). */
export class CommandRefusedError extends Error {
  readonly code = 'COMMAND_REFUSED';
  constructor(
    readonly violations: readonly RuleViolation[],
    /** `state`: the case's state refuses it (409); `input`: the facts given break a rule (422). */
    readonly kind: 'state' | 'input' = 'state',
    /** For a state refusal: the commands the actor may issue now (what to do instead). */
    readonly available?: readonly string[],
  ) {
    super(violations.map((v) => `${v.rule}: ${v.message}`).join('; '));
    this.name = 'CommandRefusedError';
  }
}

/** The client's `If-Match` revision is not the stream's (412); nothing was written. */
export class StaleRevisionError extends Error {
  readonly code = 'STALE_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the resource is at revision ${actual}, not ${expected}`);
    this.name = 'StaleRevisionError';
  }
}

/** The stream does not exist, or the actor may not know that it does (404). */
export class StreamNotFoundError extends Error {
  readonly code = 'NOT_FOUND';
  constructor(readonly streamId: string) {
    super('not found');
    this.name = 'StreamNotFoundError';
  }
}

/** Other writers kept winning the race on this stream; nothing was written (409, try again). */
export class ConcurrencyExhaustedError extends Error {
  readonly code = 'CONCURRENCY_EXHAUSTED';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`stream ${streamId} changed under ${attempts} attempts in a row`);
    this.name = 'ConcurrencyExhaustedError';
  }
}

/**
 * The idempotency key was already used by this caller for another request: another record, another
 * command or another body (422, IETF Idempotency-Key draft); nothing was written.
 */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor(readonly commandId: string) {
    super('this Idempotency-Key was already used for another request (another record, command or body)');
    this.name = 'IdempotencyKeyReusedError';
  }
}
