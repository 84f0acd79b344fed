import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { PostgresEventStore } from '@psp/event-store';
import { Projector, PostgresReadModel, allProjections } from '@psp/projections';
import type { templateOf } from './http-section';

/** The schema the API's events, read views and vault share (README "Choosing the event store"). */
export const POSTGRES_SCHEMA = 'psp';

/** The run database's URL with `?schema=psp`: EVENT_STORE_URL of a PostgreSQL deployment. */
export function schemaUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('schema', POSTGRES_SCHEMA);
  return url.toString();
}

/** Events of one transaction share its block of positions (xid × 16384 + index, docs/adr/0002). */
const POSITIONS_PER_TRANSACTION = 16_384;

/**
 * `count` copies of the template under new case and event ids, straight into the PostgreSQL
 * tables (`psp_events`, `psp_streams`): one multi-row INSERT … SELECT FROM unnest per transaction
 * of at most 16,384 events, positioned as the store's own appends are (transaction id × 16384 +
 * index), so the global order stays that of the adapter.
 */
export async function copyCasesPostgres(
  databaseUrl: string,
  template: Awaited<ReturnType<typeof templateOf>>,
  count: number,
): Promise<string[]> {
  await (await PostgresEventStore.open({ url: schemaUrl(databaseUrl) })).close(); // creates the schema
  const client = new Client({ connectionString: databaseUrl, options: `-c search_path=${POSTGRES_SCHEMA}` });
  await client.connect();
  const ids = Array.from({ length: count }, () => randomUUID());
  const rows = template.map(
    (e) => [e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), e.recordedAt] as const,
  );
  const casesPerTransaction = Math.max(1, Math.floor(POSITIONS_PER_TRANSACTION / rows.length));
  try {
    for (let start = 0; start < ids.length; start += casesPerTransaction) {
      const chunk = ids.slice(start, start + casesPerTransaction).map((id) => `psp-case-${id}`);
      const columns: [string[], number[], string[], string[], string[], string[], string[]] = [
        [],
        [],
        [],
        [],
        [],
        [],
        [],
      ];
      for (const stream of chunk) {
        rows.forEach(([type, data, metadata, recordedAt], revision) => {
          columns[0].push(stream);
          columns[1].push(revision);
          columns[2].push(randomUUID());
          columns[3].push(type);
          columns[4].push(data);
          columns[5].push(metadata);
          columns[6].push(recordedAt);
        });
      }
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO psp_events (global_position, stream_id, revision, event_id, type, data, metadata, recorded_at)
         SELECT pg_current_xact_id()::text::bigint * ${POSITIONS_PER_TRANSACTION} + e.ord - 1,
                e.stream_id, e.revision, e.event_id, e.type, e.data, e.metadata, e.recorded_at
         FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::jsonb[], $6::jsonb[], $7::timestamptz[])
              WITH ORDINALITY AS e(stream_id, revision, event_id, type, data, metadata, recorded_at, ord)`,
        columns,
      );
      await client.query(
        'INSERT INTO psp_streams (stream_id, revision) SELECT s, $2::bigint FROM unnest($1::text[]) AS s',
        [chunk, rows.length - 1],
      );
      await client.query('COMMIT');
    }
    await client.query('ANALYZE psp_events');
    await client.query('ANALYZE psp_streams');
  } finally {
    await client.end();
  }
  return ids;
}

/** The read views of the copied cases, built in the run database's schema before the API starts. */
export async function projectPostgres(databaseUrl: string): Promise<void> {
  const url = schemaUrl(databaseUrl);
  const store = await PostgresEventStore.open({ url });
  const db = await PostgresReadModel.open(url);
  const projector = new Projector(store, db, allProjections(store));
  try {
    await projector.start();
    await projector.waitUntilCaughtUp(900_000);
  } finally {
    await projector.stop();
    await db.close();
    await store.close();
  }
}

/**
 * CPU (user + system, seconds) of the PostgreSQL server processes serving the run database: its
 * backends as `pg_stat_activity` lists them (this watcher's own excluded), read from /proc (the
 * server runs on this machine). `sample()` gives each backend's CPU so far; `since(before)` the CPU
 * used since, a backend started in between counting whole. A backend that exited in between is lost.
 */
export class BackendCpu {
  private constructor(
    private readonly client: Client,
    private readonly database: string,
  ) {}

  static async open(databaseUrl: string, database: string): Promise<BackendCpu | undefined> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const watcher = new BackendCpu(client, database);
    try {
      await watcher.sample();
      return watcher;
    } catch {
      await client.end(); // the server is not on this machine, or /proc is not readable
      return undefined;
    }
  }

  async sample(): Promise<Map<number, number>> {
    const { rows } = await this.client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [this.database],
    );
    const cpu = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        cpu.set(pid, procCpuSeconds(pid));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // exited meanwhile
      }
    }
    return cpu;
  }

  async since(before: Map<number, number>): Promise<number> {
    let total = 0;
    for (const [pid, seconds] of await this.sample()) total += seconds - (before.get(pid) ?? 0);
    return total;
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function procCpuSeconds(
  pid: number,
  which: 'all' | 'system' = 'all',
  scope: 'process' | 'main thread' = 'process',
): number {
  // The main thread's own line (its task id is the process id): where a Node process runs its
  // JavaScript, so 1 ÷ its CPU per request bounds the requests per second, whatever the cores.
  const path = scope === 'process' ? `/proc/${pid}/stat` : `/proc/${pid}/task/${pid}/stat`;
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime in clock ticks (USER_HZ = 100)
  return ((which === 'all' ? Number(fields[11]) : 0) + Number(fields[12])) / 100;
}
