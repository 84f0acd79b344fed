/**
 * The database that holds the read views and the projectors' checkpoints. SQL is written once
 * in the portable subset both engines accept (`?` placeholders, `ON CONFLICT … DO UPDATE`,
 * TEXT / BIGINT / DOUBLE PRECISION columns) and each adapter runs it natively.
 */
export type SqlValue = string | number | bigint | null;

export interface ReadModelTransaction {
  /**
   * How many rows a view should put in one multi-row `INSERT` (undefined: as many as it likes,
   * a few hundred). On PostgreSQL each statement is a round trip, so rows go in hundreds per
   * statement. In SQLite a statement of several rows keeps a statement journal of every page it
   * touches (to undo itself alone on a conflict), written to a temporary file once it passes
   * 64 KiB: a 400-row INSERT of `indicator_facts` wrote ≈ 300 pages there, ≈ 85,000 pages
   * (≈ 350 MB, a third of all the writes) in a rebuild of 200,000 events. A one-row INSERT keeps
   * none, and a statement costs ≈ 3 µs in-process: SQLite answers 1.
   */
  readonly rowsPerInsert?: number;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  all<Row = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
}

export interface ReadModelDatabase extends ReadModelTransaction {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `work` in one transaction: all of it is committed, or none. */
  transaction<T>(work: (tx: ReadModelTransaction) => Promise<T>): Promise<T>;
  /**
   * A number that moves whenever another connection (another process) commits to this database
   * (SQLite's `PRAGMA data_version`); undefined where there is none (PostgreSQL). A cache of what
   * other processes may change is valid while it stands (ADR 0026).
   */
  othersCommitted?(): number;
  close(): Promise<void>;
}
