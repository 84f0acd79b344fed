import { IdempotencyConflictError } from './errors';
import { NewEvent } from './envelope';
import { AppendResult } from './event-store.port';

/** Where an event id of an incoming batch already stands in the store. */
export interface StoredEventRef {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly globalPosition: bigint;
}

/**
 * Decides what an append whose event ids may already be stored is (the way EventStoreDB treats
 * a retried write): none stored, a new append; the whole batch stored in this stream in the same
 * order, an idempotent retry answered with the first result and no write; anything else, a conflict.
 */
export function classifyRetry(
  streamId: string,
  events: readonly NewEvent[],
  stored: readonly StoredEventRef[],
): 'new' | AppendResult {
  if (stored.length === 0) return 'new';
  const byId = new Map(stored.map((ref) => [ref.id.toLowerCase(), ref]));
  const refs = events.map((event) => byId.get(event.id.toLowerCase()));
  const sameBatch =
    refs.every((ref): ref is StoredEventRef => ref !== undefined && ref.streamId === streamId) &&
    refs.every((ref, i) => i === 0 || ref!.revision === refs[i - 1]!.revision + 1);
  if (!sameBatch) {
    throw new IdempotencyConflictError(
      streamId,
      stored.map((ref) => ref.id),
    );
  }
  const last = refs[refs.length - 1]!;
  return { nextExpectedRevision: last.revision, lastGlobalPosition: last.globalPosition, written: false };
}
