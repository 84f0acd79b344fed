import type Database from 'better-sqlite3';

/**
 * Versioned schema, applied in order on open (each step once, in its own transaction).
 * Add a step to change the schema; never edit one that has shipped.
 */
const MIGRATIONS: readonly { version: number; description: string; sql: string }[] = [
  {
    version: 1,
    description: 'events and streams',
    sql: `
      CREATE TABLE events (
        global_position INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id       TEXT    NOT NULL,
        revision        INTEGER NOT NULL,
        event_id        TEXT    NOT NULL UNIQUE,
        type            TEXT    NOT NULL,
        data            TEXT    NOT NULL,
        metadata        TEXT    NOT NULL,
        recorded_at     TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );
      CREATE TABLE streams (
        stream_id TEXT    PRIMARY KEY,
        revision  INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    description: 'snapshots of folded streams (ADR 0027)',
    // One row per stream and machine version, its latest: a snapshot is an optimisation, older
    // ones serve nothing. Not WITHOUT ROWID: a row (state and command index) is a few kilobytes.
    sql: `
      CREATE TABLE snapshots (
        stream_id       TEXT    NOT NULL,
        machine_version TEXT    NOT NULL,
        revision        INTEGER NOT NULL,
        event_id        TEXT    NOT NULL,
        state           TEXT    NOT NULL,
        commands        TEXT    NOT NULL,
        written_at      TEXT    NOT NULL,
        PRIMARY KEY (stream_id, machine_version)
      );
    `,
  },
];

export const SQLITE_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export function migrateSqlite(db: Database.Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map(
      (r) => r.version,
    ),
  );
  for (const step of MIGRATIONS) {
    if (applied.has(step.version)) continue;
    db.transaction(() => {
      db.exec(step.sql);
      db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(
        step.version,
        step.description,
        new Date().toISOString(),
      );
    }).immediate();
  }
  return SQLITE_SCHEMA_VERSION;
}
