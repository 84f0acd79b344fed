/**
 * The optimistic-concurrency check every append makes:
 * - `no_stream`: the stream must not exist yet;
 * - `stream_exists`: the stream must have at least one event;
 * - `any`: no check;
 * - a number: the revision of the stream's last event must be exactly this one.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

/** Revision of a stream with no event. */
export const NO_STREAM_REVISION = -1;

export function expectationHolds(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === NO_STREAM_REVISION;
    case 'stream_exists':
      return actual > NO_STREAM_REVISION;
    default:
      return actual === expected;
  }
}

export function isValidExpectedRevision(value: unknown): value is ExpectedRevision {
  return (
    value === 'any' ||
    value === 'no_stream' ||
    value === 'stream_exists' ||
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
  );
}
