import { RecordedEvent } from './envelope';
import { ReadStreamOptions } from './event-store.port';

/** Applies direction, start revision and count to a stream held in revision order. */
export function readStreamSlice(
  stream: readonly RecordedEvent[],
  options: ReadStreamOptions,
): RecordedEvent[] {
  const max = options.maxCount ?? Number.MAX_SAFE_INTEGER;
  if (options.direction === 'backwards') {
    const from = Math.min(options.fromRevision ?? stream.length - 1, stream.length - 1);
    return stream
      .slice(0, from + 1)
      .reverse()
      .slice(0, max);
  }
  return stream.slice(options.fromRevision ?? 0).slice(0, max);
}
