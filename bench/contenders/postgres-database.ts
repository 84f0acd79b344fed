import { Client } from 'pg';

export interface BenchDatabase {
  readonly name: string;
  /** URL of the new database (same server, user and options as the admin URL). */
  readonly url: string;
  readonly serverVersion: string;
  readonly synchronousCommit: string;
  drop(): Promise<void>;
}

/** Creates a database of the run's own (`psp_bench_<timestamp>`) on the server the admin URL names. */
export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `psp_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  let serverVersion: string;
  let synchronousCommit: string;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    serverVersion = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v"))
      .rows[0].v;
    synchronousCommit = (
      await admin.query<{ s: string }>("SELECT current_setting('synchronous_commit') AS s")
    ).rows[0].s;
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    serverVersion,
    synchronousCommit,
    async drop() {
      toleratePoolsOfDroppedDatabases();
      const client = new Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

let tolerating = false;

/**
 * `DROP DATABASE … WITH (FORCE)` ends the connections still open to it, and a pool that is not ours
 * to close (Emmett's: its `close()` can leave an idle client) emits the error its idle client then
 * gets with no listener, which would end the run after its tables were printed. That error alone
 * (57P01, "terminating connection due to administrator command") is let pass; any other uncaught
 * error still ends the run as before.
 */
function toleratePoolsOfDroppedDatabases(): void {
  if (tolerating) return;
  tolerating = true;
  process.on('uncaughtException', (error: Error & { code?: string }) => {
    if (error.code === '57P01') return;
    console.error(error);
    process.exit(1);
  });
}
