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
