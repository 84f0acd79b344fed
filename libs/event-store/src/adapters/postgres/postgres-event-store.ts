import { Pool, PoolClient, Client } from 'pg';
import { NewEvent, RecordedEvent } from '../../port/envelope';
import { WrongExpectedRevisionError } from '../../port/errors';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  PurgeOptions,
  ReadStreamOptions,
  StoreHealth,
  SubscribeOptions,
  Subscription,
} from '../../port/event-store.port';
import { SnapshotStore, StreamSnapshot } from '../../port/snapshot-store.port';
import { ExpectedRevision, NO_STREAM_REVISION } from '../../port/expected-revision';
import { StoredEventRef, classifyRetry } from '../../port/idempotency';
import { MAX_EVENTS_PER_APPEND, validateAppend, validatePurge } from '../../port/validate-append';
import { LocalWake } from '../../subscription/local-wake';
import { migratePostgres, schemaPool } from './postgres-schema';

export interface PostgresEventStoreOptions {
  /** A libpq URL; `?schema=name` (default `public`) chooses the schema the tables live in. */
  readonly url: string;
  readonly maxConnections?: number;
  /** How often subscribers look again when a NOTIFY may have been missed or was not yet visible (ms). */
  readonly pollIntervalMs?: number;
}

/** Room for the events of one append inside one transaction's block of positions. */
const POSITIONS_PER_TRANSACTION = 16_384n;
if (BigInt(MAX_EVENTS_PER_APPEND) > POSITIONS_PER_TRANSACTION)
  throw new Error('append batch exceeds position block');

const NOTIFY_CHANNEL = 'psp_events_appended';

interface EventRow {
  global_position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

const COLUMNS = 'global_position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/**
 * PostgreSQL store for several API instances on one database server.
 *
 * Global order: a position is the appending transaction's id times 16384 plus the event's index
 * in the append, and readers of the global log only see positions below the oldest transaction
 * still running (`pg_snapshot_xmin`). A transaction that commits late therefore always lands
 * after every position a checkpoint has passed: no reader can skip it (docs/adr/0002).
 */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  private readonly pool: Pool;
  private readonly schema: string;
  private readonly connectionString: string;
  private readonly appended = new LocalWake();
  private listener?: Client;
  private listenerStarting?: Promise<void>;
  private closed = false;

  private constructor(private readonly options: PostgresEventStoreOptions) {
    const { pool, schema, connectionString } = schemaPool(options.url, { max: options.maxConnections ?? 10 });
    this.pool = pool;
    this.schema = schema;
    this.connectionString = connectionString;
  }

  static async open(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(options);
    const client = await store.pool.connect();
    try {
      await migratePostgres(client, store.schema);
    } catch (error) {
      client.release();
      await store.pool.end();
      throw error;
    }
    client.release();
    return store;
  }

  /**
   * Snapshots in the same schema (ADR 0027), each saved in a transaction of its own with
   * `synchronous_commit = off`: the save does not wait for the WAL flush (a crash may lose it,
   * never tear it), and it never joins an append's transaction.
   */
  readonly snapshots: SnapshotStore = {
    saveSnapshot: (snapshot) => this.saveSnapshot(snapshot),
    readSnapshot: async (streamId, machineVersion) => {
      const { rows } = await this.pool.query<{
        revision: string;
        event_id: string;
        state: string;
        commands: string;
      }>({
        name: 'psp_read_snapshot',
        text: 'SELECT revision, event_id, state, commands FROM psp_snapshots WHERE stream_id = $1 AND machine_version = $2',
        values: [streamId, machineVersion],
      });
      if (rows.length === 0) return undefined;
      return {
        streamId,
        machineVersion,
        revision: Number(rows[0].revision),
        eventId: rows[0].event_id,
        state: JSON.parse(rows[0].state),
        commands: JSON.parse(rows[0].commands),
      };
    },
  };

  private async saveSnapshot(snapshot: StreamSnapshot): Promise<void> {
    // Serialised at once: the caller's objects may change while we wait for a connection.
    const params = [
      snapshot.streamId,
      snapshot.machineVersion,
      snapshot.revision,
      snapshot.eventId.toLowerCase(),
      JSON.stringify(snapshot.state),
      JSON.stringify(snapshot.commands),
    ];
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL synchronous_commit = off');
      // The share lock on the event the state was folded up to orders the save with a purge:
      // a purge that deleted it first leaves nothing to lock (no row written), and a purge that
      // comes after waits for this commit, then deletes the snapshot with the stream.
      await client.query(
        `WITH folded_to AS (
           SELECT 1 FROM psp_events WHERE stream_id = $1 AND revision = $3 AND event_id = $4::uuid FOR SHARE
         )
         INSERT INTO psp_snapshots (stream_id, machine_version, revision, event_id, state, commands)
         SELECT $1, $2, $3, $4::uuid, $5, $6 FROM folded_to
         ON CONFLICT (stream_id, machine_version) DO UPDATE SET
           revision = excluded.revision, event_id = excluded.event_id, state = excluded.state,
           commands = excluded.commands, written_at = excluded.written_at
         WHERE excluded.revision > psp_snapshots.revision`,
        params,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    validateAppend(streamId, events, options.expectedRevision);
    const ids = events.map((event) => event.id.toLowerCase());
    const count = events.length;
    const claim = claimStatement(options.expectedRevision, {
      stream: '$1',
      count: '$2',
      expected: '$7',
      last: '$8',
    });
    const claimParams = exactClaimValues(options.expectedRevision, count);
    let rows: EventRow[];
    try {
      // One statement, one round trip, its own transaction (synchronous commit, as every append):
      // the claim of the revisions and the insert of the rows commit together or not at all. No
      // idempotency look-up up front: a retried batch either fails the claim (no row comes back)
      // or hits the unique event id, and `afterRefusal` then answers it as the first attempt did.
      // The rows as stored (jsonb, the recording time): given back as `recorded`, as a read returns them.
      ({ rows } = await this.pool.query<EventRow>({
        name: `psp_append_${claim.name}`,
        text: `WITH claim AS (${claim.sql} RETURNING revision)
         INSERT INTO psp_events (global_position, stream_id, revision, event_id, type, data, metadata)
         SELECT pg_current_xact_id()::text::bigint * ${POSITIONS_PER_TRANSACTION} + e.ord - 1,
                $1, claim.revision - $2::bigint + e.ord, e.event_id, e.type, e.data, e.metadata
         FROM claim, unnest($3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[])
              WITH ORDINALITY AS e(event_id, type, data, metadata, ord)
         RETURNING ${COLUMNS}`,
        values: [
          streamId,
          count,
          ids,
          events.map((e) => e.type),
          events.map((e) => JSON.stringify(e.data)),
          events.map((e) => JSON.stringify(e.metadata)),
          ...claimParams,
        ],
      }));
    } catch (error) {
      // A concurrent writer stored the same event ids or revisions first.
      if (isUniqueViolation(error)) return this.refused(streamId, events, options.expectedRevision);
      throw error;
    }
    if (rows.length === 0) return this.refused(streamId, events, options.expectedRevision);
    this.appended.wake();
    this.notifyOthers();
    const recorded = rows.map(toRecordedEvent).sort((a, b) => a.revision - b.revision);
    const last = recorded[recorded.length - 1].revision;
    return {
      nextExpectedRevision: last,
      lastGlobalPosition: recorded.reduce((max, e) => (e.globalPosition > max ? e.globalPosition : max), 0n),
      written: true,
      recorded,
    };
  }

  /** `afterRefusal` on a connection of its own. */
  private async refused(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const client = await this.pool.connect();
    try {
      return await this.afterRefusal(client, streamId, events, expected);
    } finally {
      client.release();
    }
  }

  async purgeStream(streamId: string, tombstone: NewEvent, options: PurgeOptions): Promise<AppendResult> {
    validatePurge(streamId, tombstone, options.expectedRevision);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const retry = classifyRetry(
        streamId,
        [tombstone],
        await findStored(client, [tombstone.id.toLowerCase()]),
      );
      if (retry !== 'new') {
        await client.query('ROLLBACK');
        return retry;
      }
      // The row lock on the stream orders the purge with any append to the same stream.
      const last = await claimRevisions(client, streamId, options.expectedRevision, 1);
      if (last === undefined) {
        await client.query('ROLLBACK');
        throw new WrongExpectedRevisionError(
          streamId,
          options.expectedRevision,
          await revisionOf(client, streamId),
        );
      }
      await client.query('DELETE FROM psp_events WHERE stream_id = $1', [streamId]);
      // The snapshots hold the case's context: they go with its events, in this transaction.
      await client.query('DELETE FROM psp_snapshots WHERE stream_id = $1', [streamId]);
      const { rows } = await client.query<{ global_position: string }>(
        `INSERT INTO psp_events (global_position, stream_id, revision, event_id, type, data, metadata)
         VALUES (pg_current_xact_id()::text::bigint * ${POSITIONS_PER_TRANSACTION}, $1, $2, $3, $4, $5, $6)
         RETURNING global_position`,
        [
          streamId,
          last,
          tombstone.id.toLowerCase(),
          tombstone.type,
          JSON.stringify(tombstone.data),
          JSON.stringify(tombstone.metadata),
        ],
      );
      await client.query('COMMIT');
      this.appended.wake();
      this.notifyOthers();
      return {
        nextExpectedRevision: last,
        lastGlobalPosition: BigInt(rows[0].global_position),
        written: true,
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (isUniqueViolation(error)) {
        const retry = classifyRetry(
          streamId,
          [tombstone],
          await findStored(client, [tombstone.id.toLowerCase()]),
        );
        if (retry !== 'new') return retry;
      }
      throw error;
    } finally {
      client.release();
    }
  }

  private notifyScheduled = false;

  /**
   * Wakes subscribers in other processes. Sent after the commit, at most once per few milliseconds:
   * a NOTIFY inside the append's transaction would serialise every commit on the notification queue.
   */
  private notifyOthers(): void {
    if (this.notifyScheduled || this.closed) return;
    this.notifyScheduled = true;
    setTimeout(() => {
      this.notifyScheduled = false;
      if (this.closed) return;
      this.pool.query(`SELECT pg_notify('${NOTIFY_CHANNEL}', '')`).catch(() => undefined);
    }, 5);
  }

  /** After a refused claim: an idempotent retry that lost a race, or a real conflict. */
  private async afterRefusal(
    client: PoolClient,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const stored = await findStored(
      client,
      events.map((e) => e.id.toLowerCase()),
    );
    const retry = classifyRetry(streamId, events, stored);
    if (retry !== 'new') return retry;
    throw new WrongExpectedRevisionError(streamId, expected, await revisionOf(client, streamId));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    // Prepared once per connection (named): a command reads its stream every time, and parsing and
    // planning the same statement again cost the server more than running it.
    const { rows } = await this.pool.query<EventRow>({
      name: backwards ? 'psp_read_stream_backwards' : 'psp_read_stream',
      text: `SELECT ${COLUMNS} FROM psp_events
       WHERE stream_id = $1 AND revision ${backwards ? '<=' : '>='} $2
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'} LIMIT $3`,
      values: [
        streamId,
        options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0),
        options.maxCount ?? null,
      ],
    });
    return rows.map(toRecordedEvent);
  }

  async streamRevision(streamId: string): Promise<number> {
    return revisionOf(this.pool, streamId);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    // Prepared (the projector reads on every nudge); its generic plan is the primary key's range
    // scan, as the custom ones are.
    const { rows } = await this.pool.query<EventRow>({
      name: 'psp_read_all',
      text: `SELECT ${COLUMNS} FROM psp_events
       WHERE global_position > $1
         AND global_position < pg_snapshot_xmin(pg_current_snapshot())::text::bigint * ${POSITIONS_PER_TRANSACTION}
       ORDER BY global_position ASC LIMIT $2`,
      values: [(options.after ?? -1n).toString(), options.maxCount ?? null],
    });
    return rows.map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    void this.ensureListener();
    return this.appended.subscribe(
      (after, maxCount) => this.readAll({ after, maxCount }),
      options,
      this.options.pollIntervalMs ?? 100,
    );
  }

  /** One LISTEN connection per store wakes every subscriber when another instance appends. */
  private ensureListener(): Promise<void> {
    if (this.listener || this.listenerStarting || this.closed)
      return this.listenerStarting ?? Promise.resolve();
    const client = new Client({ connectionString: this.connectionString });
    client.on('notification', () => this.appended.wake());
    client.on('error', () => {
      // Lost: subscribers keep polling; the next subscription opens a new listener.
      if (this.listener === client) this.listener = undefined;
    });
    this.listenerStarting = client
      .connect()
      .then(() => client.query(`LISTEN ${NOTIFY_CHANNEL}`))
      .then(() => {
        this.listener = client;
        if (this.closed) void client.end();
      })
      .catch(() => client.end().catch(() => undefined))
      .finally(() => {
        this.listenerStarting = undefined;
      });
    return this.listenerStarting;
  }

  async health(): Promise<StoreHealth> {
    try {
      const { rows } = await this.pool.query<{ position: string | null; version: string }>(
        'SELECT (SELECT max(global_position) FROM psp_events)::text AS position, current_setting($1) AS version',
        ['server_version'],
      );
      return {
        ok: true,
        kind: this.kind,
        details: {
          schema: this.schema,
          serverVersion: rows[0].version,
          lastGlobalPosition: rows[0].position ?? '0',
          pool: { total: this.pool.totalCount, idle: this.pool.idleCount, waiting: this.pool.waitingCount },
        },
      };
    } catch (error) {
      return { ok: false, kind: this.kind, details: { error: (error as Error).message } };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listenerStarting;
    this.appended.close();
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}

type Queryable = Pick<Pool, 'query'> | PoolClient;

async function revisionOf(db: Queryable, streamId: string): Promise<number> {
  const { rows } = await db.query<{ revision: string }>(
    'SELECT revision FROM psp_streams WHERE stream_id = $1',
    [streamId],
  );
  return rows.length === 0 ? NO_STREAM_REVISION : Number(rows[0].revision);
}

async function findStored(client: PoolClient, ids: readonly string[]): Promise<StoredEventRef[]> {
  const { rows } = await client.query<{
    event_id: string;
    stream_id: string;
    revision: string;
    global_position: string;
  }>(
    'SELECT event_id, stream_id, revision, global_position FROM psp_events WHERE event_id = ANY($1::uuid[])',
    [ids],
  );
  return rows.map((r) => ({
    id: r.event_id,
    streamId: r.stream_id,
    revision: Number(r.revision),
    globalPosition: BigInt(r.global_position),
  }));
}

/** Where a claim finds its values: the placeholders (`$n`) of the statement it is part of. */
interface ClaimPlaceholders {
  readonly stream: string;
  readonly count: string;
  /** An exact expectation only: the expected revision and the new last one. */
  readonly expected: string;
  readonly last: string;
}

/**
 * The claim on a stream's revisions (an append's, a purge's): moves the stream's revision forward
 * by the number of events if the expectation holds. With `RETURNING revision` it gives the new last
 * revision, or no row when the expectation does not hold; the row lock makes concurrent writers of
 * one stream wait for each other, and under READ COMMITTED the loser re-reads the row and finds
 * the expectation broken. One text per kind of expectation (`name`), so each can be prepared.
 */
function claimStatement(
  expected: ExpectedRevision,
  $: ClaimPlaceholders,
): { readonly name: string; readonly sql: string } {
  if (expected === 'no_stream') {
    return {
      name: 'no_stream',
      sql: `INSERT INTO psp_streams (stream_id, revision) VALUES (${$.stream}, ${$.count}::bigint - 1) ON CONFLICT DO NOTHING`,
    };
  }
  if (expected === 'any') {
    return {
      name: 'any',
      sql: `INSERT INTO psp_streams (stream_id, revision) VALUES (${$.stream}, ${$.count}::bigint - 1)
            ON CONFLICT (stream_id) DO UPDATE SET revision = psp_streams.revision + ${$.count}::bigint`,
    };
  }
  if (expected === 'stream_exists') {
    return {
      name: 'stream_exists',
      sql: `UPDATE psp_streams SET revision = revision + ${$.count}::bigint WHERE stream_id = ${$.stream}`,
    };
  }
  return {
    name: 'exact',
    sql: `UPDATE psp_streams SET revision = ${$.last}::bigint WHERE stream_id = ${$.stream} AND revision = ${$.expected}::bigint`,
  };
}

/** The values of a claim's `expected` and `last` placeholders: only an exact expectation has them. */
function exactClaimValues(expected: ExpectedRevision, count: number): number[] {
  return typeof expected === 'number' ? [expected, expected + count] : [];
}

/** A claim on its own (a purge's, in its transaction): the new last revision, or `undefined`. */
async function claimRevisions(
  client: PoolClient,
  streamId: string,
  expected: ExpectedRevision,
  count: number,
): Promise<number | undefined> {
  // Each placeholder must be used by the text: an exact claim reads no count, the others no revisions.
  const exact = typeof expected === 'number';
  const claim = claimStatement(
    expected,
    exact
      ? { stream: '$1', count: '', expected: '$2', last: '$3' }
      : { stream: '$1', count: '$2', expected: '', last: '' },
  );
  const result = await client.query<{ revision: string }>(
    `${claim.sql} RETURNING revision`,
    exact ? [streamId, ...exactClaimValues(expected, count)] : [streamId, count],
  );
  return result.rows.length === 0 ? undefined : Number(result.rows[0].revision);
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: Number(row.revision),
    globalPosition: BigInt(row.global_position),
    recordedAt: row.recorded_at.toISOString(),
  };
}
