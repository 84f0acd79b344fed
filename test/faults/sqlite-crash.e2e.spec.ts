import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@psp/event-store';

interface Ack {
  streamId: string;
  lastRevision: number;
  ids: string[];
}

/** Runs the writer until it has acknowledged `minAcks` appends, then kills it with SIGKILL. */
function runAndKill(file: string, minAcks: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, 'sqlite-append-writer.ts'), file],
      {
        cwd: join(__dirname, '..', '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acks: Ack[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [word, streamId, revision, ids] = line.split(' ');
        if (word !== 'ack') continue;
        acks.push({ streamId, lastRevision: Number(revision), ids: ids.split(',') });
        // Kill at a moment that depends on the run, mid-flight between appends.
        if (acks.length === minAcks) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`writer exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

describe('SQLite store killed with SIGKILL in the middle of appends', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psp-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([1, 2, 3])('run %i: every acknowledged event survives and no append is torn', async (run) => {
    const file = join(dir, `crash-${run}.sqlite`);
    const acks = await runAndKill(file, 200 + run * 137);
    expect(acks.length).toBeGreaterThanOrEqual(200);

    const store = new SqliteEventStore({ file });
    try {
      for (const ack of acks) {
        const stored = await store.readStream(ack.streamId, {
          fromRevision: ack.lastRevision - ack.ids.length + 1,
          maxCount: ack.ids.length,
        });
        expect(stored.map((e) => e.id)).toEqual(ack.ids);
      }
      const all = await store.readAll();
      const byStream = new Map<string, typeof all>();
      for (const event of all) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
      for (const [streamId, events] of byStream) {
        // Whole batches only: each append wrote 3 events with parts 0, 1, 2 of the same round.
        expect(events.length % 3).toBe(0);
        events.forEach((event, i) => {
          expect(event.revision).toBe(i);
          expect(event.data).toMatchObject({
            part: i % 3,
            round: (events[i - (i % 3)].data as { round: number }).round,
          });
        });
        expect(await store.streamRevision(streamId)).toBe(events.length - 1);
      }
      // The reopened store takes new appends where the stream left off.
      const [first] = byStream.keys();
      const revision = await store.streamRevision(first);
      const next = await store.append(
        first,
        [
          {
            id: '00000000-0000-4000-8000-00000000000' + run,
            type: 'AfterCrash',
            data: {},
            metadata: { occurredAt: '2024-01-01T00:00:00Z', schemaVersion: 1 },
          },
        ],
        { expectedRevision: revision },
      );
      expect(next.nextExpectedRevision).toBe(revision + 1);
    } finally {
      await store.close();
    }
  });
});
