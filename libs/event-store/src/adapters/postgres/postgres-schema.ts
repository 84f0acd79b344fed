import { Pool, PoolClient } from 'pg';

/**
 * Versioned schema, applied in order on open under an advisory lock, so several API instances
 * starting together migrate once. Add a step to change the schema; never edit one that has shipped.
 */
const MIGRATIONS: readonly { version: number; description: string; sql: string }[] = [
  {
    version: 1,
    description: 'events and streams with transaction-ordered global positions',
    sql: `
      CREATE TABLE psp_streams (
        stream_id text   PRIMARY KEY,
        revision  bigint NOT NULL
      );
      CREATE TABLE psp_events (
        -- transaction id * 16384 + index in the append: see docs/adr/0002
        global_position bigint      PRIMARY KEY,
        stream_id       text        NOT NULL,
        revision        bigint      NOT NULL,
        event_id        uuid        NOT NULL UNIQUE,
        type            text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, revision)
      );
    `,
  },
  {
    version: 2,
    description: 'snapshots of folded streams (ADR 0027)',
    // One row per stream and machine version, its latest. text, not jsonb: given back byte for byte
    // as the workflow wrote it (jsonb would reorder keys and normalise numbers).
    sql: `
      CREATE TABLE psp_snapshots (
        stream_id       text        NOT NULL,
        machine_version text        NOT NULL,
        revision        bigint      NOT NULL,
        event_id        uuid        NOT NULL,
        state           text        NOT NULL,
        commands        text        NOT NULL,
        written_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, machine_version)
      );
    `,
  },
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
const MIGRATION_LOCK = 7_121_912; // any constant shared by every instance (R.121-12-…)

export async function migratePostgres(client: PoolClient, schema: string): Promise<number> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await ensurePostgresSchema(client, schema);
    await client.query(`CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.psp_schema_migrations (
      version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM ${quoteIdent(schema)}.psp_schema_migrations`,
    );
    const applied = new Set(rows.map((r) => r.version));
    for (const step of MIGRATIONS) {
      if (applied.has(step.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
        await client.query(step.sql);
        await client.query('INSERT INTO psp_schema_migrations (version, description) VALUES ($1, $2)', [
          step.version,
          step.description,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
  return POSTGRES_SCHEMA_VERSION;
}

/**
 * `CREATE SCHEMA IF NOT EXISTS` that tolerates another connection creating the same schema at the
 * same moment (the store, the vault and the read views open together on one database).
 */
export async function ensurePostgresSchema(
  db: { query(sql: string): Promise<unknown> },
  schema: string,
): Promise<void> {
  try {
    await db.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw error;
  }
}

export interface SchemaPool {
  readonly pool: Pool;
  /** The schema of `?schema=` (default `public`), every connection's search_path. */
  readonly schema: string;
  /** The URL without `?schema=`, as libpq reads it. */
  readonly connectionString: string;
}

/** A pool on the schema a libpq URL names with `?schema=name` (default `public`); nothing is created yet. */
export function schemaPool(url: string, options: { readonly max: number }): SchemaPool {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? 'public';
  quoteIdent(schema);
  parsed.searchParams.delete('schema');
  const connectionString = parsed.toString();
  const pool = new Pool({ connectionString, max: options.max, options: `-c search_path=${schema}` });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return { pool, schema, connectionString };
}

/** A pool on the schema of the URL's `?schema=`, created if missing (the vault, the read views). */
export async function openSchemaPool(url: string, options: { readonly max: number }): Promise<Pool> {
  const { pool, schema } = schemaPool(url, options);
  await ensurePostgresSchema(pool, schema);
  return pool;
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid PostgreSQL schema name: ${name}`);
  return `"${name}"`;
}
