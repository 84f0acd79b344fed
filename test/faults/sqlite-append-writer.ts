/**
 * Child process of the crash test: appends batches to the SQLite store as fast as it can,
 * several at a time (so group commit is exercised), and prints one line per acknowledged
 * append. The parent kills it with SIGKILL at a random moment.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@psp/event-store';

const file = process.argv[2];
const store = new SqliteEventStore({ file });
const STREAMS = 8;
const BATCH = 3;
const revisions = new Map<string, number>();

async function appendOne(streamId: string, round: number): Promise<void> {
  const expected = revisions.get(streamId);
  const batch = Array.from({ length: BATCH }, (_, i) => ({
    id: randomUUID(),
    type: 'CrashTestAppended',
    data: { round, part: i, of: BATCH, padding: 'x'.repeat(200) },
    metadata: { occurredAt: new Date().toISOString(), schemaVersion: 1 },
  }));
  const result = await store.append(streamId, batch, { expectedRevision: expected ?? 'no_stream' });
  revisions.set(streamId, result.nextExpectedRevision);
  process.stdout.write(
    `ack ${streamId} ${result.nextExpectedRevision} ${batch.map((e) => e.id).join(',')}\n`,
  );
}

async function main(): Promise<void> {
  process.stdout.write('ready\n');
  for (let round = 0; ; round += 1) {
    await Promise.all(Array.from({ length: STREAMS }, (_, s) => appendOne(`crash-${s}`, round)));
  }
}

void main();
