import {
  AppendStreamState,
  CurrentStreamState,
  Position,
  RecordedEvent as EsdbRecordedEvent,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { EventMetadata, RecordedEvent } from '../../port/envelope';
import { WrongExpectedRevisionError } from '../../port/errors';
import { ExpectedRevision, NO_STREAM_REVISION } from '../../port/expected-revision';

/**
 * Pure translations between the port and EventStoreDB/KurrentDB (docs/adr/0003).
 * Nothing here talks to a server, so all of it is covered by unit specs.
 */

/** An $all position this adapter cannot express as one bigint; nothing is delivered past it. */
export class EventStoreDbPositionError extends Error {
  readonly code = 'ESDB_POSITION';
  constructor(message: string) {
    super(message);
    this.name = 'EventStoreDbPositionError';
  }
}

/**
 * The port's global position of an event: its prepare position.
 *
 * Since server v20 every append is written as self-committed prepare records (no separate commit
 * record), and the server reports such an event at `(commit, prepare) = (its log position, its log
 * position)`. $all is ordered by `(commit, prepare)`, so with `commit === prepare` the prepare
 * position alone is strictly increasing in $all order. An event with `commit !== prepare` comes from
 * an explicit transaction written before v20 (TCP API); its prepare position can be lower than an
 * earlier event's, so it is refused rather than delivered with a position a checkpoint could skip.
 */
export function toGlobalPosition(position: Position | undefined, eventId: string): bigint {
  if (position === undefined) {
    throw new EventStoreDbPositionError(
      `event ${eventId} came without its $all position (the server must be 22.6 or later)`,
    );
  }
  if (position.commit !== position.prepare) {
    throw new EventStoreDbPositionError(
      `event ${eventId} sits at commit ${position.commit} / prepare ${position.prepare}: events written ` +
        'in explicit (pre-v20) transactions have no single-number position; this adapter cannot serve that database',
    );
  }
  return position.prepare;
}

/**
 * The $all position to start a read or a subscription at for the port's exclusive checkpoint
 * `after` (`undefined`: the start). A read from `{p, p}` includes the event at `p` (the server
 * compares `>=`), a subscription excludes it; callers drop events at or before `after` either way.
 */
export function toReadPosition(after: bigint | undefined): Position | 'start' {
  if (after === undefined || after < 0n) return 'start';
  return { commit: after, prepare: after };
}

/** True when an event at `position` is strictly after the port checkpoint `after`. */
export function isAfter(position: bigint, after: bigint | undefined): boolean {
  return after === undefined || position > after;
}

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  return typeof expected === 'number' ? BigInt(expected) : expected;
}

/** The port's revision (-1 when there is no stream) of the server's current stream state. */
export function toActualRevision(state: CurrentStreamState): number {
  if (state === 'no_stream') return NO_STREAM_REVISION;
  return state < 0n ? NO_STREAM_REVISION : Number(state);
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return (
    error instanceof WrongExpectedVersionError ||
    (typeof error === 'object' &&
      error !== null &&
      (error as { type?: unknown }).type === 'wrong-expected-version')
  );
}

/** The server refused the expectation: the port's error, with the revision the stream has. */
export function toWrongExpectedRevision(
  error: WrongExpectedVersionError,
  streamId: string,
  expected: ExpectedRevision,
): WrongExpectedRevisionError {
  return new WrongExpectedRevisionError(streamId, expected, toActualRevision(error.actualState));
}

export function isStreamNotFound(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { type?: unknown }).type === 'stream-not-found'
  );
}

/**
 * A recorded event as the port shows it. Data and metadata were written as JSON by `append`;
 * an event some other writer stored with binary metadata comes with empty metadata.
 */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const metadata =
    typeof event.metadata === 'object' &&
    event.metadata !== null &&
    !Array.isArray(event.metadata) &&
    !(event.metadata instanceof Uint8Array)
      ? (event.metadata as EventMetadata)
      : ({} as EventMetadata);
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    globalPosition: toGlobalPosition(event.position, event.id),
    recordedAt: event.created.toISOString(),
  };
}

/** System events ($metadata, $> links, $statsCollected…) are not part of the port's global log. */
export function isSystemEvent(event: Pick<EsdbRecordedEvent, 'type' | 'streamId'>): boolean {
  return event.type.startsWith('$') || event.streamId.startsWith('$');
}

/**
 * What health may show of a connection string: the scheme and the hosts, never the user
 * name, password or query parameters (which can name certificate files).
 */
export function describeConnectionString(connectionString: string): { scheme: string; hosts: string[] } {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?]*@)?([^/?#]*)/i.exec(connectionString.trim());
  if (!match) return { scheme: 'unknown', hosts: [] };
  return {
    scheme: match[1].toLowerCase(),
    hosts: match[2].split(',').filter((host) => host.length > 0),
  };
}
