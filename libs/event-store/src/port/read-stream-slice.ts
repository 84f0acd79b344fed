import { RecordedEvent } from './envelope';
import { ReadStreamOptions } from './event-store.port';

/**
 * Applies direction, start revision and count to a stream held in revision order. Works on
 * revisions, not indexes: a purged stream starts at its tombstone's revision.
 */
export function readStreamSlice(
  stream: readonly RecordedEvent[],
  options: ReadStreamOptions,
): RecordedEvent[] {
  const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
  if (options.direction === 'backwards') {
    const from = options.fromRevision ?? Number.MAX_SAFE_INTEGER;
    return stream
      .filter((event) => event.revision <= from)
      .reverse()
      .slice(0, max);
  }
  const from = options.fromRevision ?? 0;
  return stream.filter((event) => event.revision >= from).slice(0, max);
}
