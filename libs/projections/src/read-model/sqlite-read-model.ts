import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ReadModelDatabase, ReadModelTransaction, SqlValue } from './read-model-database';

/**
 * Read views in a SQLite file of their own. `synchronous=NORMAL` is enough here: a view and its
 * checkpoint commit together, so a commit lost in a power cut is simply projected again.
 */
export class SqliteReadModel implements ReadModelDatabase {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  /** Prepared statements by SQL text: the projector runs the same few statements millions of times. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Several projector processes may write here (the API's, the CLI's rebuild): wait for the lock.
    this.db.pragma('busy_timeout = 30000');
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

  /** Transactions are serialised: better-sqlite3 has one connection, and a view's work may await. */
  transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }
}
