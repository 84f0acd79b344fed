/**
 * Where one warm command's cost goes on PostgreSQL: the API on a database of the run's own
 * (events, read views and vault in schema `psp`, as deployed), only warm commands on cases of one
 * length (closed loop, 10 connections). Prints the API's and the database backends' CPU per
 * command, and per command what `pg_stat_database` and `pg_stat_user_tables` counted (commits,
 * rows written, index scans), so a change can be seen in statements as well as in CPU.
 *   node -r @swc-node/register bench/http/profile-warm-postgres.ts [length=50] [seconds=20] [rate]
 * With a rate, commands arrive at that rate (open loop): two builds compared at the same rate batch
 * alike, so their CPU per command compares even on a busy machine.
 * (run `npm run build` first; PSP_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres;
 * PROFILE=1 runs the API under `node --cpu-prof` and prints where its time went).
 */
import { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { issueDevToken } from '@psp/security';
import { createBenchDatabase } from '../contenders/postgres-database';
import { summarizeCpuProfiles } from '../harness/cpu-profile';
import { startApi } from './api-process';
import { followUpCommand, templateOf } from './http-section';
import { loadTest } from './open-loop';
import { BackendCpu, copyCasesPostgres, procCpuSeconds, projectPostgres, schemaUrl } from './postgres-api';
import { makeTempDir } from '../harness/temp-dir';

type Counters = Record<string, number>;

async function counters(client: Client, database: string): Promise<Counters> {
  const db = await client.query<Record<string, string>>(
    `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched
     FROM pg_stat_database WHERE datname = $1`,
    [database],
  );
  const tables = await client.query<{
    relname: string;
    n_tup_ins: string;
    n_tup_upd: string;
    idx_scan: string;
  }>(`SELECT relname, n_tup_ins, n_tup_upd, coalesce(idx_scan, 0) AS idx_scan FROM pg_stat_user_tables`);
  const out: Counters = {};
  for (const [k, v] of Object.entries(db.rows[0])) out[k] = Number(v);
  for (const t of tables.rows) {
    out[`${t.relname} ins`] = Number(t.n_tup_ins);
    out[`${t.relname} upd`] = Number(t.n_tup_upd);
    out[`${t.relname} idx_scan`] = Number(t.idx_scan);
  }
  return out;
}

/** The API's statement counts so far (COUNT_QUERIES=1: count-queries.js), or undefined. */
async function queryCounts(child: ChildProcess, file: string): Promise<Record<string, number> | undefined> {
  if (!process.env.COUNT_QUERIES) return undefined;
  rmSync(file, { force: true });
  child.kill('SIGWINCH');
  for (let i = 0; i < 100 && !existsSync(file); i += 1) await new Promise((r) => setTimeout(r, 20));
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
}

async function main(): Promise<void> {
  const length = Number(process.argv[2] ?? 50);
  const seconds = Number(process.argv[3] ?? 20);
  const rate = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
  const dir = makeTempDir('profile-pg').path;
  const database = await createBenchDatabase(
    process.env.PSP_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  try {
    const cases = await copyCasesPostgres(
      database.url,
      await templateOf(length),
      Number(process.env.CASES ?? 500),
    );
    await projectPostgres(database.url);
    const api = await startApi(
      {
        EVENT_STORE_URL: schemaUrl(database.url),
        DATA_DIR: dir,
        SCHEDULER_INTERVAL_MS: '0',
        RATE_LIMITS: 'off',
        NOTIFY_INTERVAL_MS: '0',
        PROJECTOR: process.env.PROJECTOR ?? 'internal',
        PSP_COUNT_QUERIES_FILE: join(dir, 'queries.json'),
      },
      join(dir, 'api.log'),
      [
        ...(process.env.COUNT_QUERIES ? ['-r', join(__dirname, 'count-queries.js')] : []),
        ...(process.env.PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'cpu-profile')}`] : []),
      ],
    );
    const stats = new Client({ connectionString: database.url });
    await stats.connect();
    const backends = await BackendCpu.open(database.url, database.name);
    try {
      const key = join(dir, 'dev-signing-key.json');
      const tokens = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          issueDevToken(key, { subject: `p-${i}`, role: 'commission_secretariat', departement: '69' }),
        ),
      );
      const reader = await issueDevToken(key, { subject: 'r', role: 'prefecture', departement: '69' });
      const request = followUpCommand(cases, tokens);
      for (const id of cases) {
        const res = await fetch(`${api.baseUrl}/cases/${id}`, {
          headers: { authorization: `Bearer ${reader}` },
        });
        await res.arrayBuffer();
      }
      // Unmeasured warm-up (JIT).
      await loadTest({ baseUrl: api.baseUrl, connections: 10, seconds: 3, request });
      await new Promise((r) => setTimeout(r, 1000));
      const queriesBefore = await queryCounts(api.child, join(dir, 'queries.json'));
      const countersBefore = await counters(stats, database.name);
      const backendsBefore = await backends?.sample();
      const before = procCpuSeconds(api.child.pid!);
      const result = await loadTest({ baseUrl: api.baseUrl, connections: 10, seconds, rate, request });
      const used = procCpuSeconds(api.child.pid!) - before;
      const backendCpu = backendsBefore && (await backends!.since(backendsBefore));
      // pg_stat counters are reported by backends at the end of a transaction, at most every 500 ms.
      await new Promise((r) => setTimeout(r, 1500));
      const countersAfter = await counters(stats, database.name);
      const queriesAfter = await queryCounts(api.child, join(dir, 'queries.json'));
      const per = (n: number) => (n / result.ok).toFixed(3);
      console.log(
        `${result.ok} ok, ${result.failed} failed, ${(result.ok / result.seconds).toFixed(0)}/s, API CPU ${per(used * 1000)} ms per command, backends CPU ${backendCpu === undefined ? '?' : per(backendCpu * 1000)} ms per command`,
      );
      for (const [k, v] of Object.entries(countersAfter)) {
        const d = v - (countersBefore[k] ?? 0);
        if (d !== 0) console.log(`  ${k.padEnd(40)} ${per(d)} per command`);
      }
      if (queriesAfter) {
        console.log('statements the API sent, per command:');
        let total = 0;
        for (const [k, v] of Object.entries(queriesAfter).sort((a, b) => b[1] - a[1])) {
          const d = v - (queriesBefore?.[k] ?? 0);
          total += d;
          if (d / result.ok >= 0.005) console.log(`  ${per(d)}  ${k}`);
        }
        console.log(`  ${per(total)}  in all`);
      }
    } finally {
      await backends?.close();
      await stats.end();
      await api.stop();
    }
  } finally {
    await database.drop();
  }
  if (process.env.PROFILE) {
    const { self, inclusive } = summarizeCpuProfiles(join(dir, 'cpu-profile'), 50);
    console.log('--- self');
    for (const l of self) console.log(`${(l.share * 100).toFixed(1).padStart(5)}%  ${l.name}`);
    console.log('--- inclusive (product)');
    for (const l of inclusive) console.log(`${(l.share * 100).toFixed(1).padStart(5)}%  ${l.name}`);
  }
  console.log(dir);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
