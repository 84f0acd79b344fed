import { openSchemaPool } from '@psp/event-store';
import { Pool } from 'pg';
import { SealedRecord, VaultStorage } from './vault-storage';

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

  async close(): Promise<void> {
    await this.pool.end();
  }
}
