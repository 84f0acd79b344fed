import { InvalidAppendError } from './errors';
import { NewEvent } from './envelope';
import { ExpectedRevision, isValidExpectedRevision } from './expected-revision';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;
export const MAX_EVENTS_PER_APPEND = 10_000;

/** The checks every adapter makes before it writes anything. */
export function validateAppend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): void {
  if (!STREAM_ID.test(streamId)) {
    throw new InvalidAppendError(
      `invalid stream id "${streamId.slice(0, 60)}": letters, digits, _ . : - (1–200)`,
    );
  }
  if (!isValidExpectedRevision(expected)) {
    throw new InvalidAppendError(`invalid expected revision ${String(expected)}`);
  }
  if (events.length === 0) throw new InvalidAppendError('an append needs at least one event');
  if (events.length > MAX_EVENTS_PER_APPEND) {
    throw new InvalidAppendError(`an append takes at most ${MAX_EVENTS_PER_APPEND} events`);
  }
  const seen = new Set<string>();
  for (const event of events) {
    if (!UUID.test(event.id)) throw new InvalidAppendError(`event id must be a UUID: ${String(event.id)}`);
    const id = event.id.toLowerCase();
    if (seen.has(id)) throw new InvalidAppendError(`event id ${id} appears twice in one append`);
    seen.add(id);
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > 200) {
      throw new InvalidAppendError('event type must be a non-empty string of at most 200 characters');
    }
    if (!event.metadata || typeof event.metadata.occurredAt !== 'string') {
      throw new InvalidAppendError(`event ${id}: metadata.occurredAt is required`);
    }
    if (!Number.isInteger(event.metadata.schemaVersion) || event.metadata.schemaVersion < 1) {
      throw new InvalidAppendError(`event ${id}: metadata.schemaVersion must be a positive integer`);
    }
  }
}

/** The checks before a purge: a valid tombstone, and the revision of an existing stream's last event. */
export function validatePurge(streamId: string, tombstone: NewEvent, expectedRevision: number): void {
  if (!Number.isSafeInteger(expectedRevision) || expectedRevision < 0) {
    throw new InvalidAppendError(
      `a purge needs the revision of the stream's last event, got ${expectedRevision}`,
    );
  }
  validateAppend(streamId, [tombstone], expectedRevision);
}
