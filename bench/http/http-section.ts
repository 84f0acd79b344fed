import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
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

export interface HttpOptions {
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly connections: number;
  /** Case lengths, one set of rows each (events already in each case when the row starts). */
  readonly caseLengths: readonly number[];
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
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}

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
 * command; the commands spread over several users' tokens. SQLite only (PostgreSQL: see the notes).
 */
export async function runHttp(
  options: HttpOptions,
  tmp: string,
  _database: BenchDatabase | undefined,
): Promise<Goal[]> {
  console.log('\n- building the API: npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const dataDir = join(tmp, 'http-sqlite');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'events.sqlite');
  const rates = options.rates;
  const rowsPlanned = [...rates, undefined];
  // Each row gets its own cases, all of the row's length when it starts.
  const maxGuess = Math.max(...rates) * 2;
  const pools = new Map<string, string[]>();
  let seeded = 0;
  const seedStart = Date.now();
  for (const length of options.caseLengths) {
    const template = await templateOf(length);
    for (const asked of rowsPlanned) {
      const count = Math.ceil(((asked ?? maxGuess) * options.seconds) / options.commandsPerCase);
      pools.set(`${length}/${asked ?? 'max'}`, copyCases(file, template, count));
      seeded += count * length;
    }
    const coldCount = Math.ceil((maxGuess * options.seconds) / options.commandsPerCase);
    pools.set(`${length}/max-cold`, copyCases(file, template, coldCount));
    seeded += coldCount * length;
    pools.set(`${length}/warm`, copyCases(file, template, 200));
  }
  console.log(
    `- seeded ${seeded.toLocaleString('en-US')} events (${[...pools.values()].reduce((n, p) => n + p.length, 0)} cases) in ${((Date.now() - seedStart) / 1000).toFixed(0)} s`,
  );

  // The read views of the seeded cases, built before the API starts (as for a deployment with
  // data): the API's own projector then only has the rows' new events to project.
  // PSP_BENCH_PROJECTOR=external: the API runs without its in-process projector (PROJECTOR=external).
  const projectorMode = process.env.PSP_BENCH_PROJECTOR === 'external' ? 'external' : 'internal';
  const projectStart = Date.now();
  if (projectorMode === 'internal') {
    const store = new SqliteEventStore({ file });
    const db = new SqliteReadModel(join(dataDir, 'psp-read.sqlite'));
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
  console.log(
    `- read views of the seeded cases built in ${((Date.now() - projectStart) / 1000).toFixed(0)} s`,
  );

  const env = {
    EVENT_STORE_URL: `sqlite:${file}`,
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
  const floor = await startFloor(join(dataDir, 'floor.sqlite'), join(dataDir, 'floor.log'));
  const rows: Row[] = [];
  try {
    if (projectorMode === 'internal')
      await projectorCaughtUp(
        api,
        await issueDevToken(join(dataDir, 'dev-signing-key.json'), {
          subject: 'bench-auditor',
          role: 'auditor',
        }),
      );
    const tokens = await Promise.all(
      Array.from({ length: options.tokens }, (_, i) =>
        issueDevToken(join(dataDir, 'dev-signing-key.json'), {
          subject: `bench-secretariat-${i}`,
          role: 'commission_secretariat',
          departement: DEPARTEMENT,
        }),
      ),
    );
    const command = (cases: readonly string[]) => (i: number) => ({
      method: 'POST' as const,
      path: `/cases/${cases[i % cases.length]}/record-commission-follow-up`,
      headers: {
        authorization: `Bearer ${tokens[i % tokens.length]}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: FOLLOW_UP,
    });
    const reader = await issueDevToken(join(dataDir, 'dev-signing-key.json'), {
      subject: 'bench-prefecture',
      role: 'prefecture',
      departement: DEPARTEMENT,
    });
    /** Reads every case of a pool once (GET /cases/{id}): the API's fold cache then holds them. */
    const warm = async (cases: readonly string[]) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: options.connections }, async () => {
          while (next < cases.length) {
            const id = cases[next++];
            const res = await fetch(`${api.baseUrl}/cases/${id}`, {
              headers: { authorization: `Bearer ${reader}` },
            });
            if (!res.ok) throw new Error(`GET /cases/${id} answered ${res.status}`);
            await res.arrayBuffer();
          }
        }),
      );
    };
    const measure = async (
      server: ApiProcess,
      name: string,
      cases: readonly string[],
      asked?: number,
      length?: number,
      cache?: 'warm' | 'cold',
    ) => {
      if (cache === 'warm') await warm(cases);
      const before = cpuSeconds(server.child.pid!);
      const result = await loadTest({
        baseUrl: server.baseUrl,
        connections: options.connections,
        seconds: options.seconds,
        rate: asked,
        request: command(cases),
      });
      const cpu = cpuSeconds(server.child.pid!) - before;
      rows.push({
        server: name,
        cache,
        length,
        asked,
        cases: cases.length,
        result,
        cpuMsPerAck: (cpu * 1000) / Math.max(1, result.ok),
      });
    };
    // Unmeasured warm-up (JIT) on both servers, on cases of their own.
    for (const length of options.caseLengths) {
      await loadTest({
        baseUrl: api.baseUrl,
        connections: options.connections,
        seconds: WARM_UP_SECONDS,
        request: command(pools.get(`${length}/warm`)!),
      });
    }
    await loadTest({
      baseUrl: floor.baseUrl,
      connections: options.connections,
      seconds: WARM_UP_SECONDS,
      request: command(['warm']),
    });
    // Each rate on the floor, then on the API for every case length, side by side.
    for (const asked of rowsPlanned) {
      await measure(floor, 'floor', [randomUUID()], asked);
      for (const length of options.caseLengths) {
        await measure(api, 'API (SQLite)', pools.get(`${length}/${asked ?? 'max'}`)!, asked, length, 'warm');
      }
    }
    // The same at max on cases the API has not seen since it started: every command folds its case whole.
    for (const length of options.caseLengths) {
      await measure(api, 'API (SQLite)', pools.get(`${length}/max-cold`)!, undefined, length, 'cold');
    }
  } finally {
    await api.stop();
    await floor.stop();
  }
  const floorAt = (asked: number | undefined) => rows.find((r) => r.server === 'floor' && r.asked === asked)!;
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
    ]),
    [
      `POST \`/cases/{id}/record-commission-follow-up\` (PSP-12): each 2xx appended one event. The API: \`node dist/apps/api/src/main.js\` on SQLite (WAL, synchronous=FULL, group commit), its in-process projector ${projectorMode === 'internal' ? 'on' : 'off (PROJECTOR=external: no projector ran during the rows)'}, dev tokens of ${options.tokens} different users (round robin), rate limits off, scheduler off, notification outbox off (NOTIFY_INTERVAL_MS=0)`,
      'floor: a bare Fastify route doing one durable SQLite insert per request (WAL, synchronous=FULL), its own process (bench/http/floor-server.ts)',
      `load: bench/http/open-loop.ts in the benchmark process, ${options.connections} keep-alive connections, ${options.seconds} s per row. Fixed rates are open loop: request i is due at i ÷ rate and its latency counts from then (coordinated-omission corrected: time spent waiting for a connection counts). "max" is closed loop (each connection sends on the previous answer), latency from send`,
      `case length: each row has cases of its own, all of that length at the row's start, bulk-copied from one case written through executeCommand (bench/fixtures/case-events.ts); commands go round robin over them, so a case ends the row at most at the length shown. "warm": just before the row, each of its cases was read once (GET /cases/{id} as the prefecture, unmeasured), so the API's fold cache (ADR 0023) holds them, as it does for the cases a running API works on; "cold": cases the API has not seen since it started, each command folds its case whole from the store`,
      "CPU ms per 2xx: the server process's user + system CPU during the row (/proc/<pid>/stat) ÷ the acknowledged commands; the load generator shares the 2 CPUs and is not counted",
      `before the rows, ${WARM_UP_SECONDS} s of unmeasured commands per case length on the API and on the floor`,
      'PostgreSQL over HTTP: not in this section (not measured in this run)',
      ...(options.profileApi
        ? ["the API ran under --cpu-prof: the figures carry the profiler's overhead"]
        : []),
    ],
  );
  if (profileDir) printProfile(profileDir);
  const goals: Goal[] = [];
  const at = (length: number, asked: number | undefined) =>
    rows.find((r) => r.server !== 'floor' && r.cache === 'warm' && r.length === length && r.asked === asked);
  const fifty = at(50, undefined);
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
        fifty.result.ok / fifty.result.seconds,
        2_500,
        formatRate,
      ),
    );
  }
  const ten = at(10, undefined);
  if (fifty && ten) {
    goals.push(
      below(
        'HTTP SQLite: CPU per command, 50-event ÷ 10-event cases',
        fifty.cpuMsPerAck / ten.cpuMsPerAck,
        1.2,
        (n) => `${n.toFixed(2)}×`,
      ),
    );
  }
  const p99At1500 = at(50, 1_500);
  if (p99At1500)
    goals.push(
      below('HTTP SQLite: p99 at 1,500/s on 50-event cases (ms)', p99At1500.result.p99, 15, formatMs),
    );
  return goals;
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

function printProfile(profileDir: string): void {
  const { self, inclusive } = summarizeCpuProfiles(profileDir, 25);
  printTable(
    "5-profile. Where the API's time went (node --cpu-prof over the whole HTTP section)",
    ['function (self time)', 'share', 'product function (inclusive)', 'share '],
    self.map((line, i) => [
      line.name,
      `${(line.share * 100).toFixed(1)}%`,
      inclusive[i]?.name ?? '',
      inclusive[i] ? `${(inclusive[i].share * 100).toFixed(1)}%` : '',
    ]),
  );
}
