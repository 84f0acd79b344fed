import { EventStore } from '@psp/event-store';
import { eventHash } from '@psp/workflow';
import { DigestLog } from './digest-log';
import { DigestLeaf, DigestRecord, sealDigest } from './digest-record';

export interface DigestWriterOptions {
  /** Events read per batch. */
  readonly batchSize?: number;
  /** Most events one digest record covers; a longer backlog gives several records. */
  readonly maxEventsPerDigest?: number;
}

/**
 * Records a digest of every event appended since the last digest (none when nothing was appended).
 * Run periodically by the API (DIGEST_INTERVAL_MS) and by `npm run cli -- digest`; the lock file
 * keeps two writers from recording the same range twice.
 */
export async function writeDigests(
  store: EventStore,
  log: DigestLog,
  now: () => Date = () => new Date(),
  options: DigestWriterOptions = {},
): Promise<DigestRecord[]> {
  const batchSize = options.batchSize ?? 1_000;
  const maxEvents = options.maxEventsPerDigest ?? 50_000;
  return log.withLock(async () => {
    const records = log.read();
    let previous = records[records.length - 1];
    const written: DigestRecord[] = [];
    let leaves: DigestLeaf[] = [];
    let after = previous ? BigInt(previous.toPosition) : undefined;
    const seal = () => {
      if (leaves.length === 0) return;
      const record = sealDigest(previous, leaves, now().toISOString());
      log.append(record);
      written.push(record);
      previous = record;
      leaves = [];
    };
    for (;;) {
      const batch = await store.readAll({ after, maxCount: batchSize });
      if (batch.length === 0) break;
      for (const event of batch) {
        leaves.push({
          position: event.globalPosition.toString(),
          streamId: event.streamId,
          revision: event.revision,
          eventId: event.id,
          hash: eventHash(event),
        });
        if (leaves.length >= maxEvents) seal();
      }
      after = batch[batch.length - 1].globalPosition;
    }
    seal();
    return written;
  });
}
