import { getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import { sampleEmmettEvent } from '../fixtures/sample-event';
import { StoreContender } from './contender';
import { synchronousName } from './sqlite-synchronous';

/**
 * Emmett's SQLite event store. `persistent: true` is its best configuration, the headline peer:
 * one connection kept open for every operation (`connectionOptions: { singleton: true }`).
 * Without it, its defaults: `getSQLiteEventStore({ fileName })` opens a new node-sqlite3
 * connection for every operation and sets only `PRAGMA journal_mode = WAL` on it; `synchronous`
 * stays at the library's compiled default, read back below through Emmett's own connection factory.
 */
export function emmettSqlite(file: string, persistent = false): StoreContender {
  const connection = persistent ? sqliteConnection({ fileName: file }) : undefined;
  const store = connection
    ? getSQLiteEventStore({ fileName: file, connectionOptions: { singleton: true, connection } })
    : getSQLiteEventStore({ fileName: file });
  let commitBusyRetries = 0;

  /**
   * Now and then Emmett's COMMIT fails with "SQLITE_BUSY: cannot commit transaction - SQL
   * statements in progress": node-sqlite3's `db.get`/`db.run` finalize their statement
   * asynchronously, and Emmett reads `UPDATE … RETURNING` with `db.get`, so that statement can
   * still be open when COMMIT runs. The transaction is rolled back and nothing is written; the
   * benchmark retries the same append (same expected version), counts it, and the time spent on
   * the failed attempt stays in the figures. Emmett console.logs every error it rethrows; those
   * logs are muted here (appends run one at a time, nothing else logs meanwhile).
   */
  async function retryingBusyCommit(work: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const log = console.log;
      console.log = () => undefined;
      try {
        await work();
        return;
      } catch (error) {
        if (!isBusyCommit(error) || attempt >= 5) throw error;
        commitBusyRetries += 1;
      } finally {
        console.log = log;
      }
    }
  }

  return {
    name: persistent
      ? 'Emmett getSQLiteEventStore (one persistent connection)'
      : 'Emmett getSQLiteEventStore (defaults: a connection per operation)',
    async durability() {
      const connection = sqliteConnection({ fileName: file });
      try {
        const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
        const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
        const busy = await connection.querySingle<{ timeout: number }>('PRAGMA busy_timeout');
        return (
          `journal_mode=${journal?.journal_mode}, synchronous=${synchronousName(Number(sync?.synchronous))} ` +
          `(not set by Emmett: node-sqlite3's compiled default), busy_timeout=${busy?.timeout} ms, ` +
          (persistent ? 'one connection kept open' : 'a new connection per operation')
        );
      } finally {
        connection.close();
      }
    },
    async appendOne(stream, revision) {
      // Emmett's stream versions count events: 0n is "no event yet", so expect `revision`.
      await retryingBusyCommit(() =>
        store.appendToStream(stream, [sampleEmmettEvent(stream, revision)], {
          expectedStreamVersion: BigInt(revision),
        }),
      );
    },
    async seedStream(stream, count) {
      const events = Array.from({ length: count }, (_, i) => sampleEmmettEvent(stream, i));
      await retryingBusyCommit(() => store.appendToStream(stream, events, { expectedStreamVersion: 0n }));
    },
    async readStream(stream) {
      return (await store.readStream(stream)).events.length;
    },
    anomalies() {
      return commitBusyRetries === 0
        ? undefined
        : `${commitBusyRetries} Emmett appends failed at COMMIT with "SQLITE_BUSY: cannot commit transaction - SQL statements in progress" ` +
            "(rolled back, nothing written) and were retried; the failed attempts' time is included";
    },
    async close() {
      // Without the singleton, Emmett closes its per-operation connections itself.
      connection?.close();
    },
  };
}

function isBusyCommit(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: string }).code === 'SQLITE_BUSY' &&
    error.message.includes('cannot commit transaction')
  );
}
