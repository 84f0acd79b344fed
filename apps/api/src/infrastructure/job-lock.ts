import { ReadModelDatabase } from '@psp/projections';

/** Runs a job's work, or skips it when another instance is running the same job. */
export type JobLock = (work: () => Promise<void>) => Promise<void>;

/**
 * One run at a time across every API instance on one PostgreSQL database (docs/adr/0016): the run
 * holds a transaction-scoped advisory lock named after the job; an instance that does not get it
 * skips this tick (the holder is doing the work). The lock goes with the holder's connection, so
 * an instance killed mid-run frees it at once. On SQLite (one instance) the work just runs.
 */
export function exclusiveAcrossInstances(db: ReadModelDatabase, job: string): JobLock {
  if (db.dialect !== 'postgres') return (work) => work();
  return async (work) => {
    await db.transaction(async (tx) => {
      const [row] = await tx.all<{ locked: boolean }>(
        'SELECT pg_try_advisory_xact_lock(hashtext(?)) AS locked',
        [`psp-job:${job}`],
      );
      if (row?.locked) await work();
    });
  };
}
