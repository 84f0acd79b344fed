import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SealedRecord, VaultStorage } from './vault-storage';

/** Vault at rest in its own SQLite file, apart from the events (same durability settings). */
export class SqliteVaultStorage implements VaultStorage {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS vault_records (
        person_ref TEXT PRIMARY KEY, wrapped_key BLOB NOT NULL, iv BLOB NOT NULL,
        ciphertext BLOB NOT NULL, tag BLOB NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS vault_erasures (person_ref TEXT PRIMARY KEY, erased_at TEXT NOT NULL) WITHOUT ROWID;
    `);
  }

  async put(personRef: string, sealed: SealedRecord): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO vault_records (person_ref, wrapped_key, iv, ciphertext, tag) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (person_ref) DO UPDATE SET wrapped_key = excluded.wrapped_key, iv = excluded.iv,
           ciphertext = excluded.ciphertext, tag = excluded.tag`,
      )
      .run(personRef, sealed.wrappedKey, sealed.iv, sealed.ciphertext, sealed.tag);
  }

  async get(personRef: string): Promise<SealedRecord | undefined> {
    const row = this.db
      .prepare<[string], { wrapped_key: Buffer; iv: Buffer; ciphertext: Buffer; tag: Buffer }>(
        'SELECT wrapped_key, iv, ciphertext, tag FROM vault_records WHERE person_ref = ?',
      )
      .get(personRef);
    return row && { wrappedKey: row.wrapped_key, iv: row.iv, ciphertext: row.ciphertext, tag: row.tag };
  }

  async erase(personRef: string, erasedAt: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM vault_records WHERE person_ref = ?').run(personRef);
      this.db
        .prepare('INSERT INTO vault_erasures (person_ref, erased_at) VALUES (?, ?) ON CONFLICT DO NOTHING')
        .run(personRef, erasedAt);
    })();
    // Deleted pages may still hold the old bytes: overwrite them now.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async isErased(personRef: string): Promise<boolean> {
    return this.db.prepare('SELECT 1 FROM vault_erasures WHERE person_ref = ?').get(personRef) !== undefined;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
