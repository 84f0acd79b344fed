import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EventStore, openEventStore } from '@psp/event-store';
import { freshSchemaUrl } from '@psp/event-store/testing';
import { caseStreamId, eventHash } from '@psp/workflow';
import { DigestLog } from '../digest/digest-log';
import { writeDigests } from '../digest/digest-writer';
import { PURGE_TOMBSTONE_TYPE } from '../history/auditor-scope';
import { LIFECYCLE, step } from '../testing/case-steps';
import { describeFinding } from './findings';
import { verifyLog } from './verify-log';

/** Raw access to the store's tables, the way someone with database access would tamper with them. */
interface Tamper {
  /** Rewrites one field of an event's data. */
  alterData(streamId: string, revision: number, field: string, value: string): Promise<void>;
  /** Replaces an event's metadata. */
  setMetadata(streamId: string, revision: number, metadata: unknown): Promise<void>;
  deleteEvent(streamId: string, revision: number): Promise<void>;
  /** Swaps type, data and metadata of two rows (the rows keep their position, revision and id). */
  swapPayloads(streamId: string, a: number, b: number): Promise<void>;
  /** Deletes the last `count` events of the global log. */
  deleteTail(count: number): Promise<void>;
  close(): Promise<void>;
}

function sqliteTamper(file: string): Tamper {
  const db = new Database(file);
  return {
    alterData: async (streamId, revision, field, value) => {
      db.prepare(`UPDATE events SET data = json_set(data, ?, ?) WHERE stream_id = ? AND revision = ?`).run(
        `$.${field}`,
        value,
        streamId,
        revision,
      );
    },
    setMetadata: async (streamId, revision, metadata) => {
      db.prepare('UPDATE events SET metadata = ? WHERE stream_id = ? AND revision = ?').run(
        JSON.stringify(metadata),
        streamId,
        revision,
      );
    },
    deleteEvent: async (streamId, revision) => {
      db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = ?').run(streamId, revision);
    },
    swapPayloads: async (streamId, a, b) => {
      const read = db.prepare<[string, number], { type: string; data: string; metadata: string }>(
        'SELECT type, data, metadata FROM events WHERE stream_id = ? AND revision = ?',
      );
      const write = db.prepare(
        'UPDATE events SET type = ?, data = ?, metadata = ? WHERE stream_id = ? AND revision = ?',
      );
      db.transaction(() => {
        const rowA = read.get(streamId, a)!;
        const rowB = read.get(streamId, b)!;
        write.run(rowB.type, rowB.data, rowB.metadata, streamId, a);
        write.run(rowA.type, rowA.data, rowA.metadata, streamId, b);
      })();
    },
    deleteTail: async (count) => {
      db.prepare(
        'DELETE FROM events WHERE global_position IN (SELECT global_position FROM events ORDER BY global_position DESC LIMIT ?)',
      ).run(count);
    },
    close: async () => void db.close(),
  };
}

async function postgresTamper(url: string, schema: string): Promise<Tamper> {
  const parsed = new URL(url);
  parsed.searchParams.delete('schema');
  const client = new Client({ connectionString: parsed.toString(), options: `-c search_path=${schema}` });
  await client.connect();
  return {
    alterData: async (streamId, revision, field, value) => {
      await client.query(
        `UPDATE psp_events SET data = jsonb_set(data, $1::text[], to_jsonb($2::text)) WHERE stream_id = $3 AND revision = $4`,
        [[field], value, streamId, revision],
      );
    },
    setMetadata: async (streamId, revision, metadata) => {
      await client.query(
        'UPDATE psp_events SET metadata = $1::jsonb WHERE stream_id = $2 AND revision = $3',
        [JSON.stringify(metadata), streamId, revision],
      );
    },
    deleteEvent: async (streamId, revision) => {
      await client.query('DELETE FROM psp_events WHERE stream_id = $1 AND revision = $2', [
        streamId,
        revision,
      ]);
    },
    swapPayloads: async (streamId, a, b) => {
      await client.query(
        `UPDATE psp_events e SET type = o.type, data = o.data, metadata = o.metadata
         FROM psp_events o
         WHERE e.stream_id = $1 AND o.stream_id = $1
           AND ((e.revision = $2 AND o.revision = $3) OR (e.revision = $3 AND o.revision = $2))`,
        [streamId, a, b],
      );
    },
    deleteTail: async (count) => {
      await client.query(
        'DELETE FROM psp_events WHERE global_position IN (SELECT global_position FROM psp_events ORDER BY global_position DESC LIMIT $1)',
        [count],
      );
    },
    close: () => client.end(),
  };
}

const CASES = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];
const [A, B] = CASES.map(caseStreamId);

interface Setup {
  readonly store: EventStore;
  readonly tamper: Tamper;
  readonly cleanup: () => Promise<void>;
}

const stores: [string, (dir: string) => Promise<Setup>][] = [
  [
    'SQLite',
    async (dir) => {
      const file = join(dir, 'events.sqlite');
      const store = await openEventStore(`sqlite:${file}`);
      return { store, tamper: sqliteTamper(file), cleanup: async () => undefined };
    },
  ],
  [
    'PostgreSQL',
    async () => {
      const { url, schema, drop } = freshSchemaUrl('audit');
      const store = await openEventStore(url);
      return { store, tamper: await postgresTamper(url, schema), cleanup: drop };
    },
  ],
];

describe.each(stores)('tamper evidence on %s (ADR 0007)', (_name, open) => {
  let dir: string;
  let setup: Setup;
  let log: DigestLog;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'psp-audit-'));
    setup = await open(dir);
    log = new DigestLog(join(dir, 'digests'));
    // Interleaved: the two cases' events alternate in the global log.
    for (let i = 0; i < LIFECYCLE.length; i += 1) {
      for (const caseId of CASES) await step(setup.store, caseId, i);
    }
    await visible(14);
  });

  afterEach(async () => {
    await setup.tamper.close();
    await setup.store.close();
    await setup.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Waits until the global log shows `count` events: on PostgreSQL it shows an event once every
   * older transaction of the server has ended (ADR 0002), and other suites run beside this one.
   */
  const visible = async (count: number) => {
    for (let i = 0; i < 200 && (await setup.store.readAll()).length < count; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await setup.store.readAll()).toHaveLength(count);
  };
  const verify = () => verifyLog(setup.store, log, { batchSize: 5 });
  const positionOf = async (streamId: string, revision: number) =>
    (
      await setup.store.readStream(streamId, { fromRevision: revision, maxCount: 1 })
    )[0].globalPosition.toString();

  it('an untouched log verifies, with and without digests; the digest covers every event once', async () => {
    expect((await verify()).findings).toEqual([]);
    const written = await writeDigests(setup.store, log);
    expect(written).toHaveLength(1);
    expect(written[0].count).toBe(14);
    expect(await writeDigests(setup.store, log)).toEqual([]); // nothing new: no empty digest
    for (const i of [0, 1]) await step(setup.store, '00000000-0000-4000-8000-00000000000c', i);
    await visible(16);
    const next = await writeDigests(setup.store, log);
    expect(next.map((d) => [d.sequence, d.count, d.previousDigestHash])).toEqual([
      [2, 2, written[0].digestHash],
    ]);
    const result = await verify();
    expect(result).toMatchObject({ ok: true, events: 16, streams: 3, digests: 2, undigestedEvents: 0 });
  });

  it('altered data: the chain names the stream and revision, even before any digest', async () => {
    await setup.tamper.alterData(A, 3, 'submittedOn', '2024-01-23');
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.findings[0]).toMatchObject({
      kind: 'altered',
      streamId: A,
      revision: 3,
      globalPosition: await positionOf(A, 3),
    });
    expect(describeFinding(result.findings[0])).toContain(`stream ${A}, revision 3`);
  });

  it('altered data after a digest: the digest names the exact event', async () => {
    await writeDigests(setup.store, log);
    await setup.tamper.alterData(B, 2, 'completedOn', '2024-01-21');
    const result = await verify();
    expect(result.findings.map((f) => [f.kind, f.streamId, f.revision])).toEqual([['altered', B, 2]]);
    expect(result.findings[0].message).toContain('no longer matches digest #1');
  });

  it("the last event of a stream altered: no successor's link sees it, the digest does", async () => {
    await writeDigests(setup.store, log);
    await setup.tamper.alterData(A, 6, 'notifiedOn', '2024-03-06');
    const result = await verify();
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'altered',
        streamId: A,
        revision: 6,
        globalPosition: await positionOf(A, 6),
      }),
    ]);
  });

  it('a re-hashed chain (the event altered and every later previousHash recomputed) passes the chain, not the digest', async () => {
    await writeDigests(setup.store, log);
    await setup.tamper.alterData(A, 2, 'completedOn', '2024-01-25');
    const events = await setup.store.readStream(A);
    for (let r = 3; r < events.length; r += 1) {
      const fresh = await setup.store.readStream(A);
      await setup.tamper.setMetadata(A, r, { ...fresh[r].metadata, previousHash: eventHash(fresh[r - 1]) });
    }
    const withoutDigests = await verifyLog(setup.store, new DigestLog(join(dir, 'no-digests')));
    expect(withoutDigests.ok).toBe(true);
    const result = await verify();
    expect(result.findings[0]).toMatchObject({ kind: 'altered', streamId: A, revision: 2 });
  });

  it('a deleted event: the chain names the missing revision', async () => {
    const next = await positionOf(B, 5);
    await setup.tamper.deleteEvent(B, 4);
    const result = await verify();
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'removed', streamId: B, revision: 4, globalPosition: next }),
    ]);
  });

  it('a deleted event after a digest: named with its global position and event id', async () => {
    await writeDigests(setup.store, log);
    const [event] = await setup.store.readStream(B, { fromRevision: 4, maxCount: 1 });
    await setup.tamper.deleteEvent(B, 4);
    const result = await verify();
    const removed = result.findings.find((f) => f.kind === 'removed')!;
    expect(removed).toMatchObject({
      streamId: B,
      revision: 4,
      globalPosition: event.globalPosition.toString(),
    });
    expect(removed.message).toContain(event.id);
  });

  it('two events swapped (reordered): the digest says which event now sits where', async () => {
    await writeDigests(setup.store, log);
    await setup.tamper.swapPayloads(A, 2, 3);
    const result = await verify();
    expect(result.findings[0]).toMatchObject({
      kind: 'reordered',
      streamId: A,
      revision: 2,
      globalPosition: await positionOf(A, 2),
    });
    expect(result.findings[0].message).toContain('recorded at revision 3');
    expect(result.findings.every((f) => f.kind === 'reordered')).toBe(true);
  });

  it('the last events of the log removed: invisible to the chain, caught by the digest', async () => {
    await writeDigests(setup.store, log);
    const tail = (await setup.store.readAll()).slice(-2);
    await setup.tamper.deleteTail(2);
    const chainOnly = await verifyLog(setup.store, new DigestLog(join(dir, 'no-digests')));
    expect(chainOnly.ok).toBe(true);
    const result = await verify();
    expect(result.findings.map((f) => [f.kind, f.streamId, f.revision, f.globalPosition])).toEqual(
      tail.map((e) => ['removed', e.streamId, e.revision, e.globalPosition.toString()]),
    );
  });

  it('an edited digest log is itself reported', async () => {
    await writeDigests(setup.store, log);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const text = readFileSync(log.file, 'utf8');
    writeFileSync(log.file, text.replace('"count":14', '"count":13'));
    const result = await verify();
    expect(result.findings[0]).toMatchObject({ kind: 'digest' });
    expect(result.findings[0].message).toContain('digest #1');
  });

  describe('a retention purge (events 0..n deleted, a CaseRecordPurged tombstone at n+1)', () => {
    const purge = async (streamId: string, previousHash?: string) => {
      const events = await setup.store.readStream(streamId);
      const last = events[events.length - 1];
      for (const e of events) await setup.tamper.deleteEvent(streamId, e.revision);
      await setup.store.append(
        streamId,
        [
          {
            id: '11111111-1111-4111-8111-111111111111',
            type: PURGE_TOMBSTONE_TYPE,
            data: { purgedThroughRevision: last.revision, departement: '69' },
            metadata: {
              occurredAt: '2030-01-01T00:00:00.000Z',
              schemaVersion: 1,
              previousHash: previousHash ?? eventHash(last),
            },
          },
        ],
        { expectedRevision: last.revision },
      );
    };

    it('is accepted: the digests of the purged positions are covered by the tombstone', async () => {
      await writeDigests(setup.store, log);
      await purge(A);
      await visible(8);
      await writeDigests(setup.store, log);
      const result = await verify();
      expect(result.findings).toEqual([]);
    });

    it('a tombstone that does not chain to the purged record is reported', async () => {
      await writeDigests(setup.store, log);
      await purge(A, 'f'.repeat(64));
      const result = await verify();
      expect(result.findings).toEqual([
        expect.objectContaining({ kind: 'altered', streamId: A, revision: 6 }),
      ]);
    });

    it('anything else missing is still reported as removed', async () => {
      await writeDigests(setup.store, log);
      await purge(A);
      await setup.tamper.deleteEvent(B, 1);
      const result = await verify();
      expect(result.findings.length).toBeGreaterThan(0);
      for (const finding of result.findings) {
        expect(finding).toMatchObject({ kind: 'removed', streamId: B, revision: 1 });
      }
    });
  });
});
