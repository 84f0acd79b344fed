import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PendingPersonMatch, PersonCaseLink, SealedRecord, VaultStorage } from './vault-storage';

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
      CREATE TABLE IF NOT EXISTS person_index (
        blind_index TEXT NOT NULL, person_id TEXT NOT NULL, PRIMARY KEY (blind_index, person_id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS person_cases (
        case_id TEXT PRIMARY KEY, person_id TEXT NOT NULL, person_ref TEXT NOT NULL) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS person_cases_by_person ON person_cases (person_id);
      CREATE TABLE IF NOT EXISTS person_pending_matches (
        case_id TEXT PRIMARY KEY, candidate_person_id TEXT NOT NULL, blind_index TEXT NOT NULL) WITHOUT ROWID;
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

  async addIndexEntry(blindIndex: string, personId: string): Promise<void> {
    this.db
      .prepare('INSERT INTO person_index (blind_index, person_id) VALUES (?, ?) ON CONFLICT DO NOTHING')
      .run(blindIndex, personId);
  }

  async personsByIndex(blindIndex: string): Promise<readonly string[]> {
    return this.db
      .prepare<[string], { person_id: string }>(
        'SELECT person_id FROM person_index WHERE blind_index = ? ORDER BY person_id',
      )
      .all(blindIndex)
      .map((row) => row.person_id);
  }

  async linkCase(personId: string, link: PersonCaseLink): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO person_cases (case_id, person_id, person_ref) VALUES (?, ?, ?)
         ON CONFLICT (case_id) DO UPDATE SET person_id = excluded.person_id, person_ref = excluded.person_ref`,
      )
      .run(link.caseId, personId, link.personRef);
  }

  async casesOfPerson(personId: string): Promise<readonly PersonCaseLink[]> {
    return this.db
      .prepare<[string], { case_id: string; person_ref: string }>(
        'SELECT case_id, person_ref FROM person_cases WHERE person_id = ? ORDER BY case_id',
      )
      .all(personId)
      .map((row) => ({ caseId: row.case_id, personRef: row.person_ref }));
  }

  async personOfCase(caseId: string): Promise<string | undefined> {
    return this.db
      .prepare<[string], { person_id: string }>('SELECT person_id FROM person_cases WHERE case_id = ?')
      .get(caseId)?.person_id;
  }

  async putPendingMatch(match: PendingPersonMatch): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO person_pending_matches (case_id, candidate_person_id, blind_index) VALUES (?, ?, ?)
         ON CONFLICT (case_id) DO NOTHING`,
      )
      .run(match.caseId, match.candidatePersonId, match.blindIndex);
  }

  async pendingMatch(caseId: string): Promise<PendingPersonMatch | undefined> {
    const row = this.db
      .prepare<[string], { candidate_person_id: string; blind_index: string }>(
        'SELECT candidate_person_id, blind_index FROM person_pending_matches WHERE case_id = ?',
      )
      .get(caseId);
    return row && { caseId, candidatePersonId: row.candidate_person_id, blindIndex: row.blind_index };
  }

  async deletePendingMatch(caseId: string): Promise<void> {
    this.db.prepare('DELETE FROM person_pending_matches WHERE case_id = ?').run(caseId);
  }

  async forgetPerson(personId: string): Promise<void> {
    this.db.transaction(() => {
      const cases = this.db
        .prepare<[string], { case_id: string }>('SELECT case_id FROM person_cases WHERE person_id = ?')
        .all(personId);
      for (const { case_id } of cases)
        this.db.prepare('DELETE FROM person_pending_matches WHERE case_id = ?').run(case_id);
      this.db.prepare('DELETE FROM person_pending_matches WHERE candidate_person_id = ?').run(personId);
      this.db.prepare('DELETE FROM person_index WHERE person_id = ?').run(personId);
      this.db.prepare('DELETE FROM person_cases WHERE person_id = ?').run(personId);
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async unlinkCase(caseId: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM person_pending_matches WHERE case_id = ?').run(caseId);
      this.db.prepare('DELETE FROM person_cases WHERE case_id = ?').run(caseId);
    })();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
