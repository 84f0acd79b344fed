import { ReadModelDatabase } from '../read-model/read-model-database';

/** Bookkeeping tables of the projector, in the read-model database. */
export async function createProjectorTables(db: ReadModelDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.run(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      projection TEXT NOT NULL, version BIGINT NOT NULL, position TEXT NOT NULL, events BIGINT NOT NULL,
      updated_at TEXT NOT NULL, PRIMARY KEY (projection, version))`);
    await tx.run(`CREATE TABLE IF NOT EXISTS projection_active (
      projection TEXT PRIMARY KEY, version BIGINT NOT NULL, swapped_at TEXT NOT NULL)`);
    await tx.run(`CREATE TABLE IF NOT EXISTS projection_parked (
      projection TEXT NOT NULL, version BIGINT NOT NULL, stream_id TEXT NOT NULL, position TEXT NOT NULL,
      event_type TEXT NOT NULL, error TEXT NOT NULL, parked_at TEXT NOT NULL,
      PRIMARY KEY (projection, version, stream_id))`);
  });
}
