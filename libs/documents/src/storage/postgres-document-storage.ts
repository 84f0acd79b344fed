import { openSchemaPool } from '@psp/event-store';
import { Pool } from 'pg';
import { DocumentStorage, assertStorageIds } from './document-storage';

/**
 * Sealed documents in PostgreSQL, one `bytea` row each (docs/adr/0020): several API instances
 * share them, backups and replication carry them with the events, and a purge is one DELETE.
 */
export class PostgresDocumentStorage implements DocumentStorage {
  readonly kind = 'postgres' as const;

  private constructor(private readonly pool: Pool) {}

  static async open(url: string): Promise<PostgresDocumentStorage> {
    const pool = await openSchemaPool(url, { max: 4 });
    await pool.query(`
      CREATE TABLE IF NOT EXISTS psp_documents (
        case_id text NOT NULL, document_id text NOT NULL, sealed bytea NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (case_id, document_id))`);
    return new PostgresDocumentStorage(pool);
  }

  async put(caseId: string, documentId: string, sealed: Buffer): Promise<void> {
    assertStorageIds(caseId, documentId);
    await this.pool.query(
      `INSERT INTO psp_documents (case_id, document_id, sealed) VALUES ($1, $2, $3)
       ON CONFLICT (case_id, document_id) DO NOTHING`,
      [caseId, documentId, sealed],
    );
  }

  async get(caseId: string, documentId: string): Promise<Buffer | undefined> {
    assertStorageIds(caseId, documentId);
    const { rows } = await this.pool.query<{ sealed: Buffer }>(
      'SELECT sealed FROM psp_documents WHERE case_id = $1 AND document_id = $2',
      [caseId, documentId],
    );
    return rows[0]?.sealed;
  }

  async delete(caseId: string, documentId: string): Promise<void> {
    assertStorageIds(caseId, documentId);
    await this.pool.query('DELETE FROM psp_documents WHERE case_id = $1 AND document_id = $2', [
      caseId,
      documentId,
    ]);
  }

  async deleteCase(caseId: string): Promise<number> {
    assertStorageIds(caseId);
    const result = await this.pool.query('DELETE FROM psp_documents WHERE case_id = $1', [caseId]);
    return result.rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
