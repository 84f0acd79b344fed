import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
import { ExpectedRevision, NO_STREAM_REVISION, expectationHolds } from '../../port/expected-revision';
import { StoredEventRef, classifyRetry } from '../../port/idempotency';
import { validateAppend, validatePurge } from '../../port/validate-append';
import { LocalWake } from '../../subscription/local-wake';
import { migrateSqlite } from './sqlite-schema';

export type SqliteSynchronous = 'FULL' | 'EXTRA' | 'NORMAL' | 'OFF';

export interface SqliteEventStoreOptions {
  /** File path, or `:memory:`. */
  readonly file: string;
  /**
   * `FULL` (the default) syncs the write-ahead log on every commit: an acknowledged append
   * survives a crash of the process or of the machine. `NORMAL` and `OFF` exist for benchmarks.
   */
  readonly synchronous?: SqliteSynchronous;
  /** Commit the appends waiting in the same tick in one transaction (one sync for all). Default true. */
  readonly groupCommit?: boolean;
  /** How often subscribers look for events written by other processes (ms). */
  readonly pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock (ms). */
  readonly busyTimeoutMs?: number;
}

interface PendingAppend {
  readonly streamId: string;
  readonly events: readonly NewEvent[];
  readonly expected: ExpectedRevision;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

interface EventRow {
  global_position: bigint;
  stream_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** Streams whose last revision a store object remembers for `knownRevision`. */
const MAX_WRITTEN_STREAMS = 100_000;
/** A snapshot waiting for the next commit, already serialised (the caller's objects may change). */
interface PendingSnapshot {
  readonly params: [string, string, number, string, string, string, string, string, number, string];
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface SnapshotRow {
  stream_id: string;
  machine_version: string;
  revision: number;
  event_id: string;
  state: string;
  commands: string;
}

const COLUMNS = 'global_position, stream_id, revision, event_id, type, data, metadata, recorded_at';

/**
 * The embedded default: one file, no server, WAL journal and a sync on every commit.
 * Appends arriving together are committed together (group commit), each one still checked
 * and applied on its own (a savepoint each), so one refused append never fails its neighbours.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly appended = new LocalWake();
  private queue: PendingAppend[] = [];
  private snapshotQueue: PendingSnapshot[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly statements;
  /**
   * Revisions this connection wrote, valid while no other connection commits (`PRAGMA
   * data_version` unchanged since `seenDataVersion`): `knownRevision` answers from them.
   */
  private readonly written = new Map<string, number>();
  private seenDataVersion: number | undefined;
  /**
   * Transaction functions made once: better-sqlite3 builds a wrapper (and its four variants) for
   * every `db.transaction(fn)` call, ≈ 7 µs each, a few percent of a durable single append.
   */
  private readonly appendAlone;
  private readonly appendGroup;
  private readonly snapshotsAlone;

  constructor(private readonly options: SqliteEventStoreOptions) {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`);
    this.db.pragma('foreign_keys = ON');
    // A purge (retention) must not leave the deleted events' bytes in free pages.
    this.db.pragma('secure_delete = ON');
    migrateSqlite(this.db);
    this.statements = {
      streamRevision: this.db.prepare<[string], { revision: number }>(
        'SELECT revision FROM streams WHERE stream_id = ?',
      ),
      setStreamRevision: this.db.prepare(
        `INSERT INTO streams (stream_id, revision) VALUES (?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision`,
      ),
      insertEvent: this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      findEvent: this.db
        .prepare<
          [string],
          { event_id: string; stream_id: string; revision: bigint; global_position: bigint }
        >('SELECT event_id, stream_id, revision, global_position FROM events WHERE event_id = ?')
        .safeIntegers(true),
      deleteStream: this.db.prepare<[string]>('DELETE FROM events WHERE stream_id = ?'),
      readForwards: this.db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
        )
        .safeIntegers(true),
      readBackwards: this.db
        .prepare<[string, number, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
        )
        .safeIntegers(true),
      readAll: this.db
        .prepare<[bigint, number], EventRow>(
          `SELECT ${COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position ASC LIMIT ?`,
        )
        .safeIntegers(true),
      dataVersion: this.db.prepare<[], number>('PRAGMA data_version').pluck(),
      saveSnapshot: this.db.prepare(
        // Only while the event the state was folded up to is still there (a purge may have come
        // first), and never over a later snapshot of the same machine version.
        `INSERT INTO snapshots (stream_id, machine_version, revision, event_id, state, commands, written_at)
         SELECT ?, ?, ?, ?, ?, ?, ?
         WHERE EXISTS (SELECT 1 FROM events WHERE stream_id = ? AND revision = ? AND event_id = ?)
         ON CONFLICT (stream_id, machine_version) DO UPDATE SET
           revision = excluded.revision, event_id = excluded.event_id, state = excluded.state,
           commands = excluded.commands, written_at = excluded.written_at
         WHERE excluded.revision > snapshots.revision`,
      ),
      readSnapshot: this.db.prepare<[string, string], SnapshotRow>(
        `SELECT stream_id, machine_version, revision, event_id, state, commands FROM snapshots
         WHERE stream_id = ? AND machine_version = ?`,
      ),
      deleteSnapshots: this.db.prepare<[string]>('DELETE FROM snapshots WHERE stream_id = ?'),
      lastPosition: this.db
        .prepare<[], { position: bigint | null }>('SELECT max(global_position) AS position FROM events')
        .safeIntegers(true),
    };
    this.seenDataVersion = this.statements.dataVersion.get()!;
    this.appendAlone = this.db.transaction((pending: PendingAppend) => this.appendInTransaction(pending));
    this.appendGroup = this.db.transaction(
      (
        batch: readonly PendingAppend[],
        snapshots: readonly PendingSnapshot[],
        outcomes: ({ ok: true; result: AppendResult } | { ok: false; error: unknown })[],
      ): unknown => {
        for (const pending of batch) {
          this.db.exec('SAVEPOINT one_append');
          try {
            outcomes.push({ ok: true, result: this.appendInTransaction(pending) });
            this.db.exec('RELEASE one_append');
          } catch (error) {
            this.db.exec('ROLLBACK TO one_append');
            this.db.exec('RELEASE one_append');
            outcomes.push({ ok: false, error });
          }
        }
        // In the appends' commit, so no sync of their own; a failure leaves the appends alone.
        if (snapshots.length === 0) return undefined;
        this.db.exec('SAVEPOINT snapshots');
        try {
          this.writeSnapshots(snapshots);
          this.db.exec('RELEASE snapshots');
          return undefined;
        } catch (error) {
          this.db.exec('ROLLBACK TO snapshots');
          this.db.exec('RELEASE snapshots');
          return error ?? new Error('the snapshots could not be written');
        }
      },
    );
    this.snapshotsAlone = this.db.transaction((snapshots: readonly PendingSnapshot[]) =>
      this.writeSnapshots(snapshots),
    );
  }

  /**
   * Snapshots in the same file (ADR 0027). A save waits for the next commit: it joins the appends'
   * group commit when there are any in the same tick, or goes alone in a transaction that is not
   * synced (`synchronous = NORMAL` for that commit: the write-ahead log's next sync carries it).
   */
  readonly snapshots: SnapshotStore = {
    saveSnapshot: (snapshot) => this.saveSnapshot(snapshot),
    readSnapshot: async (streamId, machineVersion) => {
      const row = this.statements.readSnapshot.get(streamId, machineVersion);
      if (!row) return undefined;
      return {
        streamId: row.stream_id,
        machineVersion: row.machine_version,
        revision: Number(row.revision),
        eventId: row.event_id,
        state: JSON.parse(row.state),
        commands: JSON.parse(row.commands),
      };
    },
  };

  private saveSnapshot(snapshot: StreamSnapshot): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    let params: PendingSnapshot['params'];
    try {
      params = [
        snapshot.streamId,
        snapshot.machineVersion,
        snapshot.revision,
        snapshot.eventId,
        JSON.stringify(snapshot.state),
        JSON.stringify(snapshot.commands),
        new Date().toISOString(),
        snapshot.streamId,
        snapshot.revision,
        snapshot.eventId,
      ];
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.snapshotQueue.push({ params, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('the event store is closed'));
    try {
      validateAppend(streamId, events, options.expectedRevision);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected: options.expectedRevision, resolve, reject });
      if (this.options.groupCommit === false) {
        this.flush();
      } else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    const snapshots = this.snapshotQueue;
    this.snapshotQueue = [];
    if (batch.length === 0) {
      if (snapshots.length > 0) this.commitSnapshotsAlone(snapshots);
      return;
    }
    const outcomes: ({ ok: true; result: AppendResult } | { ok: false; error: unknown })[] = [];
    let snapshotError: unknown;
    if (batch.length === 1 && snapshots.length === 0) {
      // Alone in its transaction: a refusal rolls the transaction back, no savepoint needed.
      const [pending] = batch;
      let result: AppendResult;
      try {
        result = this.appendAlone.immediate(pending);
      } catch (error) {
        pending.reject(error);
        return;
      }
      if (result.written) this.noteWritten(pending.streamId, result.nextExpectedRevision);
      pending.resolve(result);
      if (result.written) this.appended.wake();
      return;
    }
    try {
      snapshotError = this.appendGroup.immediate(batch, snapshots, outcomes);
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      for (const pending of snapshots) pending.reject(error);
      return;
    }
    for (const pending of snapshots) {
      if (snapshotError === undefined) pending.resolve();
      else pending.reject(snapshotError);
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome.ok && outcome.result.written)
        this.noteWritten(pending.streamId, outcome.result.nextExpectedRevision);
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
    if (outcomes.some((o) => o.ok && o.result.written)) this.appended.wake();
  }

  private writeSnapshots(snapshots: readonly PendingSnapshot[]): void {
    for (const { params } of snapshots) this.statements.saveSnapshot.run(...params);
  }

  /**
   * Snapshots with no append to ride with: their own transaction, not synced. In WAL mode a
   * commit with `synchronous = NORMAL` is never torn, only possibly lost by a crash of the machine
   * until the log's next sync (the next append's commit syncs it): a lost snapshot is harmless.
   */
  private commitSnapshotsAlone(snapshots: readonly PendingSnapshot[]): void {
    const synchronous = this.options.synchronous ?? 'FULL';
    const relax = synchronous === 'FULL' || synchronous === 'EXTRA';
    try {
      if (relax) this.db.pragma('synchronous = NORMAL');
      this.snapshotsAlone.immediate(snapshots);
    } catch (error) {
      for (const pending of snapshots) pending.reject(error);
      return;
    } finally {
      if (relax) this.db.pragma(`synchronous = ${synchronous}`);
    }
    for (const pending of snapshots) pending.resolve();
  }

  private appendInTransaction({ streamId, events, expected }: PendingAppend): AppendResult {
    const stored: StoredEventRef[] = [];
    for (const event of events) {
      const row = this.statements.findEvent.get(event.id.toLowerCase());
      if (row) {
        stored.push({
          id: row.event_id,
          streamId: row.stream_id,
          revision: Number(row.revision),
          globalPosition: row.global_position,
        });
      }
    }
    const retry = classifyRetry(streamId, events, stored);
    if (retry !== 'new') return retry;

    const actual = this.statements.streamRevision.get(streamId)?.revision ?? NO_STREAM_REVISION;
    if (!expectationHolds(expected, actual)) throw new WrongExpectedRevisionError(streamId, expected, actual);

    const recordedAt = new Date().toISOString();
    let revision = actual;
    let position = 0n;
    const recorded: RecordedEvent[] = [];
    for (const event of events) {
      revision += 1;
      const id = event.id.toLowerCase();
      const data = JSON.stringify(event.data);
      const metadata = JSON.stringify(event.metadata);
      const info = this.statements.insertEvent.run(
        streamId,
        revision,
        id,
        event.type,
        data,
        metadata,
        recordedAt,
      );
      position = BigInt(info.lastInsertRowid);
      recorded.push(
        toRecordedEvent({
          global_position: position,
          stream_id: streamId,
          revision: BigInt(revision),
          event_id: id,
          type: event.type,
          data,
          metadata,
          recorded_at: recordedAt,
        }),
      );
    }
    this.statements.setStreamRevision.run(streamId, revision);
    return { nextExpectedRevision: revision, lastGlobalPosition: position, written: true, recorded };
  }

  async purgeStream(streamId: string, tombstone: NewEvent, options: PurgeOptions): Promise<AppendResult> {
    if (this.closed) throw new Error('the event store is closed');
    validatePurge(streamId, tombstone, options.expectedRevision);
    this.flush();
    const result = this.db
      .transaction((): AppendResult => {
        const row = this.statements.findEvent.get(tombstone.id.toLowerCase());
        const stored = row
          ? [
              {
                id: row.event_id,
                streamId: row.stream_id,
                revision: Number(row.revision),
                globalPosition: row.global_position,
              },
            ]
          : [];
        const retry = classifyRetry(streamId, [tombstone], stored);
        if (retry !== 'new') return retry;
        const actual = this.statements.streamRevision.get(streamId)?.revision ?? NO_STREAM_REVISION;
        if (actual !== options.expectedRevision) {
          throw new WrongExpectedRevisionError(streamId, options.expectedRevision, actual);
        }
        this.statements.deleteStream.run(streamId);
        // The snapshots hold the case's context: they go with its events, in this transaction.
        this.statements.deleteSnapshots.run(streamId);
        return this.appendInTransaction({
          streamId,
          events: [tombstone],
          expected: actual,
          resolve: () => undefined,
          reject: () => undefined,
        });
      })
      .immediate();
    if (result.written) {
      this.noteWritten(streamId, result.nextExpectedRevision);
      // Copy the overwritten pages into the file and empty the write-ahead log, which still holds
      // the deleted events' earlier frames (best effort: another process reading may delay it).
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.appended.wake();
    }
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const max = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.statements.readBackwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, max)
        : this.statements.readForwards.all(streamId, options.fromRevision ?? 0, max);
    return rows.map(toRecordedEvent);
  }

  knownRevision(streamId: string): number | undefined {
    const version = this.statements.dataVersion.get()!;
    if (version !== this.seenDataVersion) {
      // Another connection (process) committed since: what this one wrote may be behind.
      this.written.clear();
      this.seenDataVersion = version;
      return undefined;
    }
    return this.written.get(streamId);
  }

  /** Notes a revision this connection has just committed (bounded: the oldest are forgotten). */
  private noteWritten(streamId: string, revision: number): void {
    this.written.delete(streamId);
    this.written.set(streamId, revision);
    if (this.written.size > MAX_WRITTEN_STREAMS) this.written.delete(this.written.keys().next().value!);
  }

  async streamRevision(streamId: string): Promise<number> {
    return this.statements.streamRevision.get(streamId)?.revision ?? NO_STREAM_REVISION;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.statements.readAll.all(options.after ?? 0n, options.maxCount ?? -1).map(toRecordedEvent);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.appended.subscribe(
      async (after, maxCount) => (this.closed ? [] : this.readAll({ after, maxCount })),
      options,
      this.options.pollIntervalMs ?? 200,
    );
  }

  async health(): Promise<StoreHealth> {
    try {
      const last = this.statements.lastPosition.get()?.position ?? 0n;
      return {
        ok: true,
        kind: this.kind,
        details: {
          file: this.options.file,
          journalMode: this.db.pragma('journal_mode', { simple: true }),
          synchronous: this.options.synchronous ?? 'FULL',
          groupCommit: this.options.groupCommit !== false,
          lastGlobalPosition: last.toString(),
        },
      };
    } catch (error) {
      return { ok: false, kind: this.kind, details: { error: (error as Error).message } };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    this.appended.close();
    this.db.close();
  }
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    revision: Number(row.revision),
    globalPosition: row.global_position,
    recordedAt: row.recorded_at,
  };
}
