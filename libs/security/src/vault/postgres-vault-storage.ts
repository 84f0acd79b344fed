import { openSchemaPool } from '@psp/event-store';
import { Pool } from 'pg';
import { PendingPersonMatch, PersonCaseLink, SealedRecord, VaultStorage } from './vault-storage';

/** Vault at rest in PostgreSQL, in tables of its own next to the events. */
export class PostgresVaultStorage implements VaultStorage {
  private constructor(private readonly pool: Pool) {}

  static async open(url: string): Promise<PostgresVaultStorage> {
    const pool = await openSchemaPool(url, { max: 4 });
    await pool.query(`
      CREATE TABLE IF NOT EXISTS psp_vault_records (
        person_ref text PRIMARY KEY, wrapped_key bytea NOT NULL, iv bytea NOT NULL,
        ciphertext bytea NOT NULL, tag bytea NOT NULL);
      CREATE TABLE IF NOT EXISTS psp_vault_erasures (person_ref text PRIMARY KEY, erased_at timestamptz NOT NULL);
      CREATE TABLE IF NOT EXISTS psp_person_index (
        blind_index text NOT NULL, person_id text NOT NULL, PRIMARY KEY (blind_index, person_id));
      CREATE TABLE IF NOT EXISTS psp_person_cases (
        case_id text PRIMARY KEY, person_id text NOT NULL, person_ref text NOT NULL);
      CREATE INDEX IF NOT EXISTS psp_person_cases_by_person ON psp_person_cases (person_id);
      CREATE TABLE IF NOT EXISTS psp_person_pending_matches (
        case_id text PRIMARY KEY, candidate_person_id text NOT NULL, blind_index text NOT NULL);
    `);
    return new PostgresVaultStorage(pool);
  }

  async put(personRef: string, sealed: SealedRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO psp_vault_records (person_ref, wrapped_key, iv, ciphertext, tag) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (person_ref) DO UPDATE SET wrapped_key = excluded.wrapped_key, iv = excluded.iv,
         ciphertext = excluded.ciphertext, tag = excluded.tag`,
      [personRef, sealed.wrappedKey, sealed.iv, sealed.ciphertext, sealed.tag],
    );
  }

  async get(personRef: string): Promise<SealedRecord | undefined> {
    const { rows } = await this.pool.query<{
      wrapped_key: Buffer;
      iv: Buffer;
      ciphertext: Buffer;
      tag: Buffer;
    }>('SELECT wrapped_key, iv, ciphertext, tag FROM psp_vault_records WHERE person_ref = $1', [personRef]);
    const row = rows[0];
    return row && { wrappedKey: row.wrapped_key, iv: row.iv, ciphertext: row.ciphertext, tag: row.tag };
  }

  async erase(personRef: string, erasedAt: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('DELETE FROM psp_vault_records WHERE person_ref = $1', [personRef]);
      await client.query(
        'INSERT INTO psp_vault_erasures (person_ref, erased_at) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [personRef, erasedAt],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async isErased(personRef: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM psp_vault_erasures WHERE person_ref = $1', [
      personRef,
    ]);
    return rows.length > 0;
  }

  async addIndexEntry(blindIndex: string, personId: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO psp_person_index (blind_index, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [blindIndex, personId],
    );
  }

  async personsByIndex(blindIndex: string): Promise<readonly string[]> {
    const { rows } = await this.pool.query<{ person_id: string }>(
      'SELECT person_id FROM psp_person_index WHERE blind_index = $1 ORDER BY person_id',
      [blindIndex],
    );
    return rows.map((row) => row.person_id);
  }

  async linkCase(personId: string, link: PersonCaseLink): Promise<void> {
    await this.pool.query(
      `INSERT INTO psp_person_cases (case_id, person_id, person_ref) VALUES ($1, $2, $3)
       ON CONFLICT (case_id) DO UPDATE SET person_id = excluded.person_id, person_ref = excluded.person_ref`,
      [link.caseId, personId, link.personRef],
    );
  }

  async casesOfPerson(personId: string): Promise<readonly PersonCaseLink[]> {
    const { rows } = await this.pool.query<{ case_id: string; person_ref: string }>(
      'SELECT case_id, person_ref FROM psp_person_cases WHERE person_id = $1 ORDER BY case_id',
      [personId],
    );
    return rows.map((row) => ({ caseId: row.case_id, personRef: row.person_ref }));
  }

  async personOfCase(caseId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ person_id: string }>(
      'SELECT person_id FROM psp_person_cases WHERE case_id = $1',
      [caseId],
    );
    return rows[0]?.person_id;
  }

  async putPendingMatch(match: PendingPersonMatch): Promise<void> {
    await this.pool.query(
      `INSERT INTO psp_person_pending_matches (case_id, candidate_person_id, blind_index) VALUES ($1, $2, $3)
       ON CONFLICT (case_id) DO NOTHING`,
      [match.caseId, match.candidatePersonId, match.blindIndex],
    );
  }

  async pendingMatch(caseId: string): Promise<PendingPersonMatch | undefined> {
    const { rows } = await this.pool.query<{ candidate_person_id: string; blind_index: string }>(
      'SELECT candidate_person_id, blind_index FROM psp_person_pending_matches WHERE case_id = $1',
      [caseId],
    );
    const row = rows[0];
    return row && { caseId, candidatePersonId: row.candidate_person_id, blindIndex: row.blind_index };
  }

  async deletePendingMatch(caseId: string): Promise<void> {
    await this.pool.query('DELETE FROM psp_person_pending_matches WHERE case_id = $1', [caseId]);
  }

  async forgetPerson(personId: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `DELETE FROM psp_person_pending_matches
         WHERE candidate_person_id = $1 OR case_id IN (SELECT case_id FROM psp_person_cases WHERE person_id = $1)`,
        [personId],
      );
      await client.query('DELETE FROM psp_person_index WHERE person_id = $1', [personId]);
      await client.query('DELETE FROM psp_person_cases WHERE person_id = $1', [personId]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }

  async unlinkCase(caseId: string): Promise<void> {
    await this.pool.query('DELETE FROM psp_person_pending_matches WHERE case_id = $1', [caseId]);
    await this.pool.query('DELETE FROM psp_person_cases WHERE case_id = $1', [caseId]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
