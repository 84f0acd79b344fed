import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { freshSchemaUrl, testEvent } from '@psp/event-store/testing';
import { PostgresEventStore } from './postgres-event-store';

/**
 * The trap a checkpointing reader falls into on PostgreSQL: transaction A takes a position,
 * transaction B takes a later one and commits first; a reader that sees B and moves its
 * checkpoint past it would never see A. These tests hold A open by hand and check that the
 * global log hides B until A is done, then gives A before B.
 */
describe('PostgreSQL global order under out-of-sequence commits (docs/adr/0002)', () => {
  let store: PostgresEventStore;
  let slow: Client;
  let schema: { url: string; schema: string; drop: () => Promise<void> };

  beforeEach(async () => {
    schema = freshSchemaUrl('order');
    store = await PostgresEventStore.open({ url: schema.url });
    const url = new URL(schema.url);
    url.searchParams.delete('schema');
    slow = new Client({ connectionString: url.toString(), options: `-c search_path=${schema.schema}` });
    await slow.connect();
  });
  afterEach(async () => {
    await slow.end();
    await store.close();
    await schema.drop();
  });

  /** Starts transaction A: it has written its event but not committed. */
  async function beginSlowAppend(streamId: string): Promise<string> {
    const id = randomUUID();
    await slow.query('BEGIN');
    await slow.query('INSERT INTO psp_streams (stream_id, revision) VALUES ($1, 0)', [streamId]);
    await slow.query(
      `INSERT INTO psp_events (global_position, stream_id, revision, event_id, type, data, metadata)
       VALUES (pg_current_xact_id()::text::bigint * 16384, $1, 0, $2, 'Slow', '{}', '{"occurredAt":"2024-01-01T00:00:00Z","schemaVersion":1}')`,
      [streamId, id],
    );
    return id;
  }

  it('hides a transaction that committed first until the earlier one commits, then gives both in order', async () => {
    const slowId = await beginSlowAppend('case-a');
    const fast = testEvent('Fast');
    await store.append('case-b', [fast], { expectedRevision: 'no_stream' });

    // B is committed and readable in its stream, but the global log must not pass A yet.
    expect((await store.readStream('case-b')).map((e) => e.id)).toEqual([fast.id]);
    expect(await store.readAll()).toEqual([]);

    await slow.query('COMMIT');
    expect((await store.readAll()).map((e) => e.id)).toEqual([slowId, fast.id]);
  });

  it('a checkpointing subscriber receives the late commit, not skipping it', async () => {
    const delivered: string[] = [];
    let checkpoint: bigint | undefined;
    const subscription = store.subscribeToAll({
      onEvent: (event) => {
        delivered.push(event.id);
        checkpoint = event.globalPosition;
      },
    });
    const slowId = await beginSlowAppend('case-a');
    const fast = testEvent('Fast');
    await store.append('case-b', [fast], { expectedRevision: 'no_stream' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(delivered).toEqual([]);
    expect(checkpoint).toBeUndefined();

    await slow.query('COMMIT');
    const deadline = Date.now() + 10_000;
    while (delivered.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await subscription.close();
    expect(delivered).toEqual([slowId, fast.id]);
  });

  it('a rolled-back transaction leaves no event and does not hold the log back', async () => {
    await beginSlowAppend('case-a');
    const fast = testEvent('Fast');
    await store.append('case-b', [fast], { expectedRevision: 'no_stream' });
    await slow.query('ROLLBACK');
    expect((await store.readAll()).map((e) => e.id)).toEqual([fast.id]);
  });
});
