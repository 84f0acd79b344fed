import { ExpectedRevision } from './expected-revision';

/** The stream's revision is not the one the writer expected; nothing was written. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, -1 when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/**
 * Some of the events of an append were already written, but not as the same batch at the
 * same place (a retry that does not match the first attempt); nothing was written.
 */
export class IdempotencyConflictError extends Error {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(
      `stream ${streamId}: events ${eventIds.join(', ')} were already appended in another batch or stream`,
    );
    this.name = 'IdempotencyConflictError';
  }
}

/** An append broke the port's rules (empty batch, bad id, bad stream name); nothing was written. */
export class InvalidAppendError extends Error {
  readonly code = 'INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

export function isWrongExpectedRevision(error: unknown): error is WrongExpectedRevisionError {
  return error instanceof WrongExpectedRevisionError;
}
