import { ReadModelDatabase } from '@psp/projections';

/** What one request costs against a shared limit: allowed, or refused with the seconds to wait. */
export type SharedTake =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

const TABLE = 'security_rate_buckets';

/**
 * Token buckets for the rate limits (R8) in PostgreSQL, shared by every API instance on the
 * database (docs/adr/0016): one row per category and key, refilled and spent in one atomic
 * `INSERT … ON CONFLICT DO UPDATE`, with the database's clock, so N instances count one allowance,
 * not N. Rows of buckets idle for an hour (full again) are deleted now and then.
 */
export class SharedRateLimits {
  private takes = 0;

  constructor(private readonly db: ReadModelDatabase) {
    if (db.dialect !== 'postgres') throw new Error('shared rate limits need PostgreSQL');
  }

  async ensureSchema(): Promise<void> {
    // Instances starting together: CREATE TABLE IF NOT EXISTS is not safe against itself.
    await this.db.transaction(async (tx) => {
      await tx.all('SELECT pg_advisory_xact_lock(hashtext(?))', [TABLE]);
      await tx.run(
        `CREATE TABLE IF NOT EXISTS ${TABLE} (
           bucket TEXT PRIMARY KEY,
           tokens DOUBLE PRECISION NOT NULL,
           updated_ms BIGINT NOT NULL,
           allowed BOOLEAN NOT NULL
         )`,
      );
    });
  }

  /** Takes one token of `capacity` per `refillMs` for `bucket`, or says how long to wait. */
  async take(bucket: string, capacity: number, refillMs: number): Promise<SharedTake> {
    const refilled = `LEAST(?::float8, b.tokens + GREATEST(0, now_ms.v - b.updated_ms) * ?::float8 / ?::float8)`;
    const rows = await this.db.all<{ allowed: boolean; tokens: number }>(
      `WITH now_ms AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS v)
       INSERT INTO ${TABLE} AS b (bucket, tokens, updated_ms, allowed)
       SELECT ?, ?::float8 - 1, now_ms.v, true FROM now_ms
       ON CONFLICT (bucket) DO UPDATE SET
         tokens = ${refilled} - CASE WHEN ${refilled} >= 1 THEN 1 ELSE 0 END,
         updated_ms = GREATEST(b.updated_ms, (SELECT v FROM now_ms)),
         allowed = ${refilled} >= 1
       RETURNING allowed, tokens`.replace(/now_ms\.v - b/g, '(SELECT v FROM now_ms) - b'),
      [
        bucket,
        capacity,
        ...[capacity, capacity, refillMs],
        ...[capacity, capacity, refillMs],
        ...[capacity, capacity, refillMs],
      ],
    );
    if ((this.takes += 1) % 1000 === 0) void this.prune();
    const row = rows[0];
    if (row.allowed) return { allowed: true };
    const msPerToken = refillMs / capacity;
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(((1 - Number(row.tokens)) * msPerToken) / 1000)),
    };
  }

  private async prune(): Promise<void> {
    await this.db
      .run(
        `DELETE FROM ${TABLE} WHERE updated_ms < (extract(epoch FROM clock_timestamp()) * 1000)::bigint - 3600000`,
      )
      .catch(() => undefined);
  }
}
