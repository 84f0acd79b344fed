import { RecordedEvent } from '@psp/event-store';
import { GENESIS_HASH, eventHash } from '@psp/workflow';
import { PURGE_TOMBSTONE_TYPE } from '../history/auditor-scope';
import { IntegrityFinding } from './findings';

/** What the check remembers of a stream between two of its events (the log is read in global order). */
interface StreamState {
  last: RecordedEvent;
  lastHash: string;
}

/** The purge contract: a tombstone at revision n+1 that chains to event n and says `purgedThroughRevision: n`. */
export interface PurgeTombstone {
  readonly streamId: string;
  readonly revision: number;
  readonly purgedThroughRevision: number;
  readonly previousHash: unknown;
  readonly globalPosition: string;
}

export function purgedThrough(event: RecordedEvent): number | undefined {
  const through = (event.data as { purgedThroughRevision?: unknown } | null)?.purgedThroughRevision;
  return typeof through === 'number' && Number.isInteger(through) ? through : undefined;
}

/**
 * Checks each stream's hash chain while the global log is read once, in order: every event must
 * follow its predecessor's revision and carry its hash (`previousHash`); a stream starts at
 * revision 0 from the genesis hash, or with a retention purge tombstone.
 * The chain catches an altered event (its successor's link breaks), a removed one (a revision gap)
 * and a reordering; it cannot see the removal of a stream's last events, nor a chain whose hashes
 * were all recomputed: the digests do (digest-verifier.ts).
 */
export class StreamChainCheck {
  private readonly streams = new Map<string, StreamState>();
  readonly findings: IntegrityFinding[] = [];
  readonly tombstones = new Map<string, PurgeTombstone>();
  /**
   * Events whose `previousHash` is not their predecessor's hash: the predecessor was altered, or
   * the successor was (or moved). Which one, the digests tell (see `blame`).
   */
  readonly brokenLinks: { previous: RecordedEvent; next: RecordedEvent }[] = [];

  get streamCount(): number {
    return this.streams.size;
  }

  add(event: RecordedEvent): void {
    const state = this.streams.get(event.streamId);
    const hash = eventHash(event);
    if (!state) this.first(event);
    else this.next(state, event);
    this.streams.set(event.streamId, { last: event, lastHash: hash });
  }

  /**
   * A purge tombstone read directly from its stream: on PostgreSQL the global log shows an event
   * only once every older transaction has ended, while the purged rows are gone at once.
   */
  addTombstone(event: RecordedEvent): void {
    if (!this.tombstones.has(event.streamId) && event.type === PURGE_TOMBSTONE_TYPE) this.first(event);
  }

  private first(event: RecordedEvent): void {
    if (event.type === PURGE_TOMBSTONE_TYPE) {
      const through = purgedThrough(event);
      if (through === undefined || through !== event.revision - 1) {
        this.report(
          'altered',
          event,
          `the purge tombstone says purgedThroughRevision ${String(through)}, not ${event.revision - 1}`,
        );
        return;
      }
      this.tombstones.set(event.streamId, {
        streamId: event.streamId,
        revision: event.revision,
        purgedThroughRevision: through,
        previousHash: event.metadata.previousHash,
        globalPosition: event.globalPosition.toString(),
      });
      return;
    }
    if (event.revision !== 0) {
      this.report(
        'removed',
        event,
        `the stream starts at revision ${event.revision}: revision(s) 0..${event.revision - 1} are missing, with no purge tombstone`,
      );
      return;
    }
    if (event.metadata.previousHash !== GENESIS_HASH) {
      this.report('altered', event, 'the first event of the stream does not start from the genesis hash');
    }
  }

  private next(state: StreamState, event: RecordedEvent): void {
    const previous = state.last;
    if (event.type === PURGE_TOMBSTONE_TYPE) {
      this.report(
        'inserted',
        event,
        `a purge tombstone after revision ${previous.revision}: the events it claims to purge are still there`,
      );
      return;
    }
    if (event.revision <= previous.revision) {
      this.report(
        'reordered',
        event,
        `revision ${event.revision} comes after revision ${previous.revision} (global position ${previous.globalPosition}) in the global log`,
      );
      return;
    }
    if (event.revision > previous.revision + 1) {
      this.findings.push({
        kind: 'removed',
        streamId: event.streamId,
        revision: previous.revision + 1,
        globalPosition: event.globalPosition.toString(),
        message: `revision(s) ${previous.revision + 1}..${event.revision - 1} are missing between global positions ${previous.globalPosition} and ${event.globalPosition}`,
      });
      return;
    }
    if (event.metadata.previousHash !== state.lastHash) this.brokenLinks.push({ previous, next: event });
  }

  private report(kind: IntegrityFinding['kind'], event: RecordedEvent, message: string): void {
    this.findings.push({
      kind,
      streamId: event.streamId,
      revision: event.revision,
      globalPosition: event.globalPosition.toString(),
      message,
    });
  }
}

/**
 * Names the altered event of a broken link: the one whose content no longer matches its digest
 * (already reported by the digest check), else the successor when the predecessor matches its
 * digest, else (nothing digested yet) the predecessor, saying it may be either.
 */
export function blameBrokenLink(
  link: { previous: RecordedEvent; next: RecordedEvent },
  digestStatus: (position: bigint) => 'intact' | 'wrong' | 'undigested',
): IntegrityFinding | undefined {
  const { previous, next } = link;
  const before = digestStatus(previous.globalPosition);
  const after = digestStatus(next.globalPosition);
  if (before === 'wrong' || after === 'wrong') return undefined;
  if (before === 'intact') {
    return {
      kind: 'altered',
      streamId: next.streamId,
      revision: next.revision,
      globalPosition: next.globalPosition.toString(),
      message: `its previousHash does not chain to revision ${previous.revision} (global position ${previous.globalPosition}), which matches its digest: this event was altered`,
    };
  }
  return {
    kind: 'altered',
    streamId: previous.streamId,
    revision: previous.revision,
    globalPosition: previous.globalPosition.toString(),
    message: `its content no longer matches the hash recorded by its successor (revision ${next.revision}, global position ${next.globalPosition}): this event, or its successor's link, was altered or moved`,
  };
}
