import { RecordedEvent } from '@psp/event-store';
import { eventHash } from '@psp/workflow';
import {
  DigestLeaf,
  DigestRecord,
  FIRST_DIGEST_PREVIOUS_HASH,
  digestHashOf,
  eventsHashOf,
} from '../digest/digest-record';
import { IntegrityFinding } from './findings';
import { PurgeTombstone } from './stream-chain';

interface IndexedLeaf {
  readonly leaf: DigestLeaf;
  readonly sequence: number;
  seen: boolean;
}

/** The digest log's own chain: each record sealed, chained to the previous one, covering the next range. */
export function checkDigestChain(records: readonly DigestRecord[]): IntegrityFinding[] {
  const findings: IntegrityFinding[] = [];
  let previous: DigestRecord | undefined;
  for (const record of records) {
    const name = `digest #${record.sequence}`;
    const wrong = (message: string) =>
      findings.push({ kind: 'digest', globalPosition: record.toPosition, message: `${name}: ${message}` });
    const { digestHash, ...body } = record;
    if (digestHashOf(body) !== digestHash)
      wrong('its digestHash does not match its content (the digest log was edited)');
    if (record.sequence !== (previous?.sequence ?? 0) + 1)
      wrong(`follows digest #${previous?.sequence ?? 0}: a digest is missing`);
    if (record.previousDigestHash !== (previous?.digestHash ?? FIRST_DIGEST_PREVIOUS_HASH)) {
      wrong('does not chain to the previous digest (a digest was removed or replaced)');
    }
    if (record.afterPosition !== (previous?.toPosition ?? null))
      wrong('does not start where the previous digest ended');
    if (record.count !== record.leaves.length)
      wrong(`says ${record.count} events but lists ${record.leaves.length}`);
    if (eventsHashOf(record.leaves) !== record.eventsHash)
      wrong('its eventsHash does not match its event hashes');
    previous = record;
  }
  return findings;
}

/**
 * Compares the events read from the store with what the digests recorded: each digested position
 * must still hold the same event (same stream, revision and hash), and every digested event must
 * still be there unless a retention purge tombstone covers it.
 */
export class DigestCheck {
  private readonly byPosition = new Map<string, IndexedLeaf>();
  private readonly byStream = new Map<string, IndexedLeaf[]>();
  readonly findings: IntegrityFinding[] = [];
  /** Global position of the last digested event (undefined: no digest yet). */
  readonly coveredThrough?: bigint;
  undigested = 0;
  private readonly wrong = new Set<string>();

  constructor(records: readonly DigestRecord[]) {
    for (const record of records) {
      for (const leaf of record.leaves) {
        const indexed = { leaf, sequence: record.sequence, seen: false };
        this.byPosition.set(leaf.position, indexed);
        const list = this.byStream.get(leaf.streamId) ?? [];
        list.push(indexed);
        this.byStream.set(leaf.streamId, list);
      }
    }
    const last = records[records.length - 1];
    this.coveredThrough = last ? BigInt(last.toPosition) : undefined;
  }

  add(event: RecordedEvent): void {
    const position = event.globalPosition.toString();
    if (this.coveredThrough === undefined || event.globalPosition > this.coveredThrough) {
      this.undigested += 1;
      return;
    }
    const indexed = this.byPosition.get(position);
    const at = { streamId: event.streamId, revision: event.revision, globalPosition: position };
    if (!indexed) {
      this.findings.push({
        kind: 'inserted',
        ...at,
        message: 'this event lies in a digested range but no digest recorded it: it was added afterwards',
      });
      return;
    }
    indexed.seen = true;
    const { leaf, sequence } = indexed;
    const hash = eventHash(event);
    if (leaf.streamId === event.streamId && leaf.revision === event.revision && leaf.hash === hash) return;
    this.wrong.add(position);
    const moved = this.recordedElsewhere(event, leaf);
    if (moved) {
      this.findings.push({
        kind: 'reordered',
        ...at,
        message: `holds the event digest #${moved.sequence} recorded at revision ${moved.leaf.revision} (global position ${moved.leaf.position}); digest #${sequence} recorded ${describe(leaf)} here`,
      });
      return;
    }
    this.findings.push({
      kind: 'altered',
      ...at,
      message:
        leaf.streamId === event.streamId && leaf.revision === event.revision
          ? `its content no longer matches digest #${sequence} (hash ${leaf.hash.slice(0, 12)}…, now ${hash.slice(0, 12)}…)`
          : `digest #${sequence} recorded ${describe(leaf)} at this position`,
    });
  }

  /** Whether the event now at this position matches what a digest recorded there. */
  status(position: bigint): 'intact' | 'wrong' | 'undigested' {
    const key = position.toString();
    const indexed = this.byPosition.get(key);
    if (!indexed || !indexed.seen) return 'undigested';
    return this.wrong.has(key) ? 'wrong' : 'intact';
  }

  /** Streams with digested events the pass did not see (removed, or purged). */
  unseenStreams(): Set<string> {
    const streams = new Set<string>();
    for (const indexed of this.byPosition.values()) if (!indexed.seen) streams.add(indexed.leaf.streamId);
    return streams;
  }

  /** After the whole log was read: digested events that are gone, unless a purge tombstone covers them. */
  finish(tombstones: ReadonlyMap<string, PurgeTombstone>): void {
    for (const indexed of this.byPosition.values()) {
      if (indexed.seen) continue;
      const { leaf, sequence } = indexed;
      const tombstone = tombstones.get(leaf.streamId);
      const at = { streamId: leaf.streamId, revision: leaf.revision, globalPosition: leaf.position };
      if (tombstone && leaf.revision <= tombstone.purgedThroughRevision) {
        if (leaf.revision === tombstone.purgedThroughRevision && tombstone.previousHash !== leaf.hash) {
          this.findings.push({
            kind: 'altered',
            ...at,
            message: `the purge tombstone (revision ${tombstone.revision}) does not chain to the event digest #${sequence} recorded here`,
          });
        }
        continue;
      }
      this.findings.push({
        kind: 'removed',
        ...at,
        message: `digest #${sequence} recorded this event (id ${leaf.eventId}); it is no longer in the store and no purge covers it`,
      });
    }
  }

  /** The digested leaf of the same stream whose event this one is, moved to another place. */
  private recordedElsewhere(event: RecordedEvent, here: DigestLeaf): IndexedLeaf | undefined {
    for (const candidate of this.byStream.get(event.streamId) ?? []) {
      if (candidate.leaf === here) continue;
      const asThere = eventHash({ ...event, id: candidate.leaf.eventId, revision: candidate.leaf.revision });
      const sameId = eventHash({ ...event, revision: candidate.leaf.revision });
      if (asThere === candidate.leaf.hash || sameId === candidate.leaf.hash) return candidate;
    }
    return undefined;
  }
}

function describe(leaf: DigestLeaf): string {
  return `stream ${leaf.streamId} revision ${leaf.revision}`;
}
