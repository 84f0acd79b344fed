import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ReadModelDatabase, ReadModelTransaction, SqlValue } from './read-model-database';

/** The read model's SQLite page cache (KiB). */
export const READ_MODEL_CACHE_KIB = 64 * 1024;

interface GroupedWork {
  readonly work: (tx: ReadModelTransaction) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Read views in a SQLite file of their own. `synchronous=NORMAL` is enough here: a view and its
 * checkpoint commit together, so a commit lost in a power cut is simply projected again. Not `OFF`,
 * not even during a rebuild: the file also holds the serving views and every checkpoint, and a
 * power cut during an unsynced WAL checkpoint can corrupt the whole file, which no checkpoint can
 * resume from (docs/projector.md, "Rebuilding views").
 */
export class SqliteReadModel implements ReadModelDatabase {
  readonly dialect = 'sqlite' as const;
  /** One row per INSERT: no statement journal (ReadModelTransaction.rowsPerInsert). */
  readonly rowsPerInsert = 1;
  private readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  /** Transactions asked for and not started yet: the next group. */
  private waiting: GroupedWork[] = [];
  /** Prepared statements by SQL text: the projector runs the same few statements millions of times. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Several projector processes may write here (the API's, the CLI's rebuild): wait for the lock.
    this.db.pragma('busy_timeout = 30000');
    // A page cache of up to 64 MiB (SQLite's default is 2 MiB): a projector batch touches pages of
    // every view's tables and indexes all over the file (rows keyed by random case ids), and with
    // the default cache each statement read them back from the OS and spilled dirty ones to the
    // WAL mid-transaction. Measured on a loaded machine: the statements of a 100,000-event rebuild
    // took ≈ 40 % less time, and a 200,000-event one ≈ 0.8 s less system CPU (of ≈ 18 s); the
    // whole rebuild's CPU moved little (the case machine dominates). Grows only as pages are used.
    this.db.pragma(`cache_size = -${READ_MODEL_CACHE_KIB}`);
    // Temporary files in memory. Every view's work in a grouped commit, and every projector batch,
    // runs in a savepoint, and SQLite copies each page a savepoint changes, the first time, to a
    // sub-journal (to roll that savepoint back alone); past 64 KiB that sub-journal is a temporary
    // file. A 200,000-event rebuild wrote ≈ 52,000 pages (≈ 210 MB) there, a third of its writes,
    // for ≈ 0.3 s of system CPU; in memory they are copies. The savepoints stay (a failing view or
    // event is rolled back alone). The memory is what the same temporary files took in the OS page
    // cache, released at the end of each savepoint; it also holds the temporary sorts of queries
    // on this connection (the API's, small), never the analysts' own connections.
    this.db.pragma('temp_store = MEMORY');
  }

  othersCommitted(): number {
    return this.prepare('PRAGMA data_version').pluck().get() as number;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    this.prepare(sql).run(...params);
  }

  async all<Row>(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const statement = this.prepare(sql);
    return (statement.reader ? statement.all(...params) : (statement.run(...params), [])) as Row[];
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      // DDL changes the schema and invalidates nothing here, but is run once: keep only DML.
      if (!/^\s*(CREATE|DROP|ALTER)\b/i.test(sql)) {
        if (this.statements.size >= 500) this.statements.clear();
        this.statements.set(sql, statement);
      }
    }
    return statement;
  }

  /**
   * Transactions are serialised (better-sqlite3 has one connection, and a view's work may await)
   * and grouped: those asked for in the same turn of the event loop (the views woken by one nudge,
   * each with its share of the same batch) run one after another inside one `BEGIN IMMEDIATE …
   * COMMIT`, each in a savepoint of its own. A work that throws rolls back its own savepoint and
   * rejects its own promise; the others commit. One commit instead of one per view (ADR 0026).
   */
  transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, resolve, reject } as GroupedWork);
      if (this.waiting.length > 1) return;
      // The first of a group: it runs after the group in progress and after this turn of the
      // event loop, so that the transactions asked for meanwhile join it.
      this.queue = this.queue
        .then(() => new Promise<void>((next) => setImmediate(next)))
        .then(() => this.commitGroup());
    });
  }

  private async commitGroup(): Promise<void> {
    const group = this.waiting;
    this.waiting = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      this.db.exec('BEGIN IMMEDIATE');
      for (const item of group) {
        if (group.length > 1) this.db.exec('SAVEPOINT grouped_work');
        try {
          const value = await item.work(this);
          if (group.length > 1) this.db.exec('RELEASE grouped_work');
          outcomes.push({ ok: true, value });
        } catch (error) {
          if (!this.db.inTransaction) throw error;
          if (group.length > 1) {
            this.db.exec('ROLLBACK TO grouped_work');
            this.db.exec('RELEASE grouped_work');
          } else {
            this.db.exec('ROLLBACK');
          }
          outcomes.push({ ok: false, error });
        }
      }
      if (this.db.inTransaction) this.db.exec('COMMIT');
    } catch (error) {
      try {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
      } catch {
        // the connection is gone: nothing to roll back
      }
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }
}
