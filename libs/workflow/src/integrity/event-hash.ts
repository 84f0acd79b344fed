import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The parts of a stored event that its hash covers: everything but where the store put it. */
export interface HashedEventContent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly type: string;
  readonly data: unknown;
  /** Includes `previousHash`, which chains the event to its predecessor in the stream. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Hash of the stream's predecessor of revision 0. */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 over the canonical JSON of the event: altering, removing or reordering an event breaks the chain. */
export function eventHash(event: HashedEventContent): string {
  return hash(
    'sha256',
    canonicalJson({
      id: event.id,
      streamId: event.streamId,
      revision: event.revision,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    }),
  );
}
