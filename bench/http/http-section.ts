import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InMemoryEventStore, SqliteEventStore } from '@psp/event-store';
import { Projector, SqliteReadModel, allProjections } from '@psp/projections';
import { issueDevToken } from '@psp/security';
import { BenchDatabase } from '../contenders/postgres-database';
import { caseHistory } from '../fixtures/case-events';
import { seedCase } from '../fixtures/seed-case';
import { summarizeCpuProfiles } from '../harness/cpu-profile';
import { formatMs, formatRate } from '../harness/format';
import { Goal, atLeast, below } from '../harness/goals';
import { printTable } from '../harness/table';
import { ApiProcess, ROOT, startApi, startFloor } from './api-process';
import { LoadResult, loadTest } from './open-loop';
import {
  BackendCpu,
  POSTGRES_SCHEMA,
  copyCasesPostgres,
  procCpuSeconds,
  projectPostgres,
  schemaUrl,
} from './postgres-api';

export interface HttpOptions {
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly connections: number;
  /** Case lengths, one set of rows each (events already in each case when the row starts). */
  readonly caseLengths: readonly number[];
  /** The case lengths that also get the fixed-rate rows and the cold row (the others: max only). */
  readonly rateCaseLengths: readonly number[];
  /** Commands per case in a row: a row's cases go from `length` to at most `length + this`. */
  readonly commandsPerCase: number;
  /** Distinct bearer tokens (users) the commands are spread over. */
  readonly tokens: number;
  readonly profileApi: boolean;
}

interface Row {
  readonly server: string;
  /** The API's fold cache held the row's cases when it started (warmed by reads), or not. */
  readonly cache?: 'warm' | 'cold';
  readonly length: number | undefined;
  readonly asked: number | undefined;
  readonly cases: number;
  readonly result: LoadResult;
  /** CPU the server process used during the row, per acknowledged (2xx) command. */
  readonly cpuMsPerAck: number;
  /** The same, of the server's main thread alone (where its JavaScript runs). */
  readonly mainThreadMsPerAck: number;
  /** Share of the row's seconds the server's main thread spent on a CPU. */
  readonly mainThreadBusy: number;
  /** CPU the load generator (this process) used during the row, per acknowledged command. */
  readonly generatorMsPerAck: number;
  /** PostgreSQL rows: CPU of the database's server backends during the row, per acknowledged command. */
  readonly backendCpuMsPerAck?: number;
}

/** One API process under test, its seeded cases (pools by `length/row`) and its users' tokens. */
interface Target {
  readonly name: string;
  readonly api: ApiProcess;
  readonly pools: ReadonlyMap<string, string[]>;
  readonly tokens: readonly string[];
  readonly reader: string;
  /** An auditor's token, to read the projector's progress at /health. */
  readonly auditor: string;
  readonly profileDir?: string;
  /** PostgreSQL: the CPU of the run database's backends (undefined when /proc cannot show them). */
  readonly backends?: BackendCpu;
}

type Template = Awaited<ReturnType<typeof templateOf>>;
type Copy = (template: Template, count: number) => Promise<string[]>;

const DEPARTEMENT = '69';
const WARM_UP_SECONDS = 3;
export const FOLLOW_UP = JSON.stringify({
  recordedOn: '2024-04-02',
  sessionId: 'session-69-2024-04-02',
  safetyConcern: false,
  accessToRightsConcern: false,
  commitmentsKept: 'kept',
});

/**
 * Item 4 of issue #16: commands over HTTP at fixed arrival rates (open loop, coordinated omission
 * corrected) with a fixed number of connections, beside the floor (a bare Fastify route doing one
 * durable SQLite insert) in the same run; cases of a fixed length per row; CPU per acknowledged
 * command; the commands spread over several users' tokens. The API on SQLite, and on PostgreSQL
 * (events, read views and vault in one schema of the run's database) unless `--skip-postgres`.
 */
export async function runHttp(
  options: HttpOptions,
  tmp: string,
  database: BenchDatabase | undefined,
): Promise<Goal[]> {
  console.log('\n- building the API: npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  // PSP_BENCH_PROJECTOR=external: the API runs without its in-process projector (PROJECTOR=external).
  const projectorMode = process.env.PSP_BENCH_PROJECTOR === 'external' ? 'external' : 'internal';
  const rowsPlanned = [...options.rates, undefined];
  const templates = new Map<number, Template>();
  for (const length of options.caseLengths) templates.set(length, await templateOf(length));

  const targets: Target[] = [];
  let floor: ApiProcess | undefined;
  const rows: Row[] = [];
  try {
    const sqliteDir = freshDir(join(tmp, 'http-sqlite'));
    const file = join(sqliteDir, 'events.sqlite');
    targets.push(
      await startTarget('API (SQLite)', options, sqliteDir, templates, projectorMode, {
        copy: async (template, count) => copyCases(file, template, count),
        project: async () => {
          const store = new SqliteEventStore({ file });
          const db = new SqliteReadModel(join(sqliteDir, 'psp-read.sqlite'));
          await catchUp(new Projector(store, db, allProjections(store)));
          await db.close();
          await store.close();
        },
        env: { EVENT_STORE_URL: `sqlite:${file}` },
      }),
    );
    if (database) {
      const postgresDir = freshDir(join(tmp, 'http-postgres'));
      // As the README's "Choosing the event store" deploys it: one URL with ?schema=, READ_MODEL_URL
      // and VAULT_URL unset, so the read views and the vault sit beside the events (same schema).
      targets.push(
        await startTarget('API (PostgreSQL)', options, postgresDir, templates, projectorMode, {
          copy: (template, count) => copyCasesPostgres(database.url, template, count),
          project: () => projectPostgres(database.url),
          env: { EVENT_STORE_URL: schemaUrl(database.url) },
          backends: () => BackendCpu.open(database.url, database.name),
        }),
      );
    }
    floor = await startFloor(join(sqliteDir, 'floor.sqlite'), join(sqliteDir, 'floor.log'));

    const command = (target: Target | undefined, cases: readonly string[]) =>
      followUpCommand(cases, (target ?? targets[0]).tokens.slice(0, options.tokens));
    /** Reads every case of a pool once (GET /cases/{id}): the API's fold cache then holds them. */
    const warm = async (target: Target, cases: readonly string[]) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: options.connections }, async () => {
          while (next < cases.length) {
            const id = cases[next++];
            const res = await fetch(`${target.api.baseUrl}/cases/${id}`, {
              headers: { authorization: `Bearer ${target.reader}` },
            });
            if (!res.ok) throw new Error(`GET /cases/${id} answered ${res.status} (${target.name})`);
            await res.arrayBuffer();
          }
        }),
      );
    };
    const measure = async (
      target: Target | undefined,
      cases: readonly string[],
      asked?: number,
      length?: number,
      cache?: 'warm' | 'cold',
    ) => {
      const server = target?.api ?? floor!;
      if (target && cache === 'warm') await warm(target, cases);
      const backendsBefore = await target?.backends?.sample();
      const before = procCpuSeconds(server.child.pid!);
      const mainBefore = procCpuSeconds(server.child.pid!, 'all', 'main thread');
      const generatorBefore = process.cpuUsage();
      const result = await loadTest({
        baseUrl: server.baseUrl,
        connections: options.connections,
        seconds: options.seconds,
        rate: asked,
        request: command(target, cases),
      });
      const cpu = procCpuSeconds(server.child.pid!) - before;
      const main = procCpuSeconds(server.child.pid!, 'all', 'main thread') - mainBefore;
      const generator = process.cpuUsage(generatorBefore);
      const backendCpu = backendsBefore && (await target!.backends!.since(backendsBefore));
      const perAck = (seconds: number) => (seconds * 1000) / Math.max(1, result.ok);
      rows.push({
        server: target?.name ?? 'floor',
        cache,
        length,
        asked,
        cases: cases.length,
        result,
        cpuMsPerAck: perAck(cpu),
        mainThreadMsPerAck: perAck(main),
        mainThreadBusy: main / result.seconds,
        generatorMsPerAck: perAck((generator.user + generator.system) / 1e6),
        backendCpuMsPerAck: backendCpu === undefined ? undefined : perAck(backendCpu),
      });
    };
    // Unmeasured warm-up (JIT) on every server, on cases of their own.
    for (const target of targets) {
      for (const length of options.caseLengths) {
        await loadTest({
          baseUrl: target.api.baseUrl,
          connections: options.connections,
          seconds: WARM_UP_SECONDS,
          request: command(target, target.pools.get(`${length}/warm`)!),
        });
      }
    }
    await loadTest({
      baseUrl: floor.baseUrl,
      connections: options.connections,
      seconds: WARM_UP_SECONDS,
      request: command(undefined, ['warm']),
    });
    // The warm-up's events projected before the first row, so no backlog of it runs during the rows.
    if (projectorMode === 'internal')
      for (const target of targets) await projectorCaughtUp(target.api, target.auditor);
    // Each rate on the floor, then on each API for every case length, side by side.
    for (const asked of rowsPlanned) {
      await measure(undefined, [randomUUID()], asked);
      for (const target of targets) {
        for (const length of options.caseLengths) {
          const pool = target.pools.get(`${length}/${asked ?? 'max'}`);
          if (pool) await measure(target, pool, asked, length, 'warm');
        }
      }
    }
    // The same at max on cases the API has not seen since it started: every command folds its case whole.
    for (const target of targets) {
      for (const length of options.rateCaseLengths) {
        const pool = target.pools.get(`${length}/max-cold`);
        if (pool) await measure(target, pool, undefined, length, 'cold');
      }
    }
  } finally {
    for (const target of targets) {
      await target.api.stop();
      await target.backends?.close();
    }
    await floor?.stop();
  }
  const floorAt = (asked: number | undefined) => rows.find((r) => r.server === 'floor' && r.asked === asked)!;
  const postgres = targets.find((t) => t.name === 'API (PostgreSQL)');
  printTable(
    '5. HTTP: commands at fixed arrival rates, beside the floor (same run)',
    [
      'server',
      'fold cache',
      'case length',
      'asked req/s',
      'sent',
      '2xx/s',
      'failed',
      'p50 ms',
      'p99 ms',
      'max ms',
      'CPU ms per 2xx',
      '÷ floor CPU',
      'main thread CPU ms per 2xx',
      'main thread busy',
      'load generator CPU ms per 2xx',
      ...(postgres ? ['PostgreSQL backends CPU ms per 2xx'] : []),
    ],
    rows.map((r) => [
      r.server,
      r.cache ?? '',
      r.length === undefined ? '' : `${r.length}–${r.length + Math.ceil(r.result.sent / r.cases)}`,
      r.asked === undefined ? 'max' : formatRate(r.asked),
      r.result.sent,
      formatRate(r.result.ok / r.result.seconds),
      r.result.failed,
      formatMs(r.result.p50),
      formatMs(r.result.p99),
      formatMs(r.result.max),
      r.cpuMsPerAck.toFixed(3),
      r.server === 'floor' ? '1.00×' : `${(r.cpuMsPerAck / floorAt(r.asked).cpuMsPerAck).toFixed(2)}×`,
      r.mainThreadMsPerAck.toFixed(3),
      `${Math.round(r.mainThreadBusy * 100)} %`,
      r.generatorMsPerAck.toFixed(3),
      ...(postgres ? [r.backendCpuMsPerAck === undefined ? '' : r.backendCpuMsPerAck.toFixed(3)] : []),
    ]),
    [
      `POST \`/cases/{id}/record-commission-follow-up\` (PSP-12): each 2xx appended one event. The API: \`node dist/apps/api/src/main.js\`, its in-process projector ${projectorMode === 'internal' ? 'on' : 'off (PROJECTOR=external: no projector ran during the rows)'}, dev tokens of ${options.tokens} different users (round robin), rate limits off, scheduler off, notification outbox off (NOTIFY_INTERVAL_MS=0)`,
      'API (SQLite): EVENT_STORE_URL=sqlite:<file> (WAL, synchronous=FULL, group commit), read views and vault in SQLite files of their own beside it (the defaults)',
      database
        ? `API (PostgreSQL): PostgreSQL ${database.serverVersion} on this machine (127.0.0.1, synchronous_commit=${database.synchronousCommit}, the server's default), the run's own database ${database.name}; EVENT_STORE_URL=postgres://…/${database.name}?schema=${POSTGRES_SCHEMA}, READ_MODEL_URL and VAULT_URL unset, so the read views and the vault sit beside the events in the same schema, as the README ("Choosing the event store") and docs/security.md ("Several API instances") deploy it; its pools are the defaults (event store 10 connections, read views 5). Cases copied with one multi-row INSERT … FROM unnest per transaction of ≤ 16,384 events, positioned as the store's appends are (bench/http/postgres-api.ts)`
        : 'PostgreSQL over HTTP: not measured in this run (--skip-postgres, or the server was not usable)',
      'floor: a bare Fastify route doing one durable SQLite insert per request (WAL, synchronous=FULL), its own process (bench/http/floor-server.ts)',
      `load: bench/http/open-loop.ts in the benchmark process, ${options.connections} keep-alive connections, ${options.seconds} s per row. Fixed rates are open loop: request i is due at i ÷ rate and its latency counts from then (coordinated-omission corrected: time spent waiting for a connection counts). "max" is closed loop (each connection sends on the previous answer), latency from send`,
      `case length: each row has cases of its own, all of that length at the row's start, bulk-copied from one case written through executeCommand (bench/fixtures/case-events.ts), their read views built before the API started; commands go round robin over them, so a case ends the row at most at the length shown. "warm": just before the row, each of its cases was read once (GET /cases/{id} as the prefecture, unmeasured), so the API's fold cache (ADR 0023) holds them, as it does for the cases a running API works on; "cold": cases the API has not seen since it started, each command folds its case whole from the store`,
      "CPU ms per 2xx: the server process's user + system CPU during the row (/proc/<pid>/stat) ÷ the acknowledged commands; the load generator shares the 2 CPUs and is not counted there",
      "main thread: the same for the server's main thread alone (/proc/<pid>/task/<pid>/stat), where Node runs its JavaScript and better-sqlite3 its statements; busy: its CPU seconds ÷ the row's seconds. One thread: a server cannot acknowledge more than 1,000 ÷ (main thread ms per 2xx) commands a second, whatever the cores",
      'load generator CPU ms per 2xx: the user + system CPU of the benchmark process (which runs the load) during the row ÷ the acknowledged commands: its share of the same 2 CPUs',
      ...(postgres
        ? [
            postgres.backends
              ? `PostgreSQL backends CPU ms per 2xx: the user + system CPU of the PostgreSQL server processes serving ${database!.name} (its backends in pg_stat_activity, the watcher's own excluded; /proc/<pid>/stat) during the row ÷ the acknowledged commands, on top of the API's own. Not counted: the server's shared processes (walwriter, checkpointer, background writer), and a backend that exited during the row`
              : 'PostgreSQL backends CPU: not read (the server processes are not visible in /proc here)',
          ]
        : []),
      `before the rows, ${WARM_UP_SECONDS} s of unmeasured commands per case length on each API and on the floor, then each API's projector caught up on them`,
      ...(options.profileApi
        ? ["the APIs ran under --cpu-prof: the figures carry the profiler's overhead"]
        : []),
    ],
  );
  for (const target of targets) if (target.profileDir) printProfile(target.name, target.profileDir);
  return goals(options, rows, floorAt);
}

/** The issue's targets, from the warm rows. */
function goals(
  options: HttpOptions,
  rows: readonly Row[],
  floorAt: (asked: number | undefined) => Row,
): Goal[] {
  const goals: Goal[] = [];
  const at = (server: string, length: number, asked: number | undefined) =>
    rows.find((r) => r.server === server && r.cache === 'warm' && r.length === length && r.asked === asked);
  const rate = (row: Row) => row.result.ok / row.result.seconds;
  const fifty = at('API (SQLite)', 50, undefined);
  if (fifty) {
    goals.push(
      below(
        'HTTP SQLite: CPU per command on 50-event cases ÷ floor (max rate)',
        fifty.cpuMsPerAck / floorAt(undefined).cpuMsPerAck,
        3,
        (n) => `${n.toFixed(2)}×`,
      ),
      atLeast(
        `HTTP SQLite: commands/s on 50-event cases, ${options.connections} connections`,
        rate(fifty),
        2_500,
        formatRate,
      ),
    );
  }
  const ten = at('API (SQLite)', 10, undefined);
  // Flat from 10- to 100-event cases: each longer case length against the 10-event rows.
  for (const length of options.caseLengths.filter((l) => l > 10)) {
    const longer = at('API (SQLite)', length, undefined);
    if (!longer || !ten) continue;
    goals.push(
      below(
        `HTTP SQLite: CPU per command, ${length}-event ÷ 10-event cases`,
        longer.cpuMsPerAck / ten.cpuMsPerAck,
        1.2,
        (n) => `${n.toFixed(2)}×`,
      ),
    );
  }
  const p99At1500 = at('API (SQLite)', 50, 1_500);
  if (p99At1500)
    goals.push(
      below('HTTP SQLite: p99 at 1,500/s on 50-event cases (ms)', p99At1500.result.p99, 15, formatMs),
    );
  const postgresFifty = at('API (PostgreSQL)', 50, undefined);
  if (postgresFifty)
    goals.push(
      atLeast(
        `HTTP PostgreSQL: commands/s on 50-event cases, ${options.connections} connections`,
        rate(postgresFifty),
        1_500,
        formatRate,
      ),
    );
  return goals;
}

/**
 * Seeds an API's store (each row its own cases, all of the row's length when it starts), builds
 * the read views of the seeded cases before the API starts (as for a deployment with data: the
 * API's own projector then only has the rows' new events to project), starts it and issues tokens.
 */
async function startTarget(
  name: string,
  options: HttpOptions,
  dataDir: string,
  templates: ReadonlyMap<number, Template>,
  projectorMode: 'internal' | 'external',
  store: {
    readonly copy: Copy;
    readonly project: () => Promise<void>;
    readonly env: Record<string, string>;
    readonly backends?: () => Promise<BackendCpu | undefined>;
  },
): Promise<Target> {
  // Enough cases for the highest rate asked: faster rows end with cases a few events longer
  // (the table shows each row's case lengths).
  const maxGuess = Math.max(...options.rates);
  const pools = new Map<string, string[]>();
  let seeded = 0;
  const seedStart = Date.now();
  for (const [length, template] of templates) {
    const withRates = options.rateCaseLengths.includes(length);
    for (const asked of [...(withRates ? options.rates : []), undefined]) {
      const count = Math.ceil(((asked ?? maxGuess) * options.seconds) / options.commandsPerCase);
      pools.set(`${length}/${asked ?? 'max'}`, await store.copy(template, count));
      seeded += count * length;
    }
    if (withRates) {
      const coldCount = Math.ceil((maxGuess * options.seconds) / options.commandsPerCase);
      pools.set(`${length}/max-cold`, await store.copy(template, coldCount));
      seeded += coldCount * length;
    }
    pools.set(`${length}/warm`, await store.copy(template, 200));
    seeded += 200 * length;
  }
  console.log(
    `- ${name}: seeded ${seeded.toLocaleString('en-US')} events (${[...pools.values()].reduce((n, p) => n + p.length, 0)} cases) in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`,
  );
  const projectStart = Date.now();
  if (projectorMode === 'internal') await store.project();
  console.log(
    `- ${name}: read views of the seeded cases built in ${((Date.now() - projectStart) / 1000).toFixed(0)} s`,
  );
  const env = {
    ...store.env,
    DATA_DIR: dataDir,
    SCHEDULER_INTERVAL_MS: '0',
    RATE_LIMITS: 'off',
    PROJECTOR: projectorMode,
    // The notification outbox's first pass over a log of half a million seeded events holds the
    // event loop for minutes (one long statement on the read model): off while measuring commands.
    NOTIFY_INTERVAL_MS: '0',
  };
  const profileDir = options.profileApi ? join(dataDir, 'cpu-profile') : undefined;
  const api = await startApi(
    env,
    join(dataDir, 'api.log'),
    profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  try {
    const keyFile = join(dataDir, 'dev-signing-key.json');
    const auditor = await issueDevToken(keyFile, { subject: 'bench-auditor', role: 'auditor' });
    if (projectorMode === 'internal') await projectorCaughtUp(api, auditor);
    const tokens = await Promise.all(
      Array.from({ length: options.tokens }, (_, i) =>
        issueDevToken(keyFile, {
          subject: `bench-secretariat-${i}`,
          role: 'commission_secretariat',
          departement: DEPARTEMENT,
        }),
      ),
    );
    const reader = await issueDevToken(keyFile, {
      subject: 'bench-prefecture',
      role: 'prefecture',
      departement: DEPARTEMENT,
    });
    const backends = await store.backends?.();
    return { name, api, pools, tokens, reader, auditor, profileDir, backends };
  } catch (error) {
    await api.stop();
    throw error;
  }
}

function freshDir(path: string): string {
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return path;
}

async function catchUp(projector: Projector): Promise<void> {
  try {
    await projector.start();
    await projector.waitUntilCaughtUp(900_000);
  } finally {
    await projector.stop();
  }
}

/** The i-th command of a run: a follow-up on the cases in turn, by the users' tokens in turn. */
export function followUpCommand(cases: readonly string[], tokens: readonly string[]) {
  return (i: number) => ({
    method: 'POST' as const,
    path: `/cases/${cases[i % cases.length]}/record-commission-follow-up`,
    headers: {
      authorization: `Bearer ${tokens[i % tokens.length]}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: FOLLOW_UP,
  });
}

/** One case of `length` events, written through executeCommand (the real envelopes). */
export async function templateOf(length: number) {
  const store = new InMemoryEventStore();
  await seedCase(store, 'template', caseHistory(length, `P-BENCH-${length}`));
  return store.readStream('psp-case-template');
}

/** `count` copies of the template under new case and event ids, straight into the store's tables. */
export function copyCases(
  file: string,
  template: Awaited<ReturnType<typeof templateOf>>,
  count: number,
): string[] {
  new SqliteEventStore({ file }).close(); // creates the schema
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const stream = db.prepare('INSERT INTO streams (stream_id, revision) VALUES (?, ?)');
  const ids = Array.from({ length: count }, () => randomUUID());
  const rows = template.map(
    (e) => [e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), e.recordedAt] as const,
  );
  db.transaction(() => {
    for (const id of ids) {
      rows.forEach(([type, data, metadata, recordedAt], revision) =>
        insert.run(`psp-case-${id}`, revision, randomUUID(), type, data, metadata, recordedAt),
      );
      stream.run(`psp-case-${id}`, rows.length - 1);
    }
  })();
  db.close();
  return ids;
}

/** Waits until the API's projector has read the seeded log (so it does not run during the rows). */
async function projectorCaughtUp(api: ApiProcess, token: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const health = (await (
      await fetch(`${api.baseUrl}/health`, { headers: { authorization: `Bearer ${token}` } })
    )
      .json()
      .catch(() => ({}))) as {
      projections?: { caughtUp?: boolean }[];
    };
    const views = health.projections ?? [];
    if (views.length > 0 && views.every((v) => v.caughtUp)) return;
    if (Date.now() > deadline)
      throw new Error('the API projector did not catch up on the seeded events in 5 minutes');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function printProfile(name: string, profileDir: string): void {
  const { self, inclusive } = summarizeCpuProfiles(profileDir, 25);
  printTable(
    `5-profile. Where the time of the ${name} went (node --cpu-prof over the whole HTTP section)`,
    ['function (self time)', 'share', 'product function (inclusive)', 'share '],
    self.map((line, i) => [
      line.name,
      `${(line.share * 100).toFixed(1)}%`,
      inclusive[i]?.name ?? '',
      inclusive[i] ? `${(inclusive[i].share * 100).toFixed(1)}%` : '',
    ]),
  );
}
