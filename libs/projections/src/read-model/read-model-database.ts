/**
 * The database that holds the read views and the projectors' checkpoints. SQL is written once
 * in the portable subset both engines accept (`?` placeholders, `ON CONFLICT … DO UPDATE`,
 * TEXT / BIGINT / DOUBLE PRECISION columns) and each adapter runs it natively.
 */
export type SqlValue = string | number | bigint | null;

export interface ReadModelTransaction {
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
