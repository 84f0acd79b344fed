import Database from 'better-sqlite3';
import { sampleEvent } from '../fixtures/sample-event';
import { StoreContender } from './contender';
import { synchronousName } from './sqlite-synchronous';

/**
 * "The practical limit of the disk": better-sqlite3 with our durability settings (WAL,
 * synchronous=FULL), one INSERT per transaction into a table like ours (same columns, same
 * unique indexes on (stream_id, revision) and event_id), no stream row, no checks.
 */
export function rawSqlite(file: string): StoreContender {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS events (
    global_position INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id       TEXT    NOT NULL,
    revision        INTEGER NOT NULL,
    event_id        TEXT    NOT NULL UNIQUE,
    type            TEXT    NOT NULL,
    data            TEXT    NOT NULL,
    metadata        TEXT    NOT NULL,
    recorded_at     TEXT    NOT NULL,
    UNIQUE (stream_id, revision))`);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return {
    name: 'raw better-sqlite3 INSERT loop',
    async durability() {
      const journal = String(db.pragma('journal_mode', { simple: true }));
      const sync = Number(db.pragma('synchronous', { simple: true }));
      return `journal_mode=${journal}, synchronous=${synchronousName(sync)}`;
    },
    async appendOne(stream, revision) {
      const event = sampleEvent(stream, revision);
      // Autocommit: the INSERT is its own transaction, synced before run() returns.
      insert.run(
        stream,
        revision,
        event.id,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        new Date().toISOString(),
      );
    },
    async close() {
      db.close();
    },
  };
}
