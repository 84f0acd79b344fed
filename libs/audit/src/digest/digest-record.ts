import { createHash } from 'node:crypto';
import { GENESIS_HASH, canonicalJson } from '@psp/workflow';

/** One event as a digest remembers it: where it was, which it was, and its hash. */
export interface DigestLeaf {
  /** Global position (decimal string). */
  readonly position: string;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  /** `eventHash` of the event when the digest was taken. */
  readonly hash: string;
}

/**
 * One line of the digest log: the events appended after `afterPosition` up to `toPosition`, in
 * global order, each with its hash; a hash over those hashes; chained to the previous digest.
 */
export interface DigestRecord {
  readonly format: 1;
  /** 1, 2, 3… */
  readonly sequence: number;
  readonly createdAt: string;
  /** Exclusive lower bound (the previous digest's `toPosition`); null for the first digest. */
  readonly afterPosition: string | null;
  /** Global position of the last event covered. */
  readonly toPosition: string;
  readonly count: number;
  /** SHA-256 over the event hashes in global order, one per line. */
  readonly eventsHash: string;
  /** `digestHash` of the previous record, the genesis hash for the first. */
  readonly previousDigestHash: string;
  readonly leaves: readonly DigestLeaf[];
  /** SHA-256 over the canonical JSON of every other field. */
  readonly digestHash: string;
}

export const FIRST_DIGEST_PREVIOUS_HASH = GENESIS_HASH;

export function eventsHashOf(leaves: readonly Pick<DigestLeaf, 'hash'>[]): string {
  return createHash('sha256')
    .update(leaves.map((l) => l.hash).join('\n'))
    .digest('hex');
}

export function digestHashOf(record: Omit<DigestRecord, 'digestHash'>): string {
  const {
    format,
    sequence,
    createdAt,
    afterPosition,
    toPosition,
    count,
    eventsHash,
    previousDigestHash,
    leaves,
  } = record;
  return createHash('sha256')
    .update(
      canonicalJson({
        format,
        sequence,
        createdAt,
        afterPosition,
        toPosition,
        count,
        eventsHash,
        previousDigestHash,
        leaves,
      }),
    )
    .digest('hex');
}

/** Builds the next record of the log from the leaves it covers. */
export function sealDigest(
  previous: DigestRecord | undefined,
  leaves: readonly DigestLeaf[],
  createdAt: string,
): DigestRecord {
  const body = {
    format: 1 as const,
    sequence: (previous?.sequence ?? 0) + 1,
    createdAt,
    afterPosition: previous?.toPosition ?? null,
    toPosition: leaves[leaves.length - 1].position,
    count: leaves.length,
    eventsHash: eventsHashOf(leaves),
    previousDigestHash: previous?.digestHash ?? FIRST_DIGEST_PREVIOUS_HASH,
    leaves,
  };
  return { ...body, digestHash: digestHashOf(body) };
}
